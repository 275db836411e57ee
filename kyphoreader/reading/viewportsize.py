"""The size of a scroll area's viewport, without asking PySide for the viewport itself.

A scroll area's viewport is a widget Qt made. The first time PySide is handed such a widget it
builds every widget class it knows (some 70, with their enums: about 10 ms and a few hundred
kilobytes) to tell the widget's type. Nothing else the reader does on its way to a usable
window needs those classes (issue #16), so its scroll areas work out their viewports' size as
Qt lays them out: the frame's inside, less the scroll bars that are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractScrollArea


def viewport_size(area: QAbstractScrollArea) -> tuple[int, int]:
    """The width and height of ``area``'s viewport, as its frame and shown scroll bars leave it.

    For scroll bars shown as needed or never, as the reader's are: Qt already leaves out a
    scroll bar that is always shown from ``maximumViewportSize``, which this would count twice
    (telling the policy apart would make Qt's namespace of enums, about 15 ms).
    """
    size = area.maximumViewportSize()
    width, height = size.width(), size.height()
    vertical, horizontal = area.verticalScrollBar(), area.horizontalScrollBar()
    if vertical.isVisibleTo(area):
        width -= vertical.sizeHint().width()
    if horizontal.isVisibleTo(area):
        height -= horizontal.sizeHint().height()
    return width, height
