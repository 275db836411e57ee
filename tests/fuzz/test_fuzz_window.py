"""Fuzz the window: a sample of the hostile leaflets opened in the real main window (File >
Open leaflet), with a search typed: each is shown, or refused in a message, in time.
"""

from __future__ import annotations

import random

import pytest
from fuzzing import CASES, OPEN_SECONDS, SEED, case_id, deadline
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

pytestmark = pytest.mark.gui

#: Every leaflet that must be shown, a tenth of those that must be refused, and one random
#: mutation in twenty.
SAMPLE = [
    case
    for number, case in enumerate(CASES)
    if case.expect == "ok"
    or (case.expect == "error" and number % 10 == 0)
    or (case.expect == "any" and (not case.name.startswith("mutation") or number % 20 == 0))
]
QUERIES = [
    "pain",
    "kyfoplasty",
    "broken bone",
    '"back pain"',
    "x",
    "*[(<&",
    "\u202e\u0301",
    "\U0001f600 pain",
    "word " * 40,
]


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, as a keyboard or an input method would send it.

    Not ``QTest.keyClicks``: it aborts on any character outside Latin-1 (qasciikey.cpp).
    """
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def normal(text: str) -> str:
    return " ".join(text.split())


def test_the_sample_is_large_enough():
    assert len(SAMPLE) >= 100


@pytest.fixture
def window(qtbot, tmp_path):
    from kyphoreader.app.mainwindow import MainWindow

    store = QSettings(str(tmp_path / "kyphoreader.ini"), QSettings.Format.IniFormat)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


# Qt says once per script that it cannot shape it (a missing font feature on this machine,
# not a fault of the reader, which logs it); the text itself is still shown.
@pytest.mark.qt_log_ignore("OpenType support missing for")
@pytest.mark.parametrize("case", SAMPLE, ids=case_id)
def test_window_shows_or_refuses_and_searches(case, case_folder, window, qtbot, qapp):
    path = case.build(case_folder)
    with deadline(OPEN_SECONDS, f"{SEED}/{case.name}: opening in the window"):
        opened = window.open_leaflet(str(path))
        qapp.processEvents()
    if not opened:
        assert case.expect != "ok", f"{case.name}: should have been shown"
        boxes = [d for d in window.dialogs.open_dialogs() if isinstance(d, QMessageBox)]
        assert len(boxes) == 1 and boxes[0].isVisible()
        first_line = boxes[0].text().split("\n")[0]
        assert first_line.startswith(f"{path}: ") and case.error_has in first_line
        return
    assert case.expect != "error", f"{case.name}: should have been refused"
    shown = normal(window.reader.toPlainText())
    for section in window.leaflet.walk():
        assert normal(section.heading) in shown, f"{case.name}: {section.heading[:40]!r}"
    assert normal(case.text_has) in shown
    query = random.Random(f"{SEED}/{case.name}").choice(QUERIES)
    with deadline(OPEN_SECONDS, f"{SEED}/{case.name}: searching for {query!r}"):
        type_text(window.search_bar.field, query)
        window.search_bar.flush()  # search now rather than after the typing pause
        qapp.processEvents()
    assert window.search_session.query() == window.search_bar.text() != ""
    assert window.search_session.result is not None  # it searched, and says what it found
    assert window.search_bar.count_label.text()
