"""Start the Qt application: create it, build the main window, run the event loop."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from kyphoreader import APP_DISPLAY_NAME, APP_NAME, ORG_NAME
from kyphoreader.app.errors import install_error_handler
from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.options import Options
from kyphoreader.paths import resource_path

#: The application icon (drawn for kyphoreader; build.spec converts it for executables).
ICON = "icons/kyphoreader.svg"


class _FirstPaintReporter(QObject):
    """Print the wall-clock time of the reader's first paint and quit (start-up benchmark)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, creating it with the organisation and application names."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setWindowIcon(QIcon(str(resource_path(ICON))))
    return app


def run(options: Options, leaflet: Leaflet) -> int:
    """Show ``leaflet`` in a main window and run until the window closes."""
    app = create_application()
    window = MainWindow(QSettings())
    install_error_handler(window.dialogs)
    window.show_leaflet(leaflet)
    window.restore_last_section()
    if options.quit_after_first_paint:
        reporter = _FirstPaintReporter(window)
        window.reader.viewport().installEventFilter(reporter)
    window.show()
    return app.exec()
