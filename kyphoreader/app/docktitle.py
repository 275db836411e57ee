"""A panel's title bar with a big, named Close button (Qt's own is 18 by 14 pixels)."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QToolButton, QWidget

from kyphoreader.app.enumproperty import set_enum_property

#: Smallest size of the Close button (WCAG 2.5.5 target size).
CLOSE_BUTTON_PX = 44


class DockTitleBar(QWidget):
    """The panel's name, and a Close button at least 44 by 44 pixels named "Close <panel>"."""

    def __init__(self, dock: QDockWidget) -> None:
        super().__init__(dock)
        self.setObjectName(f"{dock.objectName()}_title")
        title = dock.windowTitle()
        self.label = QLabel(title, self)
        self.label.setObjectName("dock_title")
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("dock_close")
        self.close_button.setText("Close")
        self.close_button.setAccessibleName(f"Close {title}")
        self.close_button.setToolTip(f"Hide the {title.lower()} panel")
        self.close_button.setMinimumSize(CLOSE_BUTTON_PX, CLOSE_BUTTON_PX)
        set_enum_property(self.close_button, "focusPolicy", "TabFocus")
        self.close_button.clicked.connect(dock.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)


def give_big_title_bar(dock: QDockWidget) -> DockTitleBar:
    """Replace a dock's title bar by one with a big, named Close button."""
    bar = DockTitleBar(dock)
    dock.setTitleBarWidget(bar)
    return bar
