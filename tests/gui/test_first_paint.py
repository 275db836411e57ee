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

#: What a usual start (no options, no clinic file, a kept copy of the text) does not read
#: before the first paint either: the command line, the clinic file and the leaflet itself.
NOT_BEFORE_FIRST_PAINT_FROM_A_KEPT_COPY = [
    "kyphoreader.core.leaflet",
    "kyphoreader.core.cache",
    "kyphoreader.core.clinic",
    "kyphoreader.options",
    "kyphoreader.kiosk.policy",
    "kyphoreader.reading.accessible",  # made when a screen reader asks for it
    "html.parser",
    "dataclasses",
    "pickle",
]


#: What a usual start does not need to be usable either: made when first used, or (the
#: explained words) once the window is on screen and settled.
NOT_BEFORE_USABLE = [
    "kyphoreader.reading.accessible",  # the search bar's announcements: none at the build
    "kyphoreader.reading.contents_access",  # registered once settled (accessfactory.py)
    "kyphoreader.app.polish",  # names what Qt made once settled: ours are named as made
    "kyphoreader.glossary.controller",
    "kyphoreader.glossary.popup",
    "kyphoreader.readaloud.controller",
    "kyphoreader.readaloud.script",
    "kyphoreader.readaloud.speaker",
    "kyphoreader.app.icon",
    "kyphoreader.printing",
    "kyphoreader.search.index",
    "PySide6.QtTextToSpeech",
    "PySide6.QtPrintSupport",
    "tomllib",
    "signal",
    "datetime",  # only a leaflet with review dates needs it (the bundled one has none)
]
#: A usual start fills the contents and the notice from the kept copy, and loads the leaflet
#: only once the window is usable.
NOT_BEFORE_USABLE_FROM_A_KEPT_COPY = [
    "dataclasses",  # some 2 ms: the action table is a NamedTuple (app/actions.py)
    "kyphoreader.core.leaflet",
    "kyphoreader.core.cache",
    "kyphoreader.core.limits",
    "kyphoreader.core.notice",
]
#: Qt classes the text does not need before it is painted: accessibility's (about 3 ms) wait
#: until an assistive technology can have turned it on (reading/accessfactory.py).
QT_TYPES_NOT_BEFORE_FIRST_PAINT = [
    "QtGui.QAccessible",
    "QtGui.QAccessibleInterface",
    # Made only when PySide is handed a widget Qt made (the reader's viewport, say) and builds
    # every widget class to tell its type, about 10 ms (reading/viewportsize.py).
    "QtWidgets.QCalendarWidget",
    "QtWidgets.QWizard",
    "QtWidgets.QMdiArea",
]
#: Qt classes whose enums PySide would make (milliseconds each) and a usable window does not need;
#: Qt's own namespace, some 15 ms, is named only where a user's action or a first start needs it
#: (app/enumproperty.py).
QT_TYPES_NOT_BEFORE_USABLE = [
    # Made only to tell the type of a widget Qt made (reading/viewportsize.py).
    "QtWidgets.QCalendarWidget",
    "QtWidgets.QWizard",
    "QtWidgets.QMdiArea",
    "QtCore.Qt",
    "QtWidgets.QStyle",
    "QtWidgets.QToolTip",
    "QtGui.QPainter",
    "QtGui.QIcon",  # weighed by QAction(text, parent) and QPushButton(text, parent)
    # Accessibility's classes, some 3 ms: the text's, the contents' and the notice's own
    # interfaces are registered once the window is settled (reading/accessfactory.py).
    "QtGui.QAccessible",
    "QtGui.QAccessibleInterface",
    "QtWidgets.QAccessibleWidget",
    # Made when PySide hands a Python event filter (or an overridden ``event``) its first
    # event from a widget: it builds every event class to tell the event's type (app/bars.py).
    "QtGui.QTabletEvent",
    "QtGui.QNativeGestureEvent",
    "QtWidgets.QGraphicsSceneMouseEvent",
    # Named only to tell a dialog's controls apart (app/polish.py, app/dialogs.py).
    "QtWidgets.QDialog",
    "QtWidgets.QDialogButtonBox",
    "QtWidgets.QComboBox",
    "QtWidgets.QAbstractSpinBox",
    "QtWidgets.QGraphicsView",
]


