"""The window's menu bar and toolbars, which say when they are painted.

The window settles (and the start-up benchmark counts it usable) once its bars are on screen.
An event filter would see their paint too, but PySide hands a filter every event as a Python
object, and to tell the type of the first one from a widget it builds every event class Qt
has, some 50 with their enums (issue #16). A paintEvent of our own is handed its QPaintEvent
as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenuBar, QToolBar

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent


class MenuBar(QMenuBar):
    """A menu bar that emits ``painted`` after each paint."""

    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Paint, then say so."""
        super().paintEvent(event)
        self.painted.emit()


class ToolBar(QToolBar):
    """A toolbar that emits ``painted`` after each paint."""

    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Paint, then say so."""
        super().paintEvent(event)
        self.painted.emit()
