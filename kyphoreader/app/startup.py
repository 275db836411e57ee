"""Start the Qt application: create it, build the main window, run the event loop."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from kyphoreader import APP_DISPLAY_NAME, APP_NAME, ORG_NAME
from kyphoreader.app.pysidefeatures import spare_our_modules
from kyphoreader.collector import resume_collection

spare_our_modules()  # before the window's modules are imported (issue #16)

from kyphoreader.app.mainwindow import MainWindow  # noqa: E402
from kyphoreader.paths import resource_path  # noqa: E402
from kyphoreader.reading.style import FUSION_PROPERTY  # noqa: E402

if TYPE_CHECKING:  # what the text does not need is imported where it is used (issue #16)
    from kyphoreader.core.clinic import ClinicConfig
    from kyphoreader.core.leaflet import Leaflet
    from kyphoreader.core.snapshot import Snapshot
    from kyphoreader.kiosk.policy import KioskPolicy
    from kyphoreader.options import Options

#: The application icon (drawn for kyphoreader; build.spec converts it for executables).
ICON = "icons/kyphoreader.svg"
#: The cycle collector runs again this long after the event loop starts, should the window
#: never settle (never painted: started minimised, say); it settles well within a second.
COLLECTOR_FALLBACK_MS = 10_000


def create_application(argv: list[str] | None = None, icon: bool = True) -> QApplication:
    """Return the QApplication, creating it with the organisation and application names.

    ``icon=False`` leaves the icon for later (``set_icon``): the reader sets it once the text
    is on screen.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    # The style is chosen at once (rather than replaced later), as reading/style.py wants it.
    arguments = argv if argv is not None else sys.argv[:1]
    app = QApplication([*arguments[:1], "-style", "fusion", *arguments[1:]])
    app.setProperty(FUSION_PROPERTY, True)
    # Paused by the entry point until the window settles; this covers one that never does.
    QTimer.singleShot(COLLECTOR_FALLBACK_MS, resume_collection)
    if icon:
        set_icon(app)
    return app


def set_icon(app: QApplication) -> None:
    """Give the application its icon (title bars, the task bar, dialogs).

    Drawn from the SVG by ``app/icon.py``, without Qt's SVG plugin; a missing or unreadable
    file leaves Qt's own icon, and a line in the log.
    """
    from kyphoreader.app.icon import application_icon

    try:
        svg = resource_path(ICON).read_text(encoding="utf-8")
        app.setWindowIcon(application_icon(svg))
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as error:
        _log(f"application icon: {error}")


def load_clinic(options: Options) -> ClinicConfig:
    """The clinic file read with the options, recording in the log whatever was wrong with it."""
    clinic = options.clinic
    if clinic.problems:
        from kyphoreader.app.errors import record_message

        for problem in clinic.problems:
            record_message(f"clinic file: {problem}")
    return clinic


def build_window(options: Options, leaflet: Leaflet, deferred: bool = False) -> MainWindow:
    """The main window showing ``leaflet``, with the clinic's settings and shutdown handling.

    In the waiting-room mode the settings live in memory only, the actions a visitor may not
    have are never created, and ``window.kiosk_mode`` locks the window down.

    With ``deferred`` only the text is built before the window's first paint; the panels,
    menus, toolbars, dialogs and features are built right after it (``MainWindow``). The
    waiting room is never deferred: its window is locked down (frameless, full screen, big
    targets) before it is first shown, and it starts with the PC, not at a patient's click.
    """
    create_application()
    clinic = load_clinic(options)
    if not options.kiosk:
        window = MainWindow(QSettings(), clinic, deferred=deferred)
    else:
        from kyphoreader.core.settings import MemoryStore
        from kyphoreader.kiosk.policy import KioskPolicy

        if clinic.broken:
            _log(f"waiting-room mode: {options.kiosk_reason}")
        policy = KioskPolicy.from_settings(clinic.kiosk, options.kiosk_reason)
        window = MainWindow(MemoryStore(), clinic, allowed=policy.allows)
        lock_waiting_room(window, policy)
    when_built(window, lambda: finish_window(window))
    window.show_leaflet(leaflet)
    window.restore_last_section()
    if options.quit_after_first_paint:
        from kyphoreader.app.firstpaint import report_first_paint

        report_first_paint(window, window.reader)
    return window