def qt_types_at_first_paint(lines: list[str]) -> list[str]:
    """The Qt classes made when the reader reported its first paint."""
    [made] = [json.loads(line.split(" ", 1)[1]) for line in lines if line.startswith("qt-types ")]
    return made


def usable_lists(lines: list[str]) -> tuple[list[str], list[str]]:
    """The modules imported and the Qt classes made when the reader reported itself usable."""
    found = {}
    for line in lines:
        word, _, rest = line.partition(" ")
        if word in ("usable-modules", "usable-qt-types"):
            found[word] = json.loads(rest)
    return found["usable-modules"], found["usable-qt-types"]


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


def reported(lines: list[str]) -> list[str]:
    """The moments the reader reported, in order."""
    moments = ("first-paint", "usable", "settled")
    return [line.split()[0] for line in lines if line.split() and line.split()[0] in moments]


def line_of(lines: list[str], moment: str) -> str:
    [line] = [line for line in lines if line.startswith(f"{moment} ")]
    return line


def imported(modules: list[str], name: str) -> list[str]:
    return [m for m in modules if m == name or m.startswith(f"{name}.")]


def test_only_what_the_text_needs_is_imported_before_its_first_paint(tmp_path):
    start_reader(tmp_path)  # the first start fills the leaflet cache
    lines, modules = start_reader(tmp_path)
    assert "kyphoreader.reading.view" in modules  # the list is the reader's own
    found = {name: imported(modules, name) for name in NOT_BEFORE_FIRST_PAINT}
    assert {name: hits for name, hits in found.items() if hits} == {}
    # The rest is built right after: the window becomes usable, the keys reach the text.
    # The explained words are marked once the panels are on screen: "settled", after it.
    assert reported(lines) == ["first-paint", "usable", "settled"]
    assert line_of(lines, "usable").endswith("focus=reader")


def test_a_usual_start_paints_the_kept_copy_before_reading_the_leaflet(tmp_path):
    from kyphoreader.core.snapshot import FILE_PREFIX

    start_reader(tmp_path)  # the first start keeps a copy of the text it showed
    assert list((tmp_path / "cache" / "kyphoreader").glob(f"{FILE_PREFIX}*"))
    lines, modules = start_reader(tmp_path)
    assert "kyphoreader.core.snapshot" in modules  # it did start from the copy
    names = NOT_BEFORE_FIRST_PAINT + NOT_BEFORE_FIRST_PAINT_FROM_A_KEPT_COPY
    found = {name: imported(modules, name) for name in names}
    assert {name: hits for name, hits in found.items() if hits} == {}
    made = qt_types_at_first_paint(lines)
    assert "QtGui.QTextDocument" in made  # the list is the start's own
    assert [name for name in QT_TYPES_NOT_BEFORE_FIRST_PAINT if name in made] == []
    assert reported(lines) == ["first-paint", "usable", "settled"]
    assert line_of(lines, "usable").endswith("focus=reader")
    # Usable: every panel built, but what is made on first use or once settled is not yet.
    modules, qt_types = usable_lists(lines)
    assert "kyphoreader.reading.toc" in modules and "kyphoreader.search.session" in modules
    names = NOT_BEFORE_USABLE + NOT_BEFORE_USABLE_FROM_A_KEPT_COPY
    found = {name: imported(modules, name) for name in names}
    assert {name: hits for name, hits in found.items() if hits} == {}
    assert "QtWidgets.QDockWidget" in qt_types
    assert [name for name in QT_TYPES_NOT_BEFORE_USABLE if name in qt_types] == []
    # Settled: the words are marked, the window has its icon, and Python's cycle collector,
    # paused for the start, runs again.
    assert "icon=yes" in line_of(lines, "settled").split()
    assert "collector=off" in line_of(lines, "first-paint").split()
    assert "collector=on" in line_of(lines, "settled").split()


def test_a_first_ever_start_parses_the_leaflet_but_builds_nothing_more_first(tmp_path):
    lines, modules = start_reader(tmp_path)  # empty cache, no settings
    assert imported(modules, "markdown")  # parsed before the paint: the text needs it
    found = {name: imported(modules, name) for name in NOT_BEFORE_FIRST_PAINT[1:]}
    assert {name: hits for name, hits in found.items() if hits} == {}
    made = qt_types_at_first_paint(lines)
    assert [name for name in QT_TYPES_NOT_BEFORE_FIRST_PAINT if name in made] == []
    assert reported(lines) == ["first-paint", "usable", "settled"]
    assert line_of(lines, "usable").endswith("focus=reader")
    assert "collector=off" in line_of(lines, "first-paint").split()
    assert "collector=on" in line_of(lines, "settled").split()


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


