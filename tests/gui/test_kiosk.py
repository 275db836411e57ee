"""The waiting-room mode in the real window: locked, big, forgetful, and left only with the PIN.

Idle time runs on a fake clock: ``check_idle()`` is what the mode's timer calls, so no test
waits for real seconds.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QContextMenuEvent, QDesktopServices, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QMessageBox,
    QToolButton,
)
from test_reset import snapshot, use_everything

from kyphoreader.app.about import AboutDialog
from kyphoreader.app.actions import ACTION_SPECS, SPECS_BY_NAME, toolbar_specs
from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.core.clinic import ClinicConfig, PrintDefaults
from kyphoreader.core.settings import MemoryStore
from kyphoreader.kiosk.mode import KioskMode, PinDialog
from kyphoreader.kiosk.policy import (
    LOCKOUT_SECONDS,
    MAX_PIN_TRIES,
    TARGET_GAP_MM,
    TARGET_MM,
    KioskPolicy,
    hash_pin,
    pixels_to_millimetres,
    screen_dpi,
)

pytestmark = pytest.mark.gui

PIN = "482913"
PIN_LINE = hash_pin(PIN, iterations=10_000)
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
#: What a visitor may never reach, from the action table.
DISALLOWED = sorted(spec.name for spec in ACTION_SPECS if not spec.kiosk_allowed)


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def make_kiosk(qtbot, bundled_leaflet):
    made: list[KioskMode] = []

    def make(policy: KioskPolicy | None = None, clinic: ClinicConfig | None = None):
        policy = policy or KioskPolicy(pin=PIN_LINE)
        clock = FakeClock()
        log: list[str] = []
        window = MainWindow(MemoryStore(), clinic or ClinicConfig(), allowed=policy.allows)
        qtbot.addWidget(window)
        mode = KioskMode(window, policy, log=log.append, clock=clock)
        window.show_leaflet(bundled_leaflet)
        with qtbot.waitExposed(window):
            window.show()
        made.append(mode)
        return SimpleNamespace(window=window, mode=mode, clock=clock, log=log)

    yield make
    for mode in made:
        if not mode.leaving:
            mode.leave()


@pytest.fixture
def kiosk(make_kiosk):
    return make_kiosk()


def idle_until_warning(kiosk) -> None:
    kiosk.clock.advance(kiosk.mode.policy.idle_seconds)
    kiosk.mode.check_idle()
    assert kiosk.mode.warning.isVisible()


def millimetres(widget, pixels: float) -> float:
    screen = widget.screen()
    dpi = screen_dpi(screen.physicalDotsPerInchY(), screen.logicalDotsPerInchY())
    return pixels_to_millimetres(pixels, dpi)


def bound_sequences(window) -> list[QKeySequence]:
    """Every key sequence any action or shortcut of the window would answer."""
    from PySide6.QtGui import QShortcut

    found = [s for action in window.findChildren(QAction) for s in action.shortcuts()]
    found += [shortcut.key() for shortcut in window.findChildren(QShortcut)]
    return [s for s in found if not s.isEmpty()]


# -- locked ----------------------------------------------------------------------------------


def test_full_screen_without_frame_or_menu_bar(kiosk):
    window = kiosk.window
    interface = window.appearance.interface_font_points()
    for widget in (window.toolbar, window.contents, window.search_bar.field, window.results):
        assert widget.font().pointSizeF() == interface, widget.objectName()
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.menuBar().isVisible()
    assert window.geometry() == window.screen().geometry()


def test_disallowed_actions_are_absent_and_their_shortcuts_dead(kiosk, qtbot):
    window = kiosk.window
    assert set(DISALLOWED) >= {"open", "print_preview", "export_pdf", "quit", "reset_settings"}
    names = {action.objectName() for action in window.findChildren(QAction)}
    for name in [*DISALLOWED, "print"]:  # print too: this clinic does not allow it
        assert name not in window.actions_by_name
        assert f"action_{name}" not in names
    bound = bound_sequences(window)
    for name in [*DISALLOWED, "print"]:
        for key in SPECS_BY_NAME[name].shortcuts:
            sequences = (
                QKeySequence.keyBindings(key)
                if isinstance(key, QKeySequence.StandardKey)
                else [QKeySequence(key)]
            )
            for sequence in sequences:
                assert sequence not in bound, (name, sequence.toString())
    # And pressed for real, nothing opens and nothing closes.
    window.reader.setFocus()
    for key, modifiers in [
        (Qt.Key.Key_O, CTRL),
        (Qt.Key.Key_P, CTRL),
        (Qt.Key.Key_P, CTRL | SHIFT),
        (Qt.Key.Key_S, CTRL | SHIFT),
        (Qt.Key.Key_Q, CTRL),
        (Qt.Key.Key_W, CTRL),
        (Qt.Key.Key_F4, ALT),
        (Qt.Key.Key_F4, CTRL),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ]:
        qtbot.keyClick(window.reader, key, modifiers)
        assert window.isVisible() and window.isFullScreen()
        assert window.dialogs.open_dialogs() == []
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)]


def test_the_visitor_toolbar_comes_from_the_action_table(kiosk, make_kiosk):
    def buttons(window):
        return [
            b.objectName()
            for b in window.findChildren(QToolButton)
            if b.isVisible()
            and b.objectName().startswith("button_")
            and b.parent() is not None
            and b.parentWidget().objectName() == "visitor_bar"
        ]

    expected = [
        f"button_{s.name}" for s in toolbar_specs(1) if s.kiosk_allowed and s.name != "print"
    ]
    assert buttons(kiosk.window) == [*expected, "button_theme"]
    assert "button_words_explained" in expected  # rows added to the table appear by themselves
    printing = make_kiosk(KioskPolicy(allow_print=True))
    assert "button_print" in buttons(printing.window)
    # The second row (read aloud, beside the search box) keeps its allowed actions too.
    window = kiosk.window
    for spec in toolbar_specs(2):
        action = window.actions_by_name.get(spec.name)
        assert (action is not None) == spec.kiosk_allowed
        if action is not None:
            assert window.read_aloud_toolbar.widgetForAction(action).isVisible()


def test_close_requests_are_refused(kiosk, qtbot):
    window = kiosk.window
    with qtbot.waitSignal(kiosk.mode.close_refused):
        assert window.close() is False
    event = QCloseEvent()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()
    assert window.isVisible()


def test_leaving_full_screen_puts_it_back(kiosk, qtbot):
    kiosk.window.showNormal()
    qtbot.waitUntil(kiosk.window.isFullScreen)
    kiosk.window.showMinimized()
    qtbot.waitUntil(kiosk.window.isFullScreen)


def test_menus_and_context_menus_never_open(kiosk, qtbot):
    window = kiosk.window
    for key in (Qt.Key.Key_F, Qt.Key.Key_V, Qt.Key.Key_H):
        qtbot.keyClick(window.reader, key, ALT)
        assert QApplication.activePopupWidget() is None
    for widget in (window.toolbar, window.reader.viewport(), window.contents.viewport()):
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, QPoint(5, 5), widget.mapToGlobal(QPoint(5, 5))
        )
        QApplication.sendEvent(widget, event)
        assert QApplication.activePopupWidget() is None
    assert not window.toolbar.toggleViewAction().isEnabled()


def test_links_never_leave_the_reader(kiosk, qtbot):
    refused = []
    kiosk.mode.links.refused.connect(refused.append)
    for url in ("https://example.org/", "file:///etc/passwd", "mailto:someone@example.org"):
        QDesktopServices.openUrl(QUrl(url))
    assert [u.toString() for u in refused] == [
        "https://example.org/",
        "file:///etc/passwd",
        "mailto:someone@example.org",
    ]
    kiosk.window.reader.anchorClicked.emit(QUrl("https://example.org/elsewhere"))
    assert kiosk.window.isVisible() and kiosk.window.isFullScreen()


def test_a_file_dialog_is_closed_at_once(kiosk, qtbot):
    kiosk.window.dialogs.ask_open_path("Open", "*", lambda _path: None)
    qtbot.waitUntil(lambda: kiosk.window.dialogs.open_dialogs() == [])
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not [w for w in shown if isinstance(w, QFileDialog)]
    assert kiosk.log == ["waiting-room mode: a file dialog was refused"]


def test_a_second_start_brings_the_reader_forward(kiosk, qtbot):
    import uuid

    from kyphoreader.kiosk import instance

    name = f"kyphoreader-test-{uuid.uuid4().hex[:12]}"
    lock = instance.claim(name)
    kiosk.mode.listen(lock)
    kiosk.window.showNormal()
    assert instance.claim(name) is None  # the second start ends; the first is asked to show
    qtbot.waitUntil(kiosk.window.isFullScreen)
    kiosk.mode.stop()
    assert not instance.tell_running(name)


# -- big targets and touch ---------------------------------------------------------------------


def visitor_targets(window) -> list:
    """Every button and field a visitor can touch outside the text and the lists."""
    from PySide6.QtWidgets import QToolBar

    found = [
        b
        for toolbar in window.findChildren(QToolBar)
        for b in toolbar.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName() != "qt_toolbar_ext_button"
    ]
    found.append(window.search_bar.field)
    return found


@pytest.mark.parametrize("text_size", [100, 400])
def test_every_target_is_at_least_16_mm(kiosk, qtbot, text_size):
    window = kiosk.window
    window.appearance.set_text_size(text_size)
    qtbot.wait(10)
    sizes = {t.objectName(): millimetres(t, t.height()) for t in visitor_targets(window)}
    assert min(sizes.values()) >= TARGET_MM, sizes
    widths = {t.objectName(): millimetres(t, t.width()) for t in visitor_targets(window)}
    assert min(widths.values()) >= TARGET_MM, widths
    toolbar = kiosk.mode.visitor_bar.buttons()
    gaps = [
        b.x() - (a.x() + a.width())
        for a, b in zip(toolbar, toolbar[1:], strict=False)
        if a.y() == b.y()  # side by side in one row
    ]
    assert millimetres(window, min(gaps)) >= TARGET_GAP_MM
    rows = window.contents
    heights = [rows.visualItemRect(rows.item_for(i)).height() for i in rows.section_ids()]
    assert millimetres(rows, min(heights)) >= TARGET_MM
    # Every button is on the screen with its whole label: a full row wraps, never squeezes.
    for button in toolbar:
        assert button.isVisible(), button.objectName()
        assert button.width() >= button.sizeHint().width(), button.objectName()
        place = button.mapTo(window, button.rect().topLeft())
        assert window.rect().contains(button.rect().translated(place)), button.objectName()
    assert window.geometry() == window.screen().geometry()


def test_dialog_buttons_and_the_warning_are_big(kiosk):
    window = kiosk.window
    window.actions_by_name["about"].trigger()
    [about] = window.dialogs.open_dialogs()
    assert isinstance(about, AboutDialog)
    for button in about.findChildren(QAbstractButton):
        if button.isVisible():
            assert millimetres(button, button.height()) >= TARGET_MM
    window.dialogs.close_all()
    idle_until_warning(kiosk)
    button = kiosk.mode.warning.button
    assert millimetres(button, button.height()) >= 2 * TARGET_MM


def test_colours_button_steps_through_the_themes(kiosk, qtbot):
    themes = []
    for _ in range(3):
        qtbot.mouseClick(kiosk.mode.colours_button, Qt.MouseButton.LeftButton)
        themes.append(kiosk.window.appearance.theme.name)
    assert themes == ["high_contrast", "dark", "default"]


def test_a_swipe_scrolls_and_never_selects(kiosk, qtbot):
    from PySide6.QtWidgets import QScroller

    for area in (kiosk.window.reader, kiosk.window.contents, kiosk.window.results):
        assert QScroller.hasScroller(area.viewport())
        assert QScroller.grabbedGesture(area.viewport()) != Qt.GestureType(0)
    reader = kiosk.window.reader
    viewport = reader.viewport()
    bar = reader.verticalScrollBar()
    start = bar.value()
    device = QTest.createTouchDevice()
    # Touch the window at the reader's place (QTest maps widget touches wrongly in full screen).
    window = kiosk.window.windowHandle()
    x = viewport.width() // 2

    def at(y: int) -> QPoint:
        return viewport.mapTo(kiosk.window, QPoint(x, y))

    bottom, top = viewport.height() * 9 // 10, viewport.height() // 10
    QTest.touchEvent(window, device).press(0, at(bottom)).commit()
    for y in range(bottom - 10, top, -10):
        QTest.touchEvent(window, device).move(0, at(y)).commit()
        QTest.qWait(8)
    QTest.touchEvent(window, device).release(0, at(top)).commit()
    qtbot.waitUntil(lambda: bar.value() > start + (bottom - top) // 2)
    assert not reader.textCursor().hasSelection()
    # A mouse drag does not select either.
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, 300))
    qtbot.mouseMove(viewport, QPoint(x + 200, 400))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x + 200, 400))
    assert not reader.textCursor().hasSelection()


# -- idle: warning, keep reading, reset ----------------------------------------------------------


def test_no_warning_before_the_idle_time_and_input_puts_it_off(kiosk, qtbot):
    mode, clock = kiosk.mode, kiosk.clock
    clock.advance(119)
    mode.check_idle()
    assert not mode.warning.isVisible()
    qtbot.keyClick(kiosk.window.reader, Qt.Key.Key_Down)
    clock.advance(119)
    mode.check_idle()
    assert not mode.warning.isVisible()
    qtbot.mouseMove(kiosk.window.reader.viewport(), QPoint(40, 40))
    qtbot.mouseMove(kiosk.window.reader.viewport(), QPoint(60, 80))
    clock.advance(119)
    mode.check_idle()
    assert not mode.warning.isVisible()
    clock.advance(1)
    mode.check_idle()
    assert mode.warning.isVisible()


def test_idle_warning_then_keep_reading(kiosk, qtbot):
    window, mode = kiosk.window, kiosk.mode
    window.appearance.set_text_size(200)
    window.navigation.jump_to("possible-complications")
    said = []
    mode.announced.connect(said.append)
    with qtbot.waitSignal(mode.warned):
        idle_until_warning(kiosk)
    warning = mode.warning
    assert warning.title.text() == "Are you still reading?"
    assert warning.count.text() == "30 seconds"
    assert warning.button.text() == "Keep reading"
    assert warning.accessibleName() == "Are you still reading?"
    assert warning.isModal() and warning.geometry() == window.geometry()
    for _ in range(10):
        kiosk.clock.advance(1)
        mode.check_idle()
    assert warning.count.text() == "20 seconds"
    assert said[0].startswith("Are you still reading?") and said[1].startswith("20 seconds left")
    # A mouse nudge is not an answer; a key is.
    qtbot.mouseMove(warning, QPoint(10, 10))
    qtbot.mouseMove(warning, QPoint(30, 40))
    assert warning.isVisible()
    with qtbot.waitSignal(mode.kept_reading):
        qtbot.keyClick(warning, Qt.Key.Key_Escape)
    assert not warning.isVisible()
    assert window.isVisible()
    assert window.appearance.text_size == 200  # nothing was reset
    assert window.navigation.current_section() == "possible-complications"


@pytest.mark.parametrize("answer", ["button", "click anywhere", "touch", "key"])
def test_every_kind_of_answer_keeps_reading_again_and_again(kiosk, qtbot, answer):
    mode = kiosk.mode
    for _ in range(10):  # WCAG 2.2.1: extending is allowed at least ten times
        idle_until_warning(kiosk)
        kiosk.clock.advance(29)
        mode.check_idle()
        warning = mode.warning
        with qtbot.waitSignal(mode.kept_reading):
            if answer == "button":
                qtbot.mouseClick(warning.button, Qt.MouseButton.LeftButton)
            elif answer == "click anywhere":
                qtbot.mouseClick(warning, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
            elif answer == "touch":
                device = QTest.createTouchDevice()
                QTest.touchEvent(warning, device).press(0, QPoint(50, 50)).commit()
                QTest.touchEvent(warning, device).release(0, QPoint(50, 50)).commit()
            else:
                qtbot.keyClick(warning, Qt.Key.Key_A)
        assert not warning.isVisible()
        kiosk.clock.advance(5)
        mode.check_idle()
        assert not warning.isVisible()


def kiosk_snapshot(kiosk) -> dict:
    window = kiosk.window
    return snapshot(window) | {
        "full screen": window.isFullScreen(),
        "warning": kiosk.mode.warning.isVisible(),
        "popup": QApplication.activePopupWidget() is not None,
        "toolbar": [a.objectName() for a in window.toolbar.actions()],
    }


def test_idle_warning_then_reset_is_a_fresh_start(make_kiosk, qtbot, mock_speech):
    policy = KioskPolicy(pin=PIN_LINE, allow_print=True)
    clinic = ClinicConfig(print=PrintDefaults(text_size=22))
    used = make_kiosk(policy, clinic)
    before = kiosk_snapshot(used)
    use_everything(used.window, qtbot)
    used.mode.ask_for_pin()  # a visitor found the chord and left the PIN box open
    QApplication.clipboard().setText("what the last visitor copied")
    changed = kiosk_snapshot(used)
    assert {k for k in before if before[k] != changed[k]} >= {
        "text size", "theme", "search text", "highlights", "section", "history", "dialogs",
        "contents shown", "results shown", "status", "reading aloud", "read aloud bar shown",
        "notice shown",
    }  # fmt: skip
    with qtbot.waitSignal(used.mode.visit_reset):
        idle_until_warning(used)
        for _ in range(30):
            used.clock.advance(1)
            used.mode.check_idle()
    after = kiosk_snapshot(used)
    fresh = make_kiosk(policy, clinic)
    assert after == kiosk_snapshot(fresh)
    assert after == before
    assert QApplication.clipboard().text() == ""
    assert used.log == []  # a visit leaves nothing in the log


# -- staff exit ----------------------------------------------------------------------------------


def press_exit_chord(kiosk, qtbot):
    qtbot.keyClick(kiosk.window.reader, Qt.Key.Key_Q, CTRL | ALT | SHIFT)


def pin_dialog(kiosk) -> PinDialog:
    [dialog] = [d for d in kiosk.window.dialogs.open_dialogs() if isinstance(d, PinDialog)]
    return dialog


def enter(kiosk, qtbot, pin: str) -> None:
    press_exit_chord(kiosk, qtbot)
    dialog = pin_dialog(kiosk)
    qtbot.keyClicks(dialog.field, pin)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def test_the_right_pin_closes_the_reader(kiosk, qtbot):
    with qtbot.waitSignal(kiosk.mode.left):
        enter(kiosk, qtbot, PIN)
    assert not kiosk.window.isVisible()
    assert kiosk.log == ["waiting-room mode: staff exit with the right PIN; the reader closes"]


def test_a_wrong_pin_is_refused(kiosk, qtbot):
    enter(kiosk, qtbot, "111111")
    assert kiosk.window.isVisible()
    [box] = kiosk.window.dialogs.open_dialogs()
    assert isinstance(box, QMessageBox) and box.windowTitle() == "Wrong PIN"
    assert kiosk.log == ["waiting-room mode: wrong staff PIN (1 of 5)"]
    assert PIN not in " ".join(kiosk.log) and "111111" not in " ".join(kiosk.log)


def test_five_wrong_pins_lock_the_chord_for_five_minutes(kiosk, qtbot):
    for n in range(MAX_PIN_TRIES):
        enter(kiosk, qtbot, f"00000{n}")
        kiosk.window.dialogs.close_all()
    assert kiosk.log[-1].startswith("waiting-room mode: 5 wrong staff PINs; the staff exit")
    press_exit_chord(kiosk, qtbot)
    [box] = kiosk.window.dialogs.open_dialogs()
    assert box.windowTitle() == "Staff exit locked" and "5 minutes" in box.text()
    kiosk.window.dialogs.close_all()
    # A visitor reset does not unlock it.
    idle_until_warning(kiosk)
    kiosk.clock.advance(30)
    kiosk.mode.check_idle()
    press_exit_chord(kiosk, qtbot)
    assert not [d for d in kiosk.window.dialogs.open_dialogs() if isinstance(d, PinDialog)]
    kiosk.window.dialogs.close_all()
    assert kiosk.mode.enter_pin(PIN).value == "locked"
    kiosk.window.dialogs.close_all()
    kiosk.clock.advance(LOCKOUT_SECONDS)
    with qtbot.waitSignal(kiosk.mode.left):
        enter(kiosk, qtbot, PIN)


def test_without_a_pin_the_chord_does_nothing(make_kiosk, qtbot):
    kiosk = make_kiosk(KioskPolicy(pin=""))
    press_exit_chord(kiosk, qtbot)
    assert kiosk.window.dialogs.open_dialogs() == []
    assert kiosk.window.isVisible()


def test_a_plain_pin_in_the_file_turns_the_exit_off_and_says_why(make_kiosk, qtbot):
    kiosk = make_kiosk(KioskPolicy(pin=PIN))
    assert "never put the PIN itself in the file" in kiosk.log[0]
    press_exit_chord(kiosk, qtbot)
    assert kiosk.window.dialogs.open_dialogs() == []


def test_an_idle_reset_closes_the_pin_box(kiosk, qtbot):
    press_exit_chord(kiosk, qtbot)
    qtbot.keyClicks(pin_dialog(kiosk).field, "4829")
    idle_until_warning(kiosk)
    kiosk.clock.advance(30)
    kiosk.mode.check_idle()
    assert kiosk.window.dialogs.open_dialogs() == []


# -- printing ------------------------------------------------------------------------------------


def test_print_with_no_printer_says_so(make_kiosk, monkeypatch):
    from PySide6.QtPrintSupport import QPrinterInfo

    kiosk = make_kiosk(KioskPolicy(allow_print=True))
    monkeypatch.setattr(QPrinterInfo, "defaultPrinter", staticmethod(lambda: QPrinterInfo()))
    kiosk.window.actions_by_name["print"].trigger()
    [box] = kiosk.window.dialogs.open_dialogs()
    assert box.windowTitle() == "No printer"
    assert "ask at reception" in box.text()


def test_print_goes_straight_to_the_default_printer(make_kiosk, monkeypatch, qtbot):
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    printers = QPrinterInfo.availablePrinters()
    if not printers:
        pytest.skip("no printer is installed (CI adds a cups-pdf printer)")
    monkeypatch.setattr(QPrinterInfo, "defaultPrinter", staticmethod(lambda: printers[0]))
    clinic = ClinicConfig(print=PrintDefaults(paper="A4", text_size=22))
    kiosk = make_kiosk(KioskPolicy(allow_print=True), clinic)
    sent = []
    monkeypatch.setattr(
        kiosk.window.printing, "print_on", lambda printer, options: sent.append((printer, options))
    )
    kiosk.window.actions_by_name["print"].trigger()
    [box] = kiosk.window.dialogs.open_dialogs()
    assert isinstance(box, QMessageBox) and "22 pt" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    [(printer, options)] = sent
    assert printer.printerName() == printers[0].printerName()
    assert printer.outputFileName() == ""
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    assert (options.point_size, options.paper, options.section_ids) == (22, "A4", ())
    assert kiosk.window.dialogs.open_dialogs() == []  # no choices, no system print dialog


def test_input_anywhere_counts(kiosk, qtbot):
    """The filter is on the application: the search field's typing counts too."""
    kiosk.clock.advance(100)
    qtbot.keyClicks(kiosk.window.search_bar.field, "pain")
    kiosk.clock.advance(100)
    kiosk.mode.check_idle()
    assert not kiosk.mode.warning.isVisible()
