"""The waiting-room mode on a main window: locked full screen, big targets, idle reset, staff exit.

``KioskMode(window, policy, log=...)`` turns a ``MainWindow`` built with the policy's
``allows`` (so the actions a visitor may not have were never created) into the waiting-room
reader. The decisions (timings, PIN, what is allowed) are in ``policy.py``; this module only
applies them to widgets.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kyphoreader.app.actions import ACTION_SPECS, plain_text, toolbar_specs
from kyphoreader.kiosk.instance import InstanceLock
from kyphoreader.kiosk.policy import (
    LOCKOUT_SECONDS,
    MAX_PIN_LENGTH,
    MAX_PIN_TRIES,
    STAFF_EXIT_KEYS,
    TARGET_GAP_MM,
    TARGET_MM,
    ExitAnswer,
    IdleStep,
    IdleTimer,
    KioskPolicy,
    StaffExit,
    countdown_announcement,
    countdown_text,
    millimetres_to_pixels,
    screen_dpi,
    warning_text,
)
from kyphoreader.kiosk.visitorbar import VisitorBar
from kyphoreader.reading.typography import reading_font

Logger = Callable[[str], object]

#: Choice groups of the action table a visitor gets as one toolbar button that steps through
#: them (the button is named after the group's submenu: "Colours").
VISITOR_CHOICE_GROUPS = ("theme",)
#: Link schemes the reader refuses to hand to the system (a browser, mail, a file manager).
REFUSED_SCHEMES = ("http", "https", "file", "ftp", "mailto", "tel", "sms", "data", "smb")
#: Events that show someone is there: any of them keeps reading, also during the warning.
_DELIBERATE_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)
#: A moving mouse delays the warning, but does not answer it (a nudged mouse is not a reader).
_MOVEMENT = frozenset({QEvent.Type.MouseMove, QEvent.Type.TabletMove})
#: Dialogs that browse the file system or choose printers: never shown to a visitor.
_FORBIDDEN_DIALOGS: tuple[type, ...] = (QFileDialog,)

NO_PRINTER = (
    "This computer has no printer set up, so the leaflet cannot be printed here. "
    "Please ask at reception for a printed copy."
)
WRONG_PIN = "That PIN is not right. The reader stays open."
STILL_READING = "Are you still reading?"
KEEP_READING = "Keep reading"


def target_pixels(widget: QWidget, mm: float) -> int:
    """Device-independent pixels that cover ``mm`` millimetres on the screen ``widget`` is on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    dpi = screen_dpi(screen.physicalDotsPerInchY(), screen.logicalDotsPerInchY())
    return millimetres_to_pixels(mm, dpi)


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Have screen readers say ``text`` (an announcement, Qt 6.8 and later)."""
    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:  # pragma: no cover - an older Qt: the countdown label still changes
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


class _TallRows(QStyledItemDelegate):
    """Keeps another delegate's painting and sizes, with every row at least ``minimum`` high."""

    def __init__(self, inner: QStyledItemDelegate, minimum: int, parent: QObject) -> None:
        super().__init__(parent)
        self._inner = inner
        self.minimum = minimum

    def sizeHint(self, option: QStyleOptionViewItem, index):  # noqa: ANN001, ANN201, N802
        """The inner delegate's size, no lower than the minimum."""
        size = self._inner.sizeHint(option, index)
        size.setHeight(max(size.height(), self.minimum))
        return size


