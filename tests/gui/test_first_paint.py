"""The text is painted first: what it does not need is imported only after its first paint.

Not timed (speed is in benchmarks/startup.py): the reader runs in a subprocess, as a user starts
it, and lists the modules it imported when its text first painted. Features that are not needed
to see the text (printing, search, speech, the glossary, the contents panel, menus and
dialogs) must not be among them, so their cost cannot creep back in front of the text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

#: Modules (and packages: their sub-modules too) the first paint must not need.
NOT_BEFORE_FIRST_PAINT = [
    "markdown",  # the leaflet comes from the cache
    "kyphoreader.printing.pages",
    "kyphoreader.printing.output",
    "kyphoreader.printing.flow",
    "kyphoreader.printing.dialog",
    "PySide6.QtPrintSupport",
    "kyphoreader.search",
    "kyphoreader.readaloud.speaker",
    "kyphoreader.readaloud.controller",
    "kyphoreader.readaloud.controls",
    "kyphoreader.readaloud.script",
    "PySide6.QtTextToSpeech",
    "PySide6.QtMultimedia",
    "kyphoreader.glossary",
    "tomllib",  # the glossary file
    "kyphoreader.reading.toc",
    "kyphoreader.reading.navigation",
    "kyphoreader.reading.notice",
    "kyphoreader.app.actions",
    "kyphoreader.app.dialogs",
    "kyphoreader.app.about",
]


def start_reader(home: Path) -> tuple[list[str], list[str]]:
    """Start the reader until it is usable; return its output lines and the modules listed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KYPHOREADER_REPORT_MODULES="1")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env.pop("KYPHOREADER_CONFIG", None)
    result = subprocess.run(
        [sys.executable, "-m", "kyphoreader", "--quit-after-first-paint"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    [modules] = [json.loads(line.split(" ", 1)[1]) for line in lines if line.startswith("modules ")]
    return lines, modules


def imported(modules: list[str], name: str) -> list[str]:
    return [m for m in modules if m == name or m.startswith(f"{name}.")]


def test_only_what_the_text_needs_is_imported_before_its_first_paint(tmp_path):
    start_reader(tmp_path)  # the first start fills the leaflet cache
    lines, modules = start_reader(tmp_path)
    assert "kyphoreader.reading.view" in modules  # the list is the reader's own
    found = {name: imported(modules, name) for name in NOT_BEFORE_FIRST_PAINT}
    assert {name: hits for name, hits in found.items() if hits} == {}
    # The rest is built right after: the window becomes usable, the keys reach the text.
    order = [line.split()[0] for line in lines if line.split()[0] in ("first-paint", "usable")]
    assert order == ["first-paint", "usable"]
    [usable] = [line for line in lines if line.startswith("usable ")]
    assert usable.endswith("focus=reader")


def test_a_first_ever_start_parses_the_leaflet_but_builds_nothing_more_first(tmp_path):
    lines, modules = start_reader(tmp_path)  # empty cache, no settings
    assert imported(modules, "markdown")  # parsed before the paint: the text needs it
    found = {name: imported(modules, name) for name in NOT_BEFORE_FIRST_PAINT[1:]}
    assert {name: hits for name, hits in found.items() if hits} == {}
    assert lines[-1].startswith("usable ") and lines[-1].endswith("focus=reader")


# -- the same window, built in two steps ----------------------------------------------------


def settings_in(tmp_path, name: str):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)


def open_deferred(qtbot, store, leaflet):
    """Open a window as the reader starts one: the text first, the rest after its paint."""
    from kyphoreader.app.mainwindow import MainWindow

    window = MainWindow(store, deferred=True)
    qtbot.addWidget(window)
    window.show_leaflet(leaflet)
    window.restore_last_section()
    assert not window.is_built()
    with qtbot.waitSignal(window.built, timeout=10000):
        window.show()
    return window


def test_before_its_first_paint_the_window_holds_the_text_in_its_size_and_colours(
    qtbot, tmp_path, bundled_leaflet
):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar

    from kyphoreader.app.mainwindow import MainWindow
    from kyphoreader.core.settings import KEY_TEXT_SIZE, KEY_THEME
    from kyphoreader.reading.theme import THEMES

    store = settings_in(tmp_path, "dark")
    store.setValue(KEY_THEME, "dark")
    store.setValue(KEY_TEXT_SIZE, 200)
    window = MainWindow(store, deferred=True)
    qtbot.addWidget(window)
    window.show_leaflet(bundled_leaflet)
    assert window.reader.toPlainText().startswith(bundled_leaflet.title)
    assert window.reader.point_size() == 2 * 16.0
    base = QApplication.palette().color(QPalette.ColorRole.Base).name()
    assert base == THEMES["dark"].background
    assert not window.findChildren(QDockWidget) and not window.findChildren(QToolBar)
    with qtbot.waitSignal(window.built, timeout=10000):
        window.show()
    assert window.findChildren(QDockWidget) and window.contents.topLevelItemCount() > 0


def test_a_window_built_after_its_first_paint_equals_one_built_at_once(
    qtbot, open_window, tmp_path, bundled_leaflet
):
    from test_reset import snapshot

    deferred = open_deferred(qtbot, settings_in(tmp_path, "deferred"), bundled_leaflet)
    deferred.resize(1024, 768)
    built_late = snapshot(deferred)
    deferred.reset()
    after_reset = snapshot(deferred)
    deferred.close()  # (a second window re-styles the whole application, the first one too)
    at_once = open_window(settings_in(tmp_path, "at_once"))
    at_once.resize(1024, 768)
    assert built_late == snapshot(at_once)
    assert after_reset == snapshot(at_once)


def test_the_section_read_last_stays_at_the_top_when_the_panels_arrive(
    qtbot, open_window, tmp_path, bundled_leaflet
):
    store = settings_in(tmp_path, "last")
    first = open_window(store)
    first.navigation.jump_to("possible-complications")
    assert first.save_settings()
    first.close()

    window = open_deferred(qtbot, store, bundled_leaflet)
    qtbot.waitUntil(lambda: window.contents_dock.isVisible())
    assert window.reader.section_at_top() == "possible-complications"
    assert window.contents.current_section() == "possible-complications"
    assert window.navigation.history() == []


def test_once_built_the_text_does_not_move_again(qtbot, tmp_path, bundled_leaflet):
    from PySide6.QtCore import QPoint

    window = open_deferred(qtbot, settings_in(tmp_path, "still"), bundled_leaflet)
    qtbot.waitUntil(lambda: window.contents_dock.isVisible())
    qtbot.wait(50)  # the panels' first layout and paint

    def place():
        viewport = window.reader.viewport()
        return viewport.mapTo(window, QPoint(0, 0)), viewport.size(), window.reader.top_position()

    settled = place()
    qtbot.wait(500)  # the explained words are marked, nothing else arrives
    assert place() == settled
    assert window.reader.layer("glossary")


def test_the_text_takes_the_keys_and_links_as_a_text_browser_with_a_caret(window):
    from PySide6.QtCore import Qt

    flags = window.reader.textInteractionFlags()
    wanted = (
        Qt.TextInteractionFlag.TextBrowserInteraction
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    assert flags == wanted
