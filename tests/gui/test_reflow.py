"""At 400 % in a 1024 by 768 window: no word split inside itself, nothing cut off."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kyphoreader.app.mainwindow import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def small_screen_window(qtbot, settings_store, bundled_leaflet):
    win = MainWindow(settings_store)
    qtbot.addWidget(win)
    win.show_leaflet(bundled_leaflet)
    win.setFixedSize(1024, 768)
    with qtbot.waitExposed(win):
        win.show()
    return win


def split_words(browser) -> list[str]:
    """Every place where a line ends inside a word (letters or digits on both sides)."""
    document = browser.document()
    document.size()  # lay the whole text out
    broken = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for index in range(layout.lineCount() - 1):
            line = layout.lineAt(index)
            end = line.textStart() + line.textLength()
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                broken.append(text[max(0, end - 15) : end + 15])
        block = block.next()
    return broken


@pytest.mark.parametrize("percent", [100, 200, 300, 400])
def test_no_word_is_split_in_the_text_or_the_results(small_screen_window, qtbot, percent):
    window = small_screen_window
    window.appearance.set_text_size(percent)
    window.search_bar.field.setText("polymethylmethacrylate cement")
    window.search_bar.flush()
    qtbot.wait(20)
    assert split_words(window.reader) == []
    assert split_words(window.results) == []
    assert window.reader.horizontalScrollBar().maximum() == 0
    assert window.results.horizontalScrollBar().maximum() == 0
    assert window.reader.viewport().width() >= window.reflow.reader_width_needed() - 60


def test_the_panels_go_below_the_text_at_400_percent_and_come_back(small_screen_window):
    window = small_screen_window
    from PySide6.QtCore import Qt

    left = Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.dockWidgetArea(window.contents_dock) == left
    window.appearance.set_text_size(400)
    assert window.reflow.panels_below()
    assert window.dockWidgetArea(window.contents_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert not window.contents_dock.isHidden()
    window.actions_by_name["reset_settings"].trigger()
    assert not window.reflow.panels_below()
    assert window.dockWidgetArea(window.contents_dock) == left


def fully_shown(label: QLabel) -> bool:
    if not label.text():
        return True
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height() + 1
    return label.sizeHint().width() <= label.width() + 1


@pytest.mark.parametrize("query", ["zzqxj", "kyfoplasty", "cement"])
def test_search_words_are_not_cut_off_at_400_percent(small_screen_window, qtbot, query):
    window = small_screen_window
    window.appearance.set_text_size(400)
    window.search_bar.field.setText(query)
    window.search_bar.flush()
    qtbot.wait(20)
    bar = window.search_bar
    for label in (bar.count_label, bar.message_label):
        assert fully_shown(label), (label.objectName(), label.text(), label.size())
    assert bar.geometry().right() <= window.search_toolbar.width()


def test_the_dock_handle_width_is_the_styles_own(small_screen_window):
    """The reflow counts the handle between panels and text without asking the style (whose
    enums would cost start-up time): it must be the width the style gives it."""
    from PySide6.QtWidgets import QStyle

    from kyphoreader.app.reflow import dock_separator_extent

    window = small_screen_window
    metric = QStyle.PixelMetric.PM_DockWidgetSeparatorExtent
    assert dock_separator_extent(window) == window.style().pixelMetric(metric, None, window)


def every_word_measured(words: set[str], font) -> float:
    """The widest piece, every one measured: what longest_word_width must equal."""
    from PySide6.QtGui import QFontMetricsF

    from kyphoreader.app.reflow import _BREAKS

    metrics = QFontMetricsF(font)
    pieces = [piece for word in words for piece in _BREAKS.split(word) if piece]
    return max((metrics.horizontalAdvance(piece) for piece in pieces), default=0.0)


@pytest.mark.parametrize("points", [12, 19, 40, 76])
@pytest.mark.parametrize("bold", [False, True])
def test_the_widest_word_is_found_without_measuring_every_word(bundled_leaflet, points, bold):
    from kyphoreader.app.reflow import longest_word_width
    from kyphoreader.reading.typography import load_reading_typeface, reading_font

    load_reading_typeface()
    font = reading_font(points)
    font.setBold(bold)
    words = {w for s in bundled_leaflet.sections for w in f"{s.heading} {s.text}".split()}
    assert longest_word_width(words, font) == every_word_measured(words, font)
    # A short word of wide letters beats a long one of narrow letters.
    narrow_and_wide = {"illiterate-illicitly", "iiiiiiiiiiiiiiiiiiii", "WWWWWWWWW", "MM/WW", "x"}
    assert longest_word_width(narrow_and_wide, font) == every_word_measured(narrow_and_wide, font)
    assert every_word_measured({"WWWWWWWWW"}, font) > every_word_measured(
        {"iiiiiiiiiiiiiiiiiiii"}, font
    )
    assert longest_word_width(set(), font) == 0.0


@pytest.mark.parametrize("deferred", [False, True])
def test_the_panels_follow_the_window_as_it_is_narrowed_and_widened(
    qtbot, settings_store, bundled_leaflet, deferred
):
    """Narrowed below what the text and the contents need side by side, the panels go below
    the text; widened again, they come back (the window's resizes reach the reflow)."""
    from PySide6.QtCore import Qt

    window = MainWindow(settings_store, deferred=deferred)
    qtbot.addWidget(window)
    window.show_leaflet(bundled_leaflet)
    window.resize(1100, 768)
    if deferred:  # as the reader starts: the panels are built after the text's first paint
        with qtbot.waitSignal(window.settled, timeout=10000):
            window.show()
    else:
        with qtbot.waitExposed(window):
            window.show()
    assert not window.reflow.panels_below()
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.dockWidgetArea(window.contents_dock) == left

    window.resize(600, 768)
    qtbot.waitUntil(window.reflow.panels_below, timeout=5000)
    assert window.dockWidgetArea(window.contents_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.reader.viewport().width() >= window.reflow.reader_width_needed() - 60

    window.resize(1100, 768)
    qtbot.waitUntil(lambda: not window.reflow.panels_below(), timeout=5000)
    assert window.dockWidgetArea(window.contents_dock) == left
