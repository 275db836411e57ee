"""The window's menu bar and toolbars, which say when they are painted.

A toolbar also names the "More buttons" button Qt shows when its buttons do not fit: the
window's controls are named once, and this one is hidden then.

The window settles (and the start-up benchmark counts it usable) once its bars are on screen.
An event filter would see their paint too, but PySide hands a filter every event as a Python
object, and to tell the type of the first one from a widget it builds every event class Qt
has, some 50 with their enums (issue #16). A paintEvent of our own is handed its QPaintEvent
as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenuBar, QToolBar, QToolButton

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QWidget

#: The object name Qt gives a toolbar's button for the buttons that do not fit, and ours.
EXTENSION_BUTTON = "qt_toolbar_ext_button"
EXTENSION_BUTTON_NAME = "More buttons"


class MenuBar(QMenuBar):
    """A menu bar that emits ``painted`` after each paint."""

    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Paint, then say so."""
        super().paintEvent(event)
        self.painted.emit()


class ToolBar(QToolBar):
    """A toolbar that emits ``painted`` after each paint, and names its "More buttons"."""

    painted = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        more = self.findChild(QToolButton, EXTENSION_BUTTON)
        if more is not None:  # made with the toolbar, shown when the buttons do not fit
            more.setAccessibleName(EXTENSION_BUTTON_NAME)
            more.setToolTip(f"{EXTENSION_BUTTON_NAME}: the buttons that do not fit")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Paint, then say so."""
        super().paintEvent(event)
        self.painted.emit()
