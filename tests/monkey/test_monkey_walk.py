"""A monkey walk: thousands of random user actions, and the reader neither fails nor grows.

Every action of the action table, keys, typing, contents and results clicks, citations and
Back, resizes from 320x240 to 1920x1080, the text-size extremes, every theme, and every
dialog opened and closed. Any exception in a slot or any Qt warning fails the test (pytest-qt
catches both); memory is read from /proc before and after.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QUrl
from PySide6.QtWidgets import QApplication

from kyphoreader.app.mainwindow import MainWindow

pytestmark = pytest.mark.gui

SEEDS = (1, 2, 3, 4, 5, 6)
STEPS_PER_SEED = 350
WORDS = ["cement", "kyfoplasty", "pain", "why am I still in pain", "zebra", "fract", "", "lungs"]
KEYS = [
    Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Home,
    Qt.Key.Key_End, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Escape,
    Qt.Key.Key_F3, Qt.Key.Key_F6, Qt.Key.Key_Space,
]  # fmt: skip
#: Actions the walk does not take: they would end the session under test.
SKIPPED_ACTIONS = {"quit"}


def rss_kib() -> int:
    """Resident memory of this process in KiB (Linux), or 0 where /proc is missing."""
    statm = Path("/proc/self/statm")
    if not statm.exists():
        return 0
    import resource

    return int(statm.read_text().split()[1]) * resource.getpagesize() // 1024


class Monkey:
    """Takes random actions on one window."""

    def __init__(self, window: MainWindow, qtbot, rng: random.Random) -> None:
        self.window = window
        self.qtbot = qtbot
        self.rng = rng
        self.anchors = [f"ref-{n}" for n in range(1, 10)] + window.leaflet.section_ids
        self.moves = [
            (self.trigger_action, 30),
            (self.press_key, 20),
            (self.type_query, 12),
            (self.click_contents, 8),
            (self.click_result, 5),
            (self.follow_link, 6),
            (self.resize, 6),
            (self.size_extreme, 4),
            (self.close_dialogs, 8),
            (self.wheel_zoom, 3),
        ]

    def step(self) -> None:
        moves, weights = zip(*self.moves, strict=True)
        self.rng.choices(moves, weights)[0]()
        QApplication.processEvents()
        # As the event loop would: delete what was closed (processEvents alone does not).
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    def trigger_action(self) -> None:
        names = sorted(set(self.window.actions_by_name) - SKIPPED_ACTIONS)
        action = self.window.actions_by_name[self.rng.choice(names)]
        if action.isEnabled():
            action.trigger()

    def press_key(self) -> None:
        target = self.rng.choice(
            [self.window.reader, self.window.search_bar.field, self.window.contents]
        )
        modifiers = self.rng.choice(
            [Qt.KeyboardModifier.NoModifier] * 4
            + [Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier]
        )
        self.qtbot.keyClick(target, self.rng.choice(KEYS), modifiers)

    def type_query(self) -> None:
        field = self.window.search_bar.field
        field.setText(self.rng.choice(WORDS))
        self.window.search_bar.flush()

    def click_contents(self) -> None:
        ids = self.window.contents.section_ids()
        if ids:
            self.window.contents.section_activated.emit(self.rng.choice(ids))

    def click_result(self) -> None:
        count = self.window.search_session.match_count()
        if count:
            self.window.results.hit_chosen.emit(self.rng.randrange(count))

    def follow_link(self) -> None:
        if self.rng.random() < 0.3:
            self.window.navigation.go_back()
        else:
            self.window.reader.anchorClicked.emit(QUrl(f"#{self.rng.choice(self.anchors)}"))

    def resize(self) -> None:
        self.window.resize(self.rng.randint(320, 1920), self.rng.randint(240, 1080))

    def size_extreme(self) -> None:
        self.window.appearance.set_text_size(self.rng.choice([50, 400, 100]))

    def close_dialogs(self) -> None:
        self.window.dialogs.close_all()

    def wheel_zoom(self) -> None:
        self.window.appearance.step(self.rng.choice([-1, 1]))


@pytest.fixture
def walk_window(qtbot, tmp_path, bundled_leaflet, mock_speech):
    window = MainWindow(QSettings(str(tmp_path / "walk.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show_leaflet(bundled_leaflet)
    with qtbot.waitExposed(window):
        window.show()
    return window


def test_thousands_of_random_actions_neither_fail_nor_grow(walk_window, qtbot, capsys):
    rss = [rss_kib()]
    steps = 0
    for seed in SEEDS:
        monkey = Monkey(walk_window, qtbot, random.Random(seed))
        for _ in range(STEPS_PER_SEED):
            monkey.step()
            steps += 1
        walk_window.dialogs.close_all()
        walk_window.reset()
        QApplication.processEvents()
        rss.append(rss_kib())
        # After every walk the window is still whole and usable.
        assert walk_window.isVisible()
        assert walk_window.leaflet.title in walk_window.reader.toPlainText()
        assert walk_window.dialogs.open_dialogs() == []
    with capsys.disabled():
        print(f"\nmonkey walk: {steps} actions; RSS KiB after each seed: {rss}", file=sys.stderr)
    assert steps >= 2000
    if rss[0]:
        # The first walks warm caches (fonts and glyphs at every size, layouts); a leak keeps
        # growing at the same pace. The second half of the walk must add less than half of
        # what the first half added (measured: about 53 MB, then about 10 MB).
        middle = len(rss) // 2
        first_half, second_half = rss[middle] - rss[0], rss[-1] - rss[middle]
        assert second_half < first_half // 2 + 5_000, rss