def _log(message: str) -> bool:
    """Record one line in the log (errors.py is imported only when there is something)."""
    from kyphoreader.app.errors import record_message

    return record_message(message)


def lock_waiting_room(window: MainWindow, policy: KioskPolicy) -> None:
    """Lock the window down for visitors (``window.kiosk_mode``)."""
    from kyphoreader.kiosk.mode import KioskMode

    window.kiosk_mode = KioskMode(window, policy, log=_log)  # type: ignore[attr-defined]


def finish_window(window: MainWindow) -> None:
    """Once the window is built: report errors in it; once settled, the rest (``settle_window``)."""
    from kyphoreader.app.errors import install_error_handler

    install_error_handler(window.dialogs)
    when_settled(window, lambda: settle_window(window))


def settle_window(window: MainWindow) -> None:
    """Once the window is usable and on screen: end cleanly on signals, set the icon.

    Neither is needed to read or use the window, so they wait until it is (issue #16); until
    then a signal ends the reader as it would any program, with nothing changed to save.
    Python's cycle collector, paused by the entry point, runs again from here.
    """
    resume_collection()
    install_shutdown_handlers(window)
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.windowIcon().isNull():
        set_icon(app)


def when_settled(window: MainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once ``window`` has settled (its panels on screen): now, or then."""
    if window.is_settled():
        then()
    else:
        window.settled.connect(then)


def when_built(window: MainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once ``window`` is fully built: now, or right after its first paint."""
    if window.is_built():
        then()
    else:
        window.built.connect(then)


def run(options: Options, leaflet: Leaflet) -> int:
    """Show ``leaflet`` in a main window and run until the window closes.

    The text is painted first; everything else is built just after (issue #16). A second
    waiting-room reader of the same user only asks the first to show itself.
    """
    lock = claim_waiting_room(options)
    if lock is False:
        return 0
    app = create_application(icon=False)
    window = build_window(options, leaflet, deferred=True)
    when_built(window, lambda: hold_waiting_room(window, lock))
    # The next plain start paints a kept copy first; with a clinic file no start is plain.
    if not options.kiosk and options.clinic.path is None and not leaflet.local_files:
        when_settled(window, lambda: keep_snapshot(leaflet))  # not on the way to usable
    window.show()
    return app.exec()


def run_from_snapshot(snapshot: Snapshot, quit_after_first_paint: bool) -> int:
    """Paint the text kept from the last start, build the rest, then load the leaflet.

    The usual start of a patient at home (no options, no clinic file: ``cli.plain_start``)
    has its text on screen before the leaflet is loaded (issue #16). The panels are built
    just after the first paint, the contents and the review notice from the copy; the
    leaflet is loaded once the window is usable (or as soon as a search, Print, About or
    read aloud needs it). One that cannot be loaded then is said in a window, as at any
    other start. With no clinic file the window has the built-in clinic settings
    (``MainWindow.clinic``), read only when something needs them.
    """
    app = create_application(icon=False)
    window = MainWindow(QSettings(), None, deferred=True)
    window.show_snapshot(snapshot)
    window.restore_last_section()
    window.load_leaflet_later(lambda: take_what_was_painted(window, snapshot.source_name))
    when_built(window, lambda: finish_window(window))
    if quit_after_first_paint:
        from kyphoreader.app.firstpaint import report_first_paint

        report_first_paint(window, window.reader)
    window.show()
    return app.exec()


def take_what_was_painted(window: MainWindow, leaflet_name: str) -> None:
    """Load the leaflet whose kept copy was painted, and give it to the window."""
    from kyphoreader import cli

    leaflet, error = cli.load_leaflet_from(leaflet_name, cli.default_cache_dir())
    if leaflet is None:
        from kyphoreader.core.leaflet import LeafletError, load_leaflet
        from kyphoreader.paths import default_leaflet_path

        try:
            leaflet = load_leaflet(default_leaflet_path())
        except LeafletError as bundled_error:
            _log(f"no leaflet to show: {error}; {bundled_error}")
            QTimer.singleShot(0, lambda: _say_and_exit(window, error))
            return
        QTimer.singleShot(0, lambda: _say_not_opened(window, error))
    window.adopt_leaflet(leaflet)
    if not leaflet.local_files:  # a new copy if the text, the contents or the notice changed
        keep_snapshot(leaflet)


def _say_not_opened(window: MainWindow, error: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    window.dialogs.message(
        QMessageBox.Icon.Warning,
        "This leaflet cannot be opened",
        f"{error}\n\nThe leaflet that comes with the reader is shown instead.",
    )


def _say_and_exit(window: MainWindow, error: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    window.dialogs.message(
        QMessageBox.Icon.Critical,
        "This leaflet cannot be opened",
        f"{error}\n\nThe reader has no other leaflet to show, so it will close.",
        on_answer=lambda _button: QApplication.exit(2),
    )


def keep_snapshot(leaflet: Leaflet) -> bool:
    """Keep the text shown for the next start's first paint, unless it is kept already.

    Never called in the waiting room, which writes nothing to disk. True if written.
    """
    from kyphoreader.core.snapshot import read_snapshot, snapshot_of, write_snapshot
    from kyphoreader.paths import default_cache_dir

    cache = default_cache_dir()
    shown = snapshot_of(leaflet)
    if read_snapshot(cache, leaflet.source_name) == shown:
        return False
    return write_snapshot(cache, shown)


def claim_waiting_room(options: Options):  # noqa: ANN201 - InstanceLock | None | False
    """Become this user's one waiting-room reader.

    Returns:
        The instance lock; None when this is not a waiting room; False when one already runs
        (it was asked to show itself, and this start should end).
    """
    if not options.kiosk:
        return None
    from kyphoreader.kiosk.instance import claim

    lock = claim()
    if lock is None:
        print(f"{APP_NAME}: the waiting-room reader is already running", file=sys.stderr)
        return False
    return lock


def hold_waiting_room(window: MainWindow, lock: object) -> None:
    """Let the waiting room answer later starts, and free its name when the reader quits."""
    mode = getattr(window, "kiosk_mode", None)
    app = QApplication.instance()
    if mode is None or lock is None or lock is False or app is None:
        return
    mode.listen(lock)
    app.aboutToQuit.connect(mode.stop)


def run_after_error(options: Options, error: str) -> int:
    """Say in a window why the leaflet given cannot be opened; show the bundled one instead.

    If even the bundled leaflet cannot be loaded, the message is shown alone and the reader
    exits with status 2 once it is closed.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from kyphoreader.core.leaflet import LeafletError, load_leaflet
    from kyphoreader.paths import default_leaflet_path
    from kyphoreader.reading.fontscale import interface_points
    from kyphoreader.reading.typography import reading_font

    lock = claim_waiting_room(options)
    if lock is False:
        return 0
    app = create_application()
    try:
        leaflet = load_leaflet(default_leaflet_path())
    except LeafletError:
        resume_collection()  # no window to settle
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
    hold_waiting_room(window, lock)
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
    import signal

    from PySide6.QtCore import QSocketNotifier

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
        # exit(), not quit(): quit() gives up if a window refuses to close (a waiting room's).
        QTimer.singleShot(0, lambda: app.exit(0))

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    window.destroyed.connect(lambda *_: (os.close(reader), os.close(writer)))