# -- a start from the copy of the text kept last time ---------------------------------------


def open_from_kept_copy(qtbot, store, copy, monkeypatch, tmp_path):
    """Open a window as a usual start does: the kept copy first, then options and leaflet."""
    from kyphoreader.app.mainwindow import MainWindow
    from kyphoreader.app.startup import take_what_was_painted
    from kyphoreader.paths import CONFIG_ENV

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-system-config"))
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    window = MainWindow(store, None, deferred=True)
    qtbot.addWidget(window)
    window.show_snapshot(copy)
    window.restore_last_section()
    window.load_leaflet_later(lambda: take_what_was_painted(window, copy.source_name))
    shown_first = window.reader.toPlainText()  # before anything else is read
    assert shown_first and shown_first == QTextDocumentFromHtml(copy.html)
    assert window.windowTitle() == copy.title
    with qtbot.waitSignal(window.built, timeout=10000):
        window.show()
    return window


def QTextDocumentFromHtml(html: str) -> str:  # noqa: N802 - says what it makes
    """The plain text Qt makes of ``html``."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def kept_copy_of(leaflet, html=None):
    from kyphoreader.core.snapshot import Snapshot, snapshot_of

    kept = snapshot_of(leaflet)
    if html is None:
        return kept
    return Snapshot(kept.source_name, kept.title, html, kept.outline, kept.notice)


def test_a_window_started_from_the_kept_copy_equals_one_built_at_once(
    qtbot, open_window, tmp_path, bundled_leaflet, monkeypatch
):
    from test_reset import snapshot

    store = settings_in(tmp_path, "copy")
    window = open_from_kept_copy(qtbot, store, kept_copy_of(bundled_leaflet), monkeypatch, tmp_path)
    window.resize(1024, 768)
    # Usable before its leaflet is loaded: the contents and the notice come from the copy.
    assert window.leaflet is None
    headings = window.contents.section_ids()
    assert headings == [section.id for section in bundled_leaflet.walk()]
    assert window.notice.is_shown() and "not been checked" in window.notice.text()
    qtbot.waitUntil(window.is_settled, timeout=10000)  # then the leaflet, and the marks
    assert window.leaflet is not None and window.leaflet.title == bundled_leaflet.title
    built_from_copy = snapshot(window)
    window.close()
    at_once = open_window(settings_in(tmp_path, "at_once"))
    at_once.resize(1024, 768)
    assert built_from_copy == snapshot(at_once)


def test_a_start_from_the_kept_copy_opens_at_the_section_read_last(
    qtbot, open_window, tmp_path, bundled_leaflet, monkeypatch
):
    store = settings_in(tmp_path, "last")
    first = open_window(store)
    first.navigation.jump_to("possible-complications")
    assert first.save_settings()
    first.close()

    window = open_from_kept_copy(qtbot, store, kept_copy_of(bundled_leaflet), monkeypatch, tmp_path)
    qtbot.waitUntil(lambda: window.contents_dock.isVisible())
    assert window.reader.section_at_top() == "possible-complications"
    assert window.contents.current_section() == "possible-complications"
    assert window.reader.section_range("possible-complications") is not None


def test_a_kept_copy_that_is_not_the_leaflet_any_more_gives_way_to_the_leaflet(
    qtbot, tmp_path, bundled_leaflet, monkeypatch
):
    from kyphoreader.core.document import leaflet_document_html
    from kyphoreader.core.snapshot import read_snapshot

    html = "<html><body><p>Words of an older reader.</p></body></html>"
    old = kept_copy_of(bundled_leaflet, html)
    window = open_from_kept_copy(qtbot, settings_in(tmp_path, "old"), old, monkeypatch, tmp_path)
    qtbot.waitUntil(window.is_settled, timeout=10000)  # the leaflet is loaded once usable
    text = window.reader.toPlainText()
    assert "older reader" not in text and text.startswith(bundled_leaflet.title)
    kept = read_snapshot(tmp_path / "cache" / "kyphoreader", bundled_leaflet.source_name)
    assert kept is not None and kept.html == leaflet_document_html(bundled_leaflet)


def test_a_search_typed_before_the_leaflet_is_loaded_finds_and_keeps_what_was_done(
    qtbot, tmp_path, bundled_leaflet, monkeypatch
):
    copy = kept_copy_of(bundled_leaflet)
    window = open_from_kept_copy(qtbot, settings_in(tmp_path, "early"), copy, monkeypatch, tmp_path)
    assert window.leaflet is None and not window.is_settled()  # usable, leaflet still to come
    window.notice.hide_for_session()
    window.search_bar.field.setText("cement")
    window.search_bar.flush()
    assert window.leaflet is not None  # the search loaded it on the spot
    found = window.search_session.match_count()
    assert found > 0 and window.search_bar.count_label.text()
    qtbot.waitUntil(window.is_settled, timeout=10000)
    assert window.search_bar.text() == "cement" and window.search_session.match_count() == found
    assert not window.notice.is_shown()  # hidden by the reader, it stays hidden


def test_about_before_the_leaflet_is_loaded_shows_the_leaflets_details(
    qtbot, tmp_path, bundled_leaflet, monkeypatch
):
    from kyphoreader.app.about import AboutDialog

    copy = kept_copy_of(bundled_leaflet)
    window = open_from_kept_copy(qtbot, settings_in(tmp_path, "about"), copy, monkeypatch, tmp_path)
    assert window.leaflet is None
    window.actions_by_name["about"].trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(AboutDialog)), timeout=5000)
    assert window.leaflet is not None and window.leaflet.title == bundled_leaflet.title


def test_a_leaflet_opened_before_the_kept_one_is_loaded_stays(
    qtbot, tmp_path, bundled_leaflet, sample_leaflet, monkeypatch
):
    copy = kept_copy_of(bundled_leaflet)
    window = open_from_kept_copy(qtbot, settings_in(tmp_path, "other"), copy, monkeypatch, tmp_path)
    window.show_leaflet(sample_leaflet)
    qtbot.waitUntil(window.is_settled, timeout=10000)
    assert window.leaflet is sample_leaflet
    assert window.reader.toPlainText().startswith(sample_leaflet.title)
    assert window.contents.section_ids() == [section.id for section in sample_leaflet.walk()]


def test_pyside_reads_back_neither_our_modules_nor_the_standard_library_but_still_others(
    tmp_path,
):
    (tmp_path / "installed_elsewhere.py").write_text("from PySide6 import QtCore\n")
    code = (
        "import sys\n"
        "import PySide6.QtCore\n"
        "import shibokensupport.feature as feature\n"
        "read = []\n"
        "search = feature._mod_uses_pyside\n"
        "feature._mod_uses_pyside = lambda module: read.append(module.__name__) or search(module)\n"
        "from kyphoreader.app.pysidefeatures import spare_our_modules\n"
        "assert spare_our_modules() and spare_our_modules()\n"
        "from kyphoreader.core.text import fold\n"
        "from colorsys import rgb_to_hsv\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "import installed_elsewhere\n"
        "table = feature.pyside_feature_dict\n"
        "watched = ('kyphoreader.core', 'colorsys', 'installed_elsewhere')\n"
        "read = [name for name in read if name.startswith(watched)]\n"
        "print(table['kyphoreader.core.text'], table['colorsys'], table['installed_elsewhere'],"
        " read)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    # Ours: "uses PySide, no feature"; the standard library's: "no PySide"; both unread. A
    # module from anywhere else is still read, and found to use PySide.
    assert result.stdout.split() == ["0", "-1", "0", "['installed_elsewhere']"]


@pytest.mark.parametrize("theme, size", [("default", 100), ("dark", 200)])
def test_the_kept_copy_looks_exactly_as_the_leaflet_at_first_paint_and_once_settled(
    qtbot, tmp_path, bundled_leaflet, monkeypatch, theme, size
):
    from kyphoreader.app.mainwindow import MainWindow
    from kyphoreader.app.startup import take_what_was_painted
    from kyphoreader.core.settings import KEY_TEXT_SIZE, KEY_THEME

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pictures = {}
    for start in ("kept copy", "leaflet"):
        store = settings_in(tmp_path, start.replace(" ", "-"))
        store.setValue(KEY_THEME, theme)
        store.setValue(KEY_TEXT_SIZE, size)
        window = MainWindow(store, None, deferred=True)
        qtbot.addWidget(window)
        window.resize(1024, 768)
        if start == "kept copy":
            copy = kept_copy_of(bundled_leaflet)
            window.show_snapshot(copy)
            window.load_leaflet_later(
                lambda w=window, name=copy.source_name: take_what_was_painted(w, name)
            )
        else:
            window.show_leaflet(bundled_leaflet)
        first = window.grab().toImage()  # as first painted: nothing else is built yet
        assert not window.is_built()
        with qtbot.waitSignal(window.built, timeout=10000):
            window.show()
        usable = window.grab().toImage()  # the panels built (from the copy: no leaflet yet)
        assert (window.leaflet is None) == (start == "kept copy")
        qtbot.waitUntil(window.is_settled, timeout=10000)
        qtbot.wait(50)
        pictures[start] = (first, usable, window.grab().toImage())
        window.close()
    assert pictures["kept copy"][0] == pictures["leaflet"][0]
    assert pictures["kept copy"][1] == pictures["leaflet"][1]
    assert pictures["kept copy"][2] == pictures["leaflet"][2]


def test_a_leaflet_gone_after_its_copy_was_painted_gives_the_bundled_one_and_says_so(
    qtbot, tmp_path, bundled_leaflet, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from kyphoreader.core.snapshot import Snapshot

    gone = str(tmp_path / "removed.md")  # removed between the paint and the load
    copy = Snapshot(gone, "A leaflet removed since", "<p>Words painted first.</p>")
    window = open_from_kept_copy(qtbot, settings_in(tmp_path, "gone"), copy, monkeypatch, tmp_path)
    qtbot.waitUntil(window.is_settled, timeout=10000)  # the leaflet is loaded once usable
    assert window.leaflet is not None and window.leaflet.title == bundled_leaflet.title
    assert window.reader.toPlainText().startswith(bundled_leaflet.title)
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)), timeout=5000)
    [box] = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert box.windowTitle() == "This leaflet cannot be opened"
    assert "shown instead" in box.text()


def test_with_a_clinic_file_no_copy_of_the_text_is_kept(tmp_path):
    # A clinic file makes every start go the usual way, so a copy would never be read.
    clinic = tmp_path / "clinic.toml"
    clinic.write_text('[clinic]\nname = "Spine Clinic"\n', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KYPHOREADER_CONFIG=str(clinic))
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    result = subprocess.run(
        [sys.executable, "-m", "kyphoreader", "--quit-after-first-paint"],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert reported(result.stdout.splitlines()) == ["first-paint", "usable", "settled"]
    assert list((tmp_path / "cache" / "kyphoreader").glob("*.json"))  # the cache is kept
    assert not list((tmp_path / "cache" / "kyphoreader").glob("first-paint-*"))


def test_a_search_typed_before_a_gone_leaflet_is_replaced_runs_in_the_bundled_one(
    qtbot, tmp_path, bundled_leaflet, monkeypatch
):
    from kyphoreader.core.snapshot import Snapshot

    gone = str(tmp_path / "removed.md")
    copy = Snapshot(gone, "A leaflet removed since", "<p>Words painted first.</p>")
    window = open_from_kept_copy(qtbot, settings_in(tmp_path, "gone2"), copy, monkeypatch, tmp_path)
    window.search_bar.field.setText("cement")
    window.search_bar.flush()  # loads the leaflet: gone, so the bundled one comes instead
    assert window.leaflet is not None and window.leaflet.title == bundled_leaflet.title
    # What was typed is kept and is what the marks and results show, in the leaflet shown.
    assert window.search_bar.text() == "cement"
    qtbot.waitUntil(lambda: window.search_session.match_count() > 0, timeout=5000)
    assert window.search_session.query() == "cement"


# -- the reading pane's accessible interface, registered after the first paint --------------


def test_a_window_built_after_its_paint_gives_screen_readers_the_panes_own_interfaces(
    qtbot, tmp_path, bundled_leaflet
):
    """Once settled, the text, the contents and the notice have their own interfaces."""
    from PySide6.QtGui import QAccessible

    from kyphoreader.reading.accessible import ReaderAccessible
    from kyphoreader.reading.contents_access import ContentsAccessible

    window = open_deferred(qtbot, settings_in(tmp_path, "interface"), bundled_leaflet)
    qtbot.waitUntil(window.is_settled, timeout=10000)
    made = QAccessible.queryAccessibleInterface(window.reader)
    assert isinstance(made, ReaderAccessible)
    assert made.role() == QAccessible.Role.Document
    headings = [
        made.child(index).text(QAccessible.Text.Name)
        for index in range(made.childCount())
        if made.child(index).role() == QAccessible.Role.Heading
    ]
    assert headings[0] == bundled_leaflet.title
    contents = QAccessible.queryAccessibleInterface(window.contents)
    assert isinstance(contents, ContentsAccessible)
    assert contents.childCount() >= len(window.contents.section_ids())
    notice = QAccessible.queryAccessibleInterface(window.notice)
    assert notice.role() == QAccessible.Role.Notification


def test_a_plain_interface_made_before_the_panes_own_is_replaced(qtbot):
    """A screen reader that asked between the show and the registration got Qt's plain one."""
    from PySide6.QtGui import QAccessible

    from kyphoreader.reading.accessfactory import DOCUMENT_PROPERTY, adopt_reader_interface
    from kyphoreader.reading.accessible import ReaderAccessible
    from kyphoreader.reading.view import ReaderView

    view = ReaderView(interface_after_show=True)
    qtbot.addWidget(view)
    view.setHtml("<h1>Title</h1><p>Some text with <a href='#x'>[1]</a>.</p>")
    view.show()
    # As Qt makes it while the pane is not yet known as ours (the factory may already be
    # registered by an earlier window of this test run, so it is told this pane is plain).
    view.setProperty(DOCUMENT_PROPERTY, False)
    plain = QAccessible.queryAccessibleInterface(view)
    assert not isinstance(plain, ReaderAccessible)
    assert plain.role() != QAccessible.Role.Document
    view.setProperty(DOCUMENT_PROPERTY, True)

    assert adopt_reader_interface(view, active=True) is True
    made = QAccessible.queryAccessibleInterface(view)
    assert isinstance(made, ReaderAccessible)
    assert made.role() == QAccessible.Role.Document
    children = [made.child(index) for index in range(made.childCount())]
    named = {(child.role(), child.text(QAccessible.Text.Name)) for child in children}
    assert {(QAccessible.Role.Heading, "Title"), (QAccessible.Role.Link, "[1]")} <= named
    # Asked again (a second window, say), nothing more is replaced.
    assert adopt_reader_interface(view, active=True) is False
    assert QAccessible.queryAccessibleInterface(view) is made


