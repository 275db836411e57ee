"""Open the reader, its print window and About on the real screen; print where they are (JSON).

Run by tests/a11y/test_fit_scaled.py with QT_SCALE_FACTOR=2 on a 1280x1024 X server.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect, QSettings, QTimer
from PySide6.QtWidgets import QAbstractButton

from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.app.startup import create_application
from kyphoreader.core.leaflet import load_leaflet
from kyphoreader.paths import default_leaflet_path


def box(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def buttons_of(widget) -> list[dict]:
    found = []
    for button in widget.findChildren(QAbstractButton):
        if button.isVisible():
            top_left = button.mapToGlobal(button.rect().topLeft())
            found.append({"name": button.accessibleName() or button.text(),
                          "rect": box(QRect(top_left, button.size()))})  # fmt: skip
    return found


def main() -> int:
    app = create_application()
    window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
    window.show_leaflet(load_leaflet(default_leaflet_path()))
    window.show()
    report: dict = {}

    def measure() -> None:
        screen = window.screen()
        report["scale"] = window.devicePixelRatioF()
        report["available"] = box(screen.availableGeometry())
        report["window"] = box(window.frameGeometry())
        report["window_buttons"] = buttons_of(window.toolbar)
        for name, action in (("print", "print"), ("about", "about")):
            window.actions_by_name[action].trigger()
            app.processEvents()
            [dialog] = window.dialogs.open_dialogs()
            app.processEvents()
            report[name] = box(dialog.frameGeometry())
            report[f"{name}_buttons"] = buttons_of(dialog)
            window.dialogs.close_all()
            app.processEvents()
        print(json.dumps(report), flush=True)
        app.quit()

    QTimer.singleShot(500, measure)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
