"""The visitor toolbar: big buttons for the allowed actions that wrap onto more rows, never squeeze.

A QToolBar shortens its buttons' words ("Co…ts") when they do not fit in one row, which at
the largest text size on a 1024-pixel screen is every word. The waiting room puts its buttons
in a flow layout instead, inside the window's toolbar: when a row is full the next button
starts a new row, and every word stays whole.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from kyphoreader.app.flowlayout import FlowLayout


class VisitorBar(QWidget):
    """The waiting room's toolbar buttons, in as many rows as the window's width needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitor_bar")
        self.setAccessibleName("Main toolbar")
        self.flow = FlowLayout(self, spacing=12, centre_rows=False, one_row_hint=False)
        self.flow.setContentsMargins(0, 0, 0, 0)
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
