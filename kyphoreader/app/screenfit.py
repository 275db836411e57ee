"""Fit a window to the screen it is on: light enough to run before the text's first paint."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def on_a_real_screen() -> bool:
    """False on Qt's offscreen platform, whose 800 by 800 "screen" nobody sees.

    Tests there size windows freely (1024 by 768, say); fitting is tested on an X server.
    """
    return QGuiApplication.platformName() != "offscreen"


def fit_on_screen(window: QWidget) -> None:
    """Make a window no bigger than the screen's free area and put it wholly on the screen."""
    screen = window.screen()
    if screen is None or not on_a_real_screen():
        return
    if window.isFullScreen() or window.isMaximized():
        return  # the window manager sizes those (the waiting room is full screen)
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(1, width), max(1, height))
    if window.isWindow() and window.isVisible():
        x = min(max(window.x(), area.left()), area.right() - width - extra_w + 1)
        y = min(max(window.y(), area.top()), area.bottom() - height - extra_h + 1)
        window.move(max(area.left(), x), max(area.top(), y))