def test_a_plain_interface_made_before_the_contents_own_is_replaced(qtbot, bundled_leaflet):
    """The contents list, registered once the window settles, replaces a plain interface."""
    from PySide6.QtGui import QAccessible

    from kyphoreader.reading.contents_access import ContentsAccessible, adopt_contents_interface
    from kyphoreader.reading.toc import TocPanel

    tree = TocPanel(interface_after_show=True)
    qtbot.addWidget(tree)
    tree.set_sections(bundled_leaflet.sections)
    tree.show()
    tree.setProperty("kyphoreader_contents", False)  # as Qt makes it before the registration
    plain = QAccessible.queryAccessibleInterface(tree)
    assert not isinstance(plain, ContentsAccessible)
    tree.setProperty("kyphoreader_contents", True)

    assert adopt_contents_interface(tree, active=True) is True
    made = QAccessible.queryAccessibleInterface(tree)
    assert isinstance(made, ContentsAccessible)
    first = made.child(0)
    assert first.text(QAccessible.Text.Name) == bundled_leaflet.sections[0].heading
    assert first.attributeValue(QAccessible.Attribute.Level) == 1
    assert adopt_contents_interface(tree, active=True) is False
    assert QAccessible.queryAccessibleInterface(tree) is made


def test_a_plain_interface_made_before_the_notices_own_is_replaced(qtbot, monkeypatch):
    """The notice, registered once the window settles, becomes a notification."""
    from PySide6.QtGui import QAccessible

    from kyphoreader.reading.notice import NOTICE_PROPERTY, NoticeBar

    monkeypatch.delenv("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", raising=False)
    bar = NoticeBar(interface_after_show=True)
    qtbot.addWidget(bar)
    bar.set_text("Reviewed in 2026.")
    bar.show()
    bar.setProperty(NOTICE_PROPERTY, False)  # as Qt makes it before the registration
    plain = QAccessible.queryAccessibleInterface(bar)
    assert plain.role() != QAccessible.Role.Notification
    bar.setProperty(NOTICE_PROPERTY, True)

    QAccessible.setActive(True)  # as an assistive technology turns it on
    try:
        bar.adopt_interface()
    finally:
        QAccessible.setActive(False)
    made = QAccessible.queryAccessibleInterface(bar)
    assert made.role() == QAccessible.Role.Notification
    assert made.text(QAccessible.Text.Name) == "Review notice"