class StillReadingWarning(QDialog):
    """The full-screen "Are you still reading?" warning with its countdown.

    Any key, click or touch on it asks to keep reading; so does closing it.

    Signals:
        keep_reading_requested(): the visitor answered.
    """

    keep_reading_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("still_reading_warning")
        self.setWindowTitle(STILL_READING)
        self.setAccessibleName(STILL_READING)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.title = QLabel(STILL_READING, self)
        self.title.setObjectName("warning_title")
        title_font = reading_font(32)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.count = QLabel(self)
        self.count.setObjectName("warning_countdown")
        self.count.setAccessibleName("Time left")
        count_font = reading_font(44)
        count_font.setBold(True)
        self.count.setFont(count_font)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setObjectName("warning_text")
        self.text.setFont(reading_font(22))
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.button = QPushButton(KEEP_READING, self)
        self.button.setObjectName("keep_reading")
        self.button.setAccessibleName(KEEP_READING)
        self.button.setAccessibleDescription("Go back to the leaflet where you were.")
        button_font = reading_font(28)
        button_font.setBold(True)
        self.button.setFont(button_font)
        self.button.setAutoDefault(True)
        self.button.setDefault(True)
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self.keep_reading_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(self.count)
        layout.addSpacing(24)
        layout.addWidget(self.text)
        layout.addSpacing(48)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def set_target_size(self, pixels: int) -> None:
        """Make the button at least twice the visitor target size high, and wider still."""
        self.button.setMinimumSize(max(6 * pixels, 320), 2 * pixels)

    def set_seconds(self, seconds: int) -> None:
        """Show ``seconds`` left on the countdown."""
        self.count.setText(countdown_text(seconds))
        self.text.setText(warning_text(seconds))
        self.setAccessibleDescription(warning_text(seconds))

    def show_over(self, window: QWidget) -> None:
        """Cover ``window`` and take the keyboard."""
        geometry = window.geometry()
        # Lines of about 50 characters: side margins narrow the text on a wide screen.
        side = max(24, (geometry.width() - 1000) // 2)
        self.layout().setContentsMargins(side, 24, side, 24)
        self.setGeometry(geometry)
        self.show()
        self.activateWindow()
        self.button.setFocus(Qt.FocusReason.OtherFocusReason)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Any key keeps reading (Escape and Alt+F4 too: nothing here closes the reader)."""
        event.accept()
        self.keep_reading_requested.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """A click or touch anywhere keeps reading."""
        event.accept()
        self.keep_reading_requested.emit()

    def reject(self) -> None:
        """Escape keeps reading; the mode hides the warning."""
        self.keep_reading_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """A close request (Alt+F4) keeps reading; the mode hides the warning."""
        if self.isVisible():
            event.ignore()
            self.keep_reading_requested.emit()


class PinDialog(QDialog):
    """Asks staff for the PIN that closes the waiting-room reader."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("staff_pin_dialog")
        self.setWindowTitle("Staff exit")
        self.setAccessibleName("Staff exit")
        label = QLabel("Enter the staff PIN to close the waiting-room reader.", self)
        label.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("staff_pin")
        self.field.setAccessibleName("Staff PIN")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(MAX_PIN_LENGTH)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        label.setBuddy(self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Close the reader")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    def pin(self) -> str:
        """The PIN typed."""
        return self.field.text()


class _InputWatcher(QObject):
    """Application-wide event filter: tells the mode about every key, click, wheel and touch."""

    def __init__(self, on_input: Callable[[bool], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_input = on_input

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Never stops an event; only notes that someone is there."""
        kind = event.type()
        if kind in _DELIBERATE_INPUT:
            self._on_input(True)
        elif kind in _MOVEMENT:
            self._on_input(False)
        return False


class _WindowGuard(QObject):
    """Event filter on the main window: refuses close requests and keeps it full screen."""

    def __init__(self, mode: KioskMode) -> None:
        super().__init__(mode)
        self._mode = mode

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Refuse every close but the staff exit's; put the window back to full screen."""
        if self._mode.leaving:
            return False
        if event.type() == QEvent.Type.Close:
            event.ignore()
            self._mode.close_refused.emit()
            return True
        if event.type() == QEvent.Type.WindowStateChange and isinstance(watched, QWidget):
            if not watched.isFullScreen() and watched.isVisible():
                QTimer.singleShot(0, self._mode.show_window)
        elif event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self._mode.cover_screen)
        return False


class _LinkTrap(QObject):
    """Receives every link the system would otherwise open, and drops it."""

    refused = Signal(QUrl)

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        """Open nothing: the reader never leaves for a browser, mail or a file."""
        self.refused.emit(url)


class KioskMode(QObject):
    """Applies the waiting-room mode to a main window.

    Signals:
        warned(): the "Are you still reading?" warning appeared.
        kept_reading(): the visitor answered the warning.
        visit_reset(): the reader went back to a fresh start for the next visitor.
        announced(str): something was said to screen readers.
        close_refused(): a request to close the reader was refused.
        left(): staff gave the right PIN; the reader closes.
    """

    warned = Signal()
    kept_reading = Signal()
    visit_reset = Signal()
    announced = Signal(str)
    close_refused = Signal()
    left = Signal()

    def __init__(
        self,
        window: QMainWindow,
        policy: KioskPolicy,
        log: Logger,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.setObjectName("kiosk_mode")
        self.window = window
        self.policy = policy
        self._log = log
        self.leaving = False
        self.staff_exit = StaffExit(policy.pin, clock)
        if self.staff_exit.problem:
            log(f"waiting-room mode: {self.staff_exit.problem}")
        self.idle = IdleTimer(policy.idle_seconds, policy.warning_seconds, clock)
        self._announced: set[int] = set()
        self._focus_before: QWidget | None = None
        self._instance: InstanceLock | None = None
        self._notifier: QSocketNotifier | None = None
        self._follows_screen = False
        self.target = target_pixels(window, TARGET_MM)
        self.gap = target_pixels(window, TARGET_GAP_MM)

        self._lock_window()
        self.colours_button = self._build_visitor_toolbar()
        # New window flags re-polish every widget, which drops the interface font: set it again.
        for widget in (*self._toolbars(), *self._bars(), *window.findChildren(QDockWidget)):
            window.appearance.style_widget(widget)
        self._enable_touch_scrolling()
        self._confine_links()
        self._rewire_print()
        self.warning = StillReadingWarning(window)
        self.warning.keep_reading_requested.connect(self.keep_reading)
        self.exit_shortcut = QShortcut(QKeySequence(STAFF_EXIT_KEYS), window)
        self.exit_shortcut.setObjectName("staff_exit_shortcut")
        self.exit_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.exit_shortcut.activated.connect(self.ask_for_pin)
        window.dialogs.dialog_opened.connect(self._on_dialog_opened)
        window.appearance.changed.connect(self._size_targets)
        self._size_targets()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_idle)
        self._watcher = _InputWatcher(self._on_input, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._watcher)
        self._schedule()

    # -- the locked window ---------------------------------------------------------------

    def _lock_window(self) -> None:
        window = self.window
        window.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        window.setWindowState(Qt.WindowState.WindowFullScreen)
        menu_bar = window.menuBar()
        menu_bar.setNativeMenuBar(False)
        menu_bar.hide()
        menu_bar.setEnabled(False)  # its mnemonics (Alt+F, Alt+V) must not open a menu
        for widget in (window, window.reader, window.results, window.contents):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        window.search_bar.field.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        for dock in window.findChildren(QDockWidget):
            dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        for toolbar in (window.toolbar, window.search_toolbar):
            toolbar.setMovable(False)
            toolbar.toggleViewAction().setEnabled(False)
        self._guard = _WindowGuard(self)
        window.installEventFilter(self._guard)

    def _build_visitor_toolbar(self) -> QToolButton | None:
        """Big buttons for the action table's toolbar rows this window has, plus the choices.

        They go in a VisitorBar at the front of the window's toolbar, which wraps onto more
        rows instead of squeezing words; anything else on the toolbar stays after it.
        """
        window = self.window
        toolbar = window.toolbar
        self.visitor_bar = VisitorBar(toolbar)
        for spec in toolbar_specs():
            action = window.actions_by_name.get(spec.name)
            if action is None:
                continue
            toolbar.removeAction(action)
            self.visitor_bar.add_action(action, spec.name, plain_text(spec.text), spec.tip)
        button = None
        for group in VISITOR_CHOICE_GROUPS:
            specs = [s for s in ACTION_SPECS if s.group == group]
            if not specs or specs[0].name not in window.actions_by_name:
                continue
            label = plain_text(specs[0].submenu)
            button = QToolButton()
            button.setObjectName(f"button_{group}")
            button.setText(label)
            button.setAccessibleName(label)
            button.setAccessibleDescription(f"Change the {label.lower()} of the reader")
            button.setToolTip(f"Change the {label.lower()}")
            button.clicked.connect(lambda _checked=False, g=group: self.next_choice(g))
            self.visitor_bar.add_button(button)
        rest = toolbar.actions()
        if rest:
            toolbar.insertWidget(rest[0], self.visitor_bar)
        else:
            toolbar.addWidget(self.visitor_bar)
        return button

    def next_choice(self, group: str) -> str:
        """Choose the next value of a choice group (the next colours); returns its action name."""
        names = [s.name for s in ACTION_SPECS if s.group == group]
        actions = self.window.actions_by_name
        current = next((i for i, n in enumerate(names) if actions[n].isChecked()), -1)
        chosen = names[(current + 1) % len(names)]
        actions[chosen].trigger()
        announce(self.window, f"Colours: {plain_text(actions[chosen].text())}")
        return chosen

    def _enable_touch_scrolling(self) -> None:
        """A swipe scrolls the reader, contents and results; it never selects text."""
        window = self.window
        for browser in (window.reader, window.results):
            browser.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
        window.contents.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for area in (window.reader, window.results, window.contents):
            QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        inner = window.contents.itemDelegate()
        if isinstance(inner, QStyledItemDelegate):
            self._rows = _TallRows(inner, self.target, window.contents)
            window.contents.setItemDelegate(self._rows)

    def _confine_links(self) -> None:
        """No link, from any widget, opens a browser, a mail program or a file."""
        self.links = _LinkTrap(self)
        for scheme in REFUSED_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self.links, "open_url")
        self.destroyed.connect(_release_links)

    def _rewire_print(self) -> None:
        """Print goes straight to the default printer, with no choices, file or system dialog."""
        action = self.window.actions_by_name.get("print")
        if action is None:
            return
        action.triggered.disconnect()
        action.triggered.connect(self.print_leaflet)
        action.setToolTip("Print the leaflet in large print on the clinic's printer")

    def _toolbars(self) -> list[QToolBar]:
        """The toolbars of the window's chrome (not the review notice, which styles itself)."""
        names = ("toolbar", "search_toolbar", "read_aloud_toolbar")
        found = [getattr(self.window, name, None) for name in names]
        return [toolbar for toolbar in found if isinstance(toolbar, QToolBar)]

    def _bars(self) -> list[QWidget]:
        """Bars of buttons that are not toolbars (the read-aloud controls above the text)."""
        bar = getattr(self.window, "read_aloud_controls", None)
        return [bar] if isinstance(bar, QWidget) else []

    @Slot()
    def _size_targets(self) -> None:
        """Every visitor target at least 16 mm high (and wide), 3 mm apart, on this screen."""
        self.target = target_pixels(self.window, TARGET_MM)
        self.gap = target_pixels(self.window, TARGET_GAP_MM)
        window = self.window
        for toolbar in self._toolbars():
            sheet = f"QToolBar {{ spacing: {self.gap}px; }}"
            if toolbar.styleSheet() != sheet:
                toolbar.setStyleSheet(sheet)
                window.appearance.style_widget(toolbar)  # a new style sheet drops the fonts
        for container in (*window.findChildren(QToolBar), *self._bars()):
            for button in container.findChildren(QAbstractButton):
                if button.objectName() != "qt_toolbar_ext_button":
                    button.setMinimumSize(
                        max(button.minimumWidth(), self.target),
                        max(button.minimumHeight(), self.target),
                    )
            for box in container.findChildren(QComboBox):
                box.setMinimumHeight(self.target)
        self.visitor_bar.flow.setSpacing(self.gap)
        self.visitor_bar.updateGeometry()
        bar = window.search_bar
        bar.layout().setSpacing(self.gap)
        bar.field.setMinimumHeight(self.target)
        if hasattr(self, "_rows"):
            self._rows.minimum = self.target
            window.contents.doItemsLayout()
        self.warning_target()
        for dialog in window.dialogs.open_dialogs():
            self._size_dialog(dialog)

    def warning_target(self) -> None:
        """Size the warning's button for this screen."""
        if hasattr(self, "warning"):
            self.warning.set_target_size(self.target)

    def _size_dialog(self, dialog: QDialog) -> None:
        for button in dialog.findChildren(QAbstractButton):
            button.setMinimumHeight(self.target)
            button.setMinimumWidth(max(button.minimumWidth(), self.target))
        for box in dialog.findChildren(QDialogButtonBox):
            if box.layout() is not None:
                box.layout().setSpacing(self.gap)
        for field in dialog.findChildren(QLineEdit):
            field.setMinimumHeight(self.target)

    @Slot(QDialog)
    def _on_dialog_opened(self, dialog: QDialog) -> None:
        if isinstance(dialog, _FORBIDDEN_DIALOGS):
            self._log("waiting-room mode: a file dialog was refused")
            QTimer.singleShot(0, dialog.reject)
            return
        self._size_dialog(dialog)

    # -- showing -------------------------------------------------------------------------

    @Slot()
    def show_window(self) -> None:
        """Full screen, on top, with the keyboard (also when a second start asks for it)."""
        if self.leaving:
            return
        self.window.showFullScreen()
        self.window.activateWindow()

    @Slot()
    def cover_screen(self) -> None:
        """Fill the screen even where no window manager makes "full screen" mean that.

        Also follows the window to another screen: targets are sized for the one it is on.
        """
        handle = self.window.windowHandle()
        if handle is not None and not self._follows_screen:
            self._follows_screen = True
            handle.screenChanged.connect(self._size_targets)
        screen = self.window.screen()
        if not self.leaving and screen is not None:
            if self.window.geometry() != screen.geometry():
                self.window.setGeometry(screen.geometry())

    def listen(self, lock: InstanceLock) -> None:
        """Show the reader whenever another start on this PC asks (see ``instance.py``)."""
        self._instance = lock
        if lock.fileno() < 0:
            return
        self._notifier = QSocketNotifier(lock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_instance_request)

    @Slot()
    def _on_instance_request(self) -> None:
        if self._instance is not None and self._instance.take_requests():
            self.show_window()

    # -- idle time -----------------------------------------------------------------------

    def _on_input(self, deliberate: bool) -> None:
        if self.idle.warning:
            if deliberate:
                QTimer.singleShot(0, self.keep_reading)
            return
        self.idle.input()

    def _schedule(self) -> None:
        if self.leaving:
            return
        wait = self.idle.seconds_to_next_check()
        self._timer.start(max(20, min(round(wait * 1000) + 5, 5 * 60 * 1000)))

    @Slot()
    def check_idle(self) -> IdleStep:
        """Warn, count down or reset as the idle time says (the timer calls this)."""
        step = self.idle.check()
        if step is IdleStep.WARN:
            self._show_warning()
        elif step is IdleStep.COUNT:
            self._count_down()
        elif step is IdleStep.RESET:
            self.reset_visit()
        self._schedule()
        return step

    def _show_warning(self) -> None:
        _close_popups()
        self._focus_before = QApplication.focusWidget()
        self._announced.clear()
        self.warning.set_target_size(self.target)
        self.warning.set_seconds(self.idle.seconds_left())
        self.warning.show_over(self.window)
        self._count_down()
        self.warned.emit()

    def _count_down(self) -> None:
        left = self.idle.seconds_left()
        self.warning.set_seconds(left)
        if left in self._announced:
            return
        self._announced.add(left)
        text = countdown_announcement(left, round(self.policy.warning_seconds))
        if text:
            announce(self.warning, text, assertive=left >= self.policy.warning_seconds)
            self.announced.emit(text)

    @Slot()
    def keep_reading(self) -> None:
        """The visitor answered: hide the warning and start counting idle time again."""
        if not self.warning.isVisible() and not self.idle.warning:
            return
        self.idle.input()
        self.warning.hide()
        focus = self._focus_before
        self._focus_before = None
        if focus is not None and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.window.activateWindow()
        self.kept_reading.emit()
        self._schedule()

    @Slot()
    def reset_visit(self) -> None:
        """Back to exactly a fresh start for the next visitor.

        Closes every dialog and popup, then the window's own reset (search, colours, size,
        spacing, first section, no history, panels as at start). The clipboard is emptied
        too, so nothing of this visit can be pasted back.
        The staff exit's lock-out is kept: waiting for a reset buys no more PIN tries.
        """
        _close_popups()
        self.warning.hide()
        self._focus_before = None
        self.window.reset()
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.idle.restart()
        self._announced.clear()
        self.visit_reset.emit()
        self._schedule()

    # -- staff exit ------------------------------------------------------------------------

    @Slot()
    def ask_for_pin(self) -> PinDialog | None:
        """Ask for the staff PIN (the exit chord); nothing at all when no PIN is set."""
        if not self.staff_exit.enabled or self.leaving:
            return None
        left = self.staff_exit.locked_for()
        if left:
            minutes = max(1, round(left / 60))
            self.window.dialogs.message(
                QMessageBox.Icon.Information,
                "Staff exit locked",
                f"After {MAX_PIN_TRIES} wrong PINs the staff exit is locked. "
                f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
            )
            return None
        for dialog in self.window.dialogs.open_dialogs():
            if isinstance(dialog, PinDialog):
                dialog.raise_()
                return dialog
        dialog = PinDialog(self.window)
        self.window.dialogs.open(dialog, lambda result: self._on_pin_finished(dialog, result))
        dialog.field.setFocus(Qt.FocusReason.OtherFocusReason)
        return dialog

    def _on_pin_finished(self, dialog: PinDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.enter_pin(dialog.pin())

    def enter_pin(self, pin: str) -> ExitAnswer:
        """Check a PIN given at the staff exit; leave if it is right. Every try is logged."""
        answer = self.staff_exit.try_pin(pin)
        dialogs = self.window.dialogs
        if answer is ExitAnswer.OPEN:
            self._log("waiting-room mode: staff exit with the right PIN; the reader closes")
            self.leave()
        elif answer is ExitAnswer.WRONG:
            tried = MAX_PIN_TRIES - self.staff_exit.tries_left
            self._log(f"waiting-room mode: wrong staff PIN ({tried} of {MAX_PIN_TRIES})")
            dialogs.message(QMessageBox.Icon.Warning, "Wrong PIN", WRONG_PIN)
        elif answer is ExitAnswer.LOCKED:
            self._log(
                f"waiting-room mode: {MAX_PIN_TRIES} wrong staff PINs; the staff exit is locked "
                f"for {LOCKOUT_SECONDS // 60} minutes"
            )
            dialogs.message(
                QMessageBox.Icon.Warning,
                "Staff exit locked",
                f"That PIN is not right. After {MAX_PIN_TRIES} wrong PINs the staff exit is "
                f"locked for {LOCKOUT_SECONDS // 60} minutes.",
            )
        return answer

    def leave(self) -> None:
        """Let the window close, and close it (the right PIN, or the system shutting down)."""
        self.leaving = True
        self.stop()
        self.window.dialogs.close_all()
        self.warning.hide()
        self.left.emit()
        self.window.close()

    def stop(self) -> None:
        """Stop watching: no more idle timer, input filter, instance guard or link trap."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._watcher)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._instance is not None:
            self._instance.close()
            self._instance = None
        _release_links()

    # -- printing ------------------------------------------------------------------------

    @Slot()
    def print_leaflet(self) -> QMessageBox | None:
        """Ask once, then print the whole leaflet at the clinic's size on the default printer."""
        from PySide6.QtPrintSupport import QPrinterInfo

        from kyphoreader.printing.options import PrintOptions

        window = self.window
        if window.leaflet is None or not self.policy.allow_print:
            return None
        printer = QPrinterInfo.defaultPrinter()
        if printer.isNull():
            return window.dialogs.message(QMessageBox.Icon.Information, "No printer", NO_PRINTER)
        flow = window.printing
        options = PrintOptions(flow.starting_points(), flow.starting_paper())

        def answered(button: QMessageBox.StandardButton) -> None:
            if button == QMessageBox.StandardButton.Ok:
                self.print_on_default(options)

        box = window.dialogs.message(
            QMessageBox.Icon.Question,
            "Print the leaflet",
            f"Print the whole leaflet in large print ({options.point_size:g} pt) on the "
            f"printer {printer.printerName()}?",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            answered,
        )
        ok = box.button(QMessageBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Print")
        return box

    def print_on_default(self, options: object) -> bool:
        """Send one copy to the default printer, never to a file. Returns True if it printed."""
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            self.window.dialogs.message(QMessageBox.Icon.Information, "No printer", NO_PRINTER)
            return False
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        printer.setOutputFileName("")
        printer.setCopyCount(1)
        return self.window.printing.print_on(printer, options)


def _close_popups() -> None:
    """Close open menus, lists of choices and tooltips."""
    for _ in range(10):
        popup = QApplication.activePopupWidget()
        if popup is None:
            return
        popup.close()


def _release_links() -> None:
    for scheme in REFUSED_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)
