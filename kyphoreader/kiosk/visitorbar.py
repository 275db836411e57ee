"""The visitor toolbar: big buttons for the allowed actions that wrap onto more rows, never squeeze.

A QToolBar shortens its buttons' words ("Co…ts") when they do not fit in one row, which at
the largest text size on a 1024-pixel screen is every word. The waiting room puts its buttons
in a flow layout instead, inside the window's toolbar: when a row is full the next button
starts a new row, and every word stays whole.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QToolButton, QWidget


class FlowLayout(QLayout):
    """Lays items out left to right, starting a new row when the next one does not fit."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def set_gap(self, pixels: int) -> None:
        """Space between buttons, across and down."""
        if pixels != self._gap:
            self._gap = pixels
            self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        """Add an item at the end."""
        self._items.append(item)

    def count(self) -> int:
        """How many items."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        """The item at ``index``, or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        """Remove and return the item at ``index``."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        """It takes the width it is given, and no more height than its rows need."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        """Its height depends on its width."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        """The height of the rows the items need at ``width``."""
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        """Place the items in ``rect``."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As small as the widest item."""
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        """The widest and tallest item."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.sizeHint())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            size = item.sizeHint()
            if x > area.x() and x + size.width() > area.x() + area.width():
                x = area.x()
                y += row_height + self._gap
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), size))
            x += size.width() + self._gap
            row_height = max(row_height, size.height())
        return y + row_height - rect.y() + margins.bottom()


class VisitorBar(QWidget):
    """The waiting room's toolbar buttons, in as many rows as the window's width needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitor_bar")
        self.setAccessibleName("Main toolbar")
        self.flow = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add_action(self, action: QAction, name: str, label: str, description: str) -> QToolButton:
        """A button for ``action``, showing its short toolbar text."""
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setObjectName(f"button_{name}")
        button.setAccessibleName(label)
        button.setAccessibleDescription(description)
        self.flow.addWidget(button)
        return button

    def add_button(self, button: QToolButton) -> QToolButton:
        """Put a button that is not an action's at the end."""
        button.setParent(self)
        self.flow.addWidget(button)
        return button

    def buttons(self) -> list[QToolButton]:
        """The buttons, in order."""
        found = []
        for index in range(self.flow.count()):
            item = self.flow.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QToolButton):
                found.append(widget)
        return found

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """The widest button across; as many rows down as the present width needs."""
        width = max(self.width(), self.flow.minimumSize().width())
        return QSize(self.flow.minimumSize().width(), self.flow.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """The widest and the tallest button: the height of more rows comes from sizeHint."""
        return self.flow.minimumSize()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """A new width may need another number of rows: ask the toolbar for that height."""
        super().resizeEvent(event)
        if self.flow.heightForWidth(self.width()) != self.height():
            self.updateGeometry()
