"""The contents list: a tree of section headings that takes the reader anywhere in one click."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from kyphoreader.app.enumproperty import set_enum_property
from kyphoreader.reading.accessfactory import LateRegistration

if TYPE_CHECKING:  # a Section, or a kept copy's OutlineSection: anything with these fields
    from PySide6.QtGui import QResizeEvent

    from kyphoreader.core.leaflet import Section

# Qt's values as numbers: naming PySide's Qt namespace costs the start-up some 15 ms
# (app/enumproperty.py); tests/gui/test_enumproperty.py checks them against Qt's names.
#: Qt.ItemDataRole.UserRole, and the role after it: where an item keeps its section.
_ID_ROLE = 256
_HEADING_ROLE = _ID_ROLE + 1
#: Qt.TextFlag.TextWordWrap, for measuring a heading as the list wraps it.
_WORD_WRAP = 0x1000


_ROW_PADDING = 8
#: Smallest row height (WCAG 2.5.5 target size).
MIN_ROW_PX = 44


class _WrappingDelegate(QStyledItemDelegate):
    """Size each heading to its wrapped height, so long headings are never cut off."""

    def __init__(self, tree: TocPanel) -> None:
        super().__init__(tree)
        self._tree = tree
        # Heights by (text, font, width): a search re-marks many rows, and measuring wrapped
        # text is the slow part of laying the tree out again.
        self._heights: dict[tuple[str, str, int], int] = {}

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        # Less than the row: the style sheet draws items with a focus ring and padding.
        width = self._tree.viewport().width() - self._tree.indentation() * (depth + 1) - 24
        # The item's own font: bold marks sections with search matches, and bold is wider.
        item = self._tree.itemFromIndex(index)
        text = item.text(0) if item else ""
        font = QFont(option.font)
        font.setBold(bool(item and item.font(0).bold()))
        width = max(width, 40)
        key = (text, font.key(), width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 20_000:
                self._heights.clear()
            bounds = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), _WORD_WRAP, text)
            height = self._heights[key] = max(MIN_ROW_PX, bounds.height() + _ROW_PADDING)
        return QSize(width, height)


# The contents' accessible interface (reading/contents_access.py) names Qt's accessibility
# classes: imported when it is registered, not with the list (issue #16).
def _install_interface() -> None:
    from kyphoreader.reading.contents_access import install_contents_accessibility

    install_contents_accessibility()


def _adopt_interface(tree: QWidget) -> None:
    from kyphoreader.reading.contents_access import adopt_contents_interface

    adopt_contents_interface(tree)


class TocPanel(QTreeWidget):
    """Lists the sections; marks the one in view.

    Signals:
        section_activated(str): the reader clicked a heading, or pressed Enter on it.
    """

    section_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None, interface_after_show: bool = False) -> None:
        """Make the list; with ``interface_after_show``, register its accessible interface late.

        Qt then learns of it only when ``adopt_interface`` is called (``accessfactory.py``).
        """
        super().__init__(parent)
        self._interface = LateRegistration(
            interface_after_show, _install_interface, _adopt_interface
        )
        self.setProperty("kyphoreader_contents", True)  # rows report their level
        self.setProperty("contents_revision", 0)
        self.setObjectName("contents")
        # Two rows at least: the window still fits a 640 by 512 screen (200 % scaling).
        self.setMinimumHeight(2 * MIN_ROW_PX)
        self.setAccessibleName("Contents")
        self.setAccessibleDescription(
            "The sections of the leaflet. Press Enter on a section to read it."
        )
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        set_enum_property(self, "textElideMode", "ElideNone")
        set_enum_property(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setItemDelegate(_WrappingDelegate(self))
        self._items: dict[str, QTreeWidgetItem] = {}
        self._hit_counts: dict[str, int] = {}
        self._font_of_marks = QFont(self.font())
        self.itemClicked.connect(self._on_item_chosen)
        self.itemActivated.connect(self._on_item_chosen)

    def set_sections(self, sections: list[Section]) -> None:
        """Show ``sections`` (a tree) as the contents, fully expanded."""
        self.clear()
        self._items.clear()
        self._hit_counts = {}
        self.setProperty("contents_revision", int(self.property("contents_revision")) + 1)

        def add(parent: QTreeWidget | QTreeWidgetItem, section: Section) -> None:
            item = QTreeWidgetItem(parent, [section.heading])
            item.setData(0, _ID_ROLE, section.id)
            item.setData(0, _HEADING_ROLE, section.heading)
            item.setToolTip(0, section.heading)
            self._items[section.id] = item
            for child in section.children:
                add(item, child)

        for section in sections:
            add(self, section)
        self.expandAll()

    def adopt_interface(self) -> None:
        """Give assistive technology the list's own interface, if not given when made."""
        self._interface.adopt(self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Re-wrap the headings when the list's width changes (also when a scrollbar appears).

        A scroll area's ``resizeEvent`` is its viewport's. Not ``viewportEvent``: handing
        PySide a bare QEvent from a widget makes it build every event class Qt has, some 50
        with their enums, to tell the event's type (issue #16).
        """
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

    def hit_counts(self) -> dict[str, int]:
        """The number of search matches marked on each section."""
        return dict(self._hit_counts)

    def set_hit_counts(self, counts: dict[str, int]) -> None:
        """Mark sections that hold search matches: bold, with the number of matches."""
        changed = {
            section_id
            for section_id in set(counts) | set(self._hit_counts)
            if counts.get(section_id, 0) != self._hit_counts.get(section_id, 0)
        }
        if self._font_of_marks != self.font():
            changed = set(self._items)  # the interface size changed: re-mark everything
            self._font_of_marks = QFont(self.font())
        self._hit_counts = dict(counts)
        if not changed:
            return
        for section_id in changed:
            item = self._items.get(section_id)
            if item is None:
                continue
            heading = str(item.data(0, _HEADING_ROLE))
            count = counts.get(section_id, 0)
            font = QFont(self.font())
            font.setBold(count > 0)
            item.setFont(0, font)
            if count:
                label = "1 match" if count == 1 else f"{count} matches"
                item.setText(0, f"{heading} ({label})")
            else:
                item.setText(0, heading)
        self.doItemsLayout()

    def item_for(self, section_id: str) -> QTreeWidgetItem | None:
        """The tree item of a section (for tests and accessibility checks)."""
        return self._items.get(section_id)

    @Slot(QTreeWidgetItem, int)
    def _on_item_chosen(self, item: QTreeWidgetItem, _column: int) -> None:
        self.section_activated.emit(str(item.data(0, _ID_ROLE)))
