"""The contents list: a tree of section headings that takes the reader anywhere in one click."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from kyphoreader.leaflet import Section

_ID_ROLE = Qt.ItemDataRole.UserRole


_ROW_PADDING = 8


class _WrappingDelegate(QStyledItemDelegate):
    """Size each heading to its wrapped height, so long headings are never cut off."""

    def __init__(self, tree: TocPanel) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self._tree.viewport().width() - self._tree.indentation() * (depth + 1) - 8
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, max(width, 40), 100_000), Qt.TextFlag.TextWordWrap, text
        )
        return QSize(max(width, 40), bounds.height() + _ROW_PADDING)


class TocPanel(QTreeWidget):
    """Lists the sections; marks the one in view.

    Signals:
        section_activated(str): the reader clicked a heading, or pressed Enter on it.
    """

    section_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contents")
        self.setAccessibleName("Contents")
        self.setAccessibleDescription(
            "The sections of the leaflet. Press Enter on a section to read it."
        )
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setItemDelegate(_WrappingDelegate(self))
        self._items: dict[str, QTreeWidgetItem] = {}
        self.itemClicked.connect(self._on_item_chosen)
        self.itemActivated.connect(self._on_item_chosen)

    def set_sections(self, sections: list[Section]) -> None:
        """Show ``sections`` (a tree) as the contents, fully expanded."""
        self.clear()
        self._items.clear()

        def add(parent: QTreeWidget | QTreeWidgetItem, section: Section) -> None:
            item = QTreeWidgetItem(parent, [section.heading])
            item.setData(0, _ID_ROLE, section.id)
            item.setToolTip(0, section.heading)
            self._items[section.id] = item
            for child in section.children:
                add(item, child)

        for section in sections:
            add(self, section)
        self.expandAll()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Re-wrap the headings to the new width."""
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()

    def section_ids(self) -> list[str]:
        """Every listed section id, top to bottom."""
        return list(self._items)

    def current_section(self) -> str:
        """The id of the marked section, or ''."""
        item = self.currentItem()
        return str(item.data(0, _ID_ROLE)) if item else ""

    def set_current_section(self, section_id: str) -> None:
        """Mark ``section_id`` as the one in view, without jumping anywhere."""
        item = self._items.get(section_id)
        if item is None or item is self.currentItem():
            return
        self.blockSignals(True)
        try:
            self.setCurrentItem(item)
        finally:
            self.blockSignals(False)
        self.scrollToItem(item)
        self.viewport().update()

    def item_for(self, section_id: str) -> QTreeWidgetItem | None:
        """The tree item of a section (for tests and accessibility checks)."""
        return self._items.get(section_id)

    @Slot(QTreeWidgetItem, int)
    def _on_item_chosen(self, item: QTreeWidgetItem, _column: int) -> None:
        self.section_activated.emit(str(item.data(0, _ID_ROLE)))
