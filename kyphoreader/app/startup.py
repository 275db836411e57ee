"""Start the Qt application: create it, build the main window, run the event loop."""

from __future__ import annotations

import os
import signal
import sys
import time

from PySide6.QtCore import QEvent, QObject, QSettings, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from kyphoreader import APP_DISPLAY_NAME, APP_NAME, ORG_NAME
from kyphoreader.app.errors import install_error_handler, record_message
from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.core.clinic import ClinicConfig
from kyphoreader.core.leaflet import Leaflet, LeafletError, load_leaflet
from kyphoreader.options import Options
from kyphoreader.paths import default_leaflet_path, resource_path
from kyphoreader.reading.fontscale import interface_points
from kyphoreader.reading.typography import reading_font

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


def load_clinic(options: Options) -> ClinicConfig:
    """The clinic file read with the options, recording in the log whatever was wrong with it."""
    clinic = options.clinic
    for problem in clinic.problems:
        record_message(f"clinic file: {problem}")
    return clinic


def build_window(options: Options, leaflet: Leaflet) -> MainWindow:
    """The main window showing ``leaflet``, with the clinic's settings and shutdown handling."""
    create_application()
    window = MainWindow(QSettings(), load_clinic(options))
    install_error_handler(window.dialogs)
    install_shutdown_handlers(window)
    window.show_leaflet(leaflet)
    window.restore_last_section()
    if options.quit_after_first_paint:
        reporter = _FirstPaintReporter(window)
        window.reader.viewport().installEventFilter(reporter)
    return window


def run(options: Options, leaflet: Leaflet) -> int:
    """Show ``leaflet`` in a main window and run until the window closes."""
    app = create_application()
    window = build_window(options, leaflet)
    window.show()
    return app.exec()


def run_after_error(options: Options, error: str) -> int:
    """Say in a window why the leaflet given cannot be opened; show the bundled one instead.

    If even the bundled leaflet cannot be loaded, the message is shown alone and the reader
    exits with status 2 once it is closed.
    """
    app = create_application()
    try:
        leaflet = load_leaflet(default_leaflet_path())
    except LeafletError:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "This leaflet cannot be opened",
            f"{error}\n\nThe reader has no other leaflet to show, so it will close.",
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setFont(reading_font(interface_points(100)))
        box.finished.connect(lambda _result: app.exit(2))
        box.open()
        app.exec()
        return 2
    window = build_window(options, leaflet)
    window.show()
    window.dialogs.message(
        QMessageBox.Icon.Warning,
        "This leaflet cannot be opened",
        f"{error}\n\nThe leaflet that comes with the reader is shown instead.",
    )
    return app.exec()


def install_shutdown_handlers(window: MainWindow) -> None:
    """Close the window cleanly, settings saved, on SIGTERM, SIGINT or the session ending.

    Python runs signal handlers only between bytecodes, never while Qt's event loop waits,
    so a wake-up pipe watched by a QSocketNotifier brings the signal into the loop.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    app.commitDataRequest.connect(lambda _manager: window.save_settings())
    app.aboutToQuit.connect(window.save_settings)
    if not hasattr(signal, "SIGTERM") or sys.platform.startswith("win"):
        return
    # A pipe rather than a socket pair: importing socket costs start-up time.
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    try:
        signal.set_wakeup_fd(writer)
    except ValueError:  # not the main thread (tests): nothing to install
        os.close(reader)
        os.close(writer)
        return
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, window)

    def woken() -> None:
        try:
            os.read(reader, 64)
        except OSError:
            pass

    notifier.activated.connect(woken)

    def stop(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    window.destroyed.connect(lambda *_: (os.close(reader), os.close(writer)))
