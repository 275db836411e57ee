"""A layout that puts widgets in a row and wraps them onto more rows, so none is ever cut off."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Lays widgets out left to right, starting a new row when the next one would not fit.

    After Qt's Flow Layout example. A toolbar of buttons that grow with the text size keeps
    every button whole and reachable at any size: at large sizes it takes more rows instead of
    hiding buttons behind an overflow menu.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        spacing: int = 8,
        centre_rows: bool = True,
        one_row_hint: bool = True,
    ) -> None:
        """Make the layout.

        Args:
            parent: the widget it lays out.
            spacing: pixels between items, across and down.
            centre_rows: centre each item on its row's height (else align the tops).
            one_row_hint: prefer everything on one row; else prefer the narrowest width,
                which a layout inside a toolbar needs so that the toolbar can shrink.
        """
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._centre_rows = centre_rows
        self._one_row_hint = one_row_hint
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        """Add ``item`` at the end."""
        self._items.append(item)

    def count(self) -> int:
        """How many items the layout holds."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        """The item at ``index``, or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        """Remove and return the item at ``index``, or None."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        """It grows in neither direction by itself."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        """Its height depends on its width (how many rows it needs)."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        """The height needed to show every item at ``width``."""
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        """Place every item inside ``rect``."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Everything on one row, or the narrowest the items allow (see ``one_row_hint``)."""
        if not self._one_row_hint:
            return self.minimumSize()
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self.spacing() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        """The widest single item: narrower than that, an item would be cut."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize().expandedTo(item.sizeHint()))
        return size.grownBy(self.contentsMargins())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items row by row (each centred on its row); return the height used."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        rows: list[list[QLayoutItem]] = [[]]
        x = area.x()
        for item in self._shown():
            width = item.sizeHint().width()
            if rows[-1] and x + width > area.right() + 1:
                rows.append([])
                x = area.x()
            rows[-1].append(item)
            x += width + self.spacing()
        y = area.y()
        for row in rows:
            height = max((item.sizeHint().height() for item in row), default=0)
            x = area.x()
            for item in row:
                hint = item.sizeHint()
                if move:
                    top = y + (height - hint.height()) // 2 if self._centre_rows else y
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self.spacing()
            y += height + self.spacing()
        return y - self.spacing() - rect.y() + margins.bottom()