def test_a_window_built_after_its_paint_registers_the_interfaces_once_settled(
    qtbot, tmp_path, bundled_leaflet, monkeypatch
):
    """Not while the window is being made usable: at "settled", for all three."""
    from kyphoreader.reading.notice import NoticeBar
    from kyphoreader.reading.toc import TocPanel
    from kyphoreader.reading.view import ReaderView

    monkeypatch.delenv("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", raising=False)
    adopted: list[str] = []
    for kind in (ReaderView, TocPanel, NoticeBar):
        adopt = kind.adopt_interface

        def spy(self, adopt=adopt, name=kind.__name__):  # noqa: ANN001, ANN202
            adopted.append(name)
            return adopt(self)

        monkeypatch.setattr(kind, "adopt_interface", spy)
    window = open_deferred(qtbot, settings_in(tmp_path, "registered"), bundled_leaflet)
    assert not window.is_settled()
    assert adopted == []
    qtbot.waitUntil(window.is_settled, timeout=10000)
    assert sorted(adopted) == ["NoticeBar", "ReaderView", "TocPanel"]


@pytest.mark.parametrize("size", [(1024, 768), (500, 400), (300, 900)])
@pytest.mark.parametrize("percent", [100, 400])
def test_the_viewport_sizes_worked_out_from_the_frames_are_the_viewports(
    qtbot, tmp_path, bundled_leaflet, size, percent
):
    """The reader and the notice size their text without asking for their viewports."""
    from kyphoreader.app.mainwindow import MainWindow
    from kyphoreader.core.settings import KEY_TEXT_SIZE
    from kyphoreader.reading.viewportsize import viewport_size

    store = settings_in(tmp_path, f"size-{percent}")
    store.setValue(KEY_TEXT_SIZE, percent)
    window = MainWindow(store, deferred=True)
    qtbot.addWidget(window)
    window.show_leaflet(bundled_leaflet)
    window.resize(*size)
    with qtbot.waitSignal(window.built, timeout=10000):
        window.show()
    qtbot.waitUntil(window.is_settled, timeout=10000)
    for area in (window.reader, window.notice.scroll):
        viewport = area.viewport()
        assert viewport_size(area) == (viewport.width(), viewport.height()), area.objectName()
    # The room kept below the text gives every text a scroll bar, which the size leaves out.
    assert window.reader.verticalScrollBar().isVisibleTo(window.reader)
    assert window.reader.viewport().width() < window.reader.maximumViewportSize().width()


def test_the_notice_lays_its_text_out_for_the_width_its_viewport_has(
    qtbot, tmp_path, bundled_leaflet
):
    from kyphoreader.reading.viewportsize import viewport_size

    window = open_deferred(qtbot, settings_in(tmp_path, "notice"), bundled_leaflet)
    notice = window.notice
    widths = set()
    for size in ((700, 300), (1200, 1000), (500, 700), (1600, 1200)):
        window.resize(*size)
        qtbot.wait(50)
        width = viewport_size(notice.scroll)[0]
        assert width == notice.scroll.viewport().width()
        assert notice.label.width() == width  # the text is laid out for the width it has
        assert notice.scroll.height() <= notice.label.heightForWidth(width)
        widths.add(width)
    assert len(widths) == 4


def test_the_column_is_centred_alike_before_and_after_the_first_paint(
    qtbot, tmp_path, bundled_leaflet
):
    window = open_deferred(qtbot, settings_in(tmp_path, "column"), bundled_leaflet)
    reader = window.reader
    frame = reader.document().rootFrame().frameFormat()
    side = (reader.viewport().width() - reader.column_width()) / 2
    assert frame.leftMargin() == pytest.approx(max(16, side))
    assert frame.rightMargin() == pytest.approx(max(16, side))
