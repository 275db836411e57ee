"""Regenerate docs/kiosk.png and docs/kiosk-warning.png: the waiting-room reader and its warning.

Run it on a real display of the size to show (CI and the README use Xvfb at 1280 by 800):

    Xvfb :90 -screen 0 1280x800x24 & DISPLAY=:90 python docs/make_kiosk_screenshots.py

Nothing is written but the two pictures: the window keeps its settings in memory.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.app.startup import create_application
from kyphoreader.core.clinic import ClinicConfig
from kyphoreader.core.leaflet import load_leaflet
from kyphoreader.core.settings import MemoryStore
from kyphoreader.kiosk.mode import KioskMode
from kyphoreader.kiosk.policy import KioskPolicy
from kyphoreader.paths import default_leaflet_path

DOCS = Path(__file__).resolve().parent


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def main() -> int:
    app = create_application()
    clock = Clock()
    policy = KioskPolicy(allow_print=True)
    window = MainWindow(MemoryStore(), ClinicConfig(), allowed=policy.allows)
    mode = KioskMode(window, policy, log=print, clock=clock)
    window.show_leaflet(load_leaflet(default_leaflet_path()))
    window.show()

    def grab(name: str) -> None:
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(DOCS / name))
        print(DOCS / name)

    def warn() -> None:
        grab("kiosk.png")
        clock.now += policy.idle_seconds
        mode.check_idle()
        for _ in range(4):
            clock.now += 1
            mode.check_idle()
        QTimer.singleShot(500, lambda: (grab("kiosk-warning.png"), mode.leave(), app.quit()))

    QTimer.singleShot(1500, warn)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
