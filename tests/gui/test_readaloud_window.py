"""Read aloud in the main window: the button, menu and keys, the bar, the mark, the messages.

Speech goes through Qt's silent ``mock`` engine here (the computer's engine list is replaced
by it); ``test_readaloud_audio.py`` drives the same window through the real engine.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from kyphoreader.readaloud import pace
from kyphoreader.readaloud import speaker as speaker_module
from kyphoreader.readaloud.controller import SENTENCE_LAYER
from kyphoreader.readaloud.script import PART_HEADING
from kyphoreader.reading.theme import THEMES
from kyphoreader.search.session import CURRENT_LAYER

pytestmark = pytest.mark.gui


@pytest.fixture
def no_speech(monkeypatch):
    """A computer with no speech engine at all."""
    monkeypatch.setattr(speaker_module, "available_engines", lambda include_test_engine=False: [])


@pytest.fixture
def reading_window(window, mock_speech):
    yield window
    window.read_aloud.stop()


def marked_text(window) -> list[str]:
    shown = window.reader.document().toPlainText()
    return [" ".join(shown[a:b].split()) for a, b in window.reader.layer(SENTENCE_LAYER)]


def toolbar_button(window):
    return window.read_aloud_toolbar.widgetForAction(window.actions_by_name["read_aloud"])


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed while reading the text, as a keyboard user would."""
    window.activateWindow()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, key, modifier)


def test_read_aloud_is_a_worded_toolbar_button_a_menu_and_keys(window):
    button = toolbar_button(window)
    assert isinstance(button, QToolButton) and button.isVisible()
    assert button.text() == "Read aloud" and button.accessibleName() == "Read aloud"
    assert button.width() >= 44 and button.height() >= 44
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Read aloud")
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == [
        "action_read_aloud",
        "action_stop_reading",
        "action_previous_sentence",
        "action_next_sentence",
        "action_read_slower",
        "action_read_faster",
        "action_read_references",
    ]
    keys = {
        name: [k.toString() for k in window.actions_by_name[name].shortcuts()]
        for name in ("read_aloud", "stop_reading", "previous_sentence", "next_sentence")
    }
    assert keys == {
        "read_aloud": ["F8", "Ctrl+Shift+U"],
        "stop_reading": ["Shift+F8"],
        "previous_sentence": ["F7"],
        "next_sentence": ["F9"],
    }
    assert window.read_aloud_controls.isHidden()  # until read aloud is first used
    # Nothing to stop or step through before reading starts.
    assert not window.actions_by_name["stop_reading"].isEnabled()
    assert not window.actions_by_name["next_sentence"].isEnabled()


def test_f8_reads_from_the_sentence_at_the_top_of_the_view_and_marks_it(qtbot, reading_window):
    window = reading_window
    window.navigation.show_section("possible-complications")
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000) as blocker:
        press(qtbot, window, Qt.Key.Key_F8)
    utterance = window.read_aloud.script[blocker.args[0]]
    assert (utterance.section_id, utterance.part) == ("possible-complications", PART_HEADING)
    assert marked_text(window) == [utterance.text]
    assert window.reader.is_span_visible(*window.reader.layer(SENTENCE_LAYER)[0])
    assert window.read_aloud_controls.isVisible()
    assert toolbar_button(window).text() == "Pause"
    assert window.actions_by_name["read_aloud"].text() == "&Pause"
    assert window.read_aloud_controls.play_button.text() == "Pause"

    press(qtbot, window, Qt.Key.Key_F8)  # pause: the mark stays
    assert window.read_aloud.state == "paused" and toolbar_button(window).text() == "Resume"
    assert marked_text(window) == [utterance.text]
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000) as blocker:
        press(qtbot, window, Qt.Key.Key_F9)  # next sentence, still paused
    following = window.read_aloud.script[blocker.args[0]]
    assert marked_text(window) == [following.text] and window.read_aloud.state == "paused"
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000):
        press(qtbot, window, Qt.Key.Key_F7)  # previous sentence
    assert marked_text(window) == [utterance.text]

    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # stop
    assert window.read_aloud.state == "stopped" and marked_text(window) == []
    assert toolbar_button(window).text() == "Read aloud"
    assert window.actions_by_name["read_aloud"].text() == "&Read aloud"
    assert not window.actions_by_name["stop_reading"].isEnabled()


def test_reading_starts_at_the_selected_text(qtbot, reading_window):
    window = reading_window
    script = window.read_aloud.script
    target = next(i for i, u in enumerate(script) if u.text.startswith("Gentle exercises"))
    window.navigation.show_section(script[target].section_id)
    start, end = window.read_aloud.span_of(target)
    window.reader.select_span(start + 3, end - 3)
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000) as blocker:
        window.actions_by_name["read_aloud"].trigger()
    assert blocker.args[0] == target
    assert marked_text(window) == [script[target].text]


def test_a_search_match_scrolled_out_of_view_does_not_decide_where_reading_starts(
    qtbot, reading_window
):
    window = reading_window
    window.search_bar.field.setText("cement")
    window.search_bar.flush()
    assert window.reader.textCursor().hasSelection()
    window.navigation.show_section("possible-complications")
    assert not window.reader.is_span_visible(*window.reader.layer(CURRENT_LAYER)[0])
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000) as blocker:
        window.actions_by_name["read_aloud"].trigger()
    assert window.read_aloud.script[blocker.args[0]].section_id == "possible-complications"


def test_the_mark_moves_with_the_voice_and_nothing_else(qtbot, reading_window):
    window = reading_window
    window.navigation.show_section("summary")
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000):
        window.actions_by_name["read_aloud"].trigger()
    window.actions_by_name["read_aloud"].trigger()  # pause
    marked = window.reader.layer(SENTENCE_LAYER)
    moves = []
    window.read_aloud.sentence_changed.connect(moves.append)
    # Scrolling, changing section, searching and resizing the text leave the mark alone.
    window.actions_by_name["next_section"].trigger()
    window.search_bar.field.setText("cement")
    window.search_bar.flush()
    window.appearance.set_text_size(200)
    window.appearance.set_theme("dark")
    assert window.reader.layer(SENTENCE_LAYER) == marked and moves == []
    # A search match inside the sentence is drawn over the mark, so it stays visible.
    assert window.reader.layer(CURRENT_LAYER)


def test_the_mark_takes_the_themes_reading_colours(qtbot, reading_window):
    window = reading_window
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000):
        window.actions_by_name["read_aloud"].trigger()
    ((start, end),) = window.reader.layer(SENTENCE_LAYER)
    for name, theme in THEMES.items():
        window.appearance.set_theme(name)
        (mark,) = [
            s
            for s in window.reader.extraSelections()
            if (s.cursor.selectionStart(), s.cursor.selectionEnd()) == (start, end)
        ]
        assert mark.format.background().color().name() == theme.reading_background
        assert mark.format.underlineColor().name() == theme.reading_underline


def test_without_a_speech_engine_it_says_so_plainly_and_nothing_sits_speaking(
    qtbot, window, no_speech
):
    press(qtbot, window, Qt.Key.Key_F8)
    (box,) = window.dialogs.open_dialogs()
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Read aloud"
    assert box.text().startswith("Read aloud is not available on this computer: ")
    assert "no speech engine is installed" in box.text()
    assert window.read_aloud.state == "unavailable"
    assert toolbar_button(window).text() == "Read aloud" and marked_text(window) == []
    window.actions_by_name["read_aloud"].trigger()  # pressed again: still one message
    assert len(window.dialogs.open_dialogs()) == 1
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.dialogs.open_dialogs() == [])


def test_speed_and_voice_are_remembered_and_shown(qtbot, open_window, tmp_path, mock_speech):
    store = QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat)
    first = open_window(store)
    assert first.read_aloud.speed == pace.DEFAULT_RATE
    first.actions_by_name["read_slower"].trigger()
    first.actions_by_name["read_slower"].trigger()
    assert first.read_aloud_controls.isVisible()
    assert first.read_aloud_controls.speed_label.text() == "Speed: Very slow"
    assert not first.actions_by_name["read_slower"].isEnabled()  # the slowest
    first.read_aloud_controls.voice_chosen.emit("Anne")
    first.close()

    second = open_window(store)
    assert second.read_aloud.speed == pace.SPEEDS[0].rate and second.read_aloud.voice == "Anne"
    assert second.read_aloud_controls.speed_label.text() == "Speed: Very slow"
    assert not second.actions_by_name["read_slower"].isEnabled()
    with qtbot.waitSignal(second.read_aloud.sentence_changed, timeout=5000):
        second.actions_by_name["read_aloud"].trigger()
    assert second.read_aloud.speaker.voice() == "Anne"
    second.read_aloud.stop()


def test_the_references_are_read_on_request(qtbot, reading_window):
    window = reading_window
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000):
        window.actions_by_name["read_references"].trigger()
    assert window.read_aloud_controls.isVisible()
    assert marked_text(window)[0] == "References"


def test_closing_or_opening_another_leaflet_stops_reading(qtbot, reading_window, sample_leaflet):
    window = reading_window
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000):
        window.actions_by_name["read_aloud"].trigger()
    window.show_leaflet(sample_leaflet)
    assert window.read_aloud.state == "stopped" and marked_text(window) == []
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000):
        window.actions_by_name["read_aloud"].trigger()
    assert marked_text(window) == ["A sample leaflet"]
    window.close()
    assert window.read_aloud.state == "stopped"


def test_read_aloud_with_the_reference_list_in_view_reads_the_references(qtbot, reading_window):
    window = reading_window
    window.reader.anchorClicked.emit(window.reader.document().baseUrl().resolved("#ref-2"))
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000):
        window.actions_by_name["read_aloud"].trigger()
    (said,) = marked_text(window)
    assert said.startswith("[2] Riew KD"), said
    assert window.read_aloud.script[0].text == "References"  # the list, not the leaflet


def test_at_the_largest_size_every_toolbar_word_is_still_whole(qtbot, reading_window):
    window = reading_window
    window.setFixedSize(1024, 768)
    window.appearance.set_text_size(400)
    for label in ("Read aloud", "Pause"):
        if label == "Pause":
            window.actions_by_name["read_aloud"].trigger()  # the bar shows too (it wraps)
        qtbot.wait(50)
        buttons = [
            button
            for toolbar in (window.toolbar, window.read_aloud_toolbar)
            for button in toolbar.findChildren(QToolButton)
            if button.isVisible()
        ]
        assert label in [b.text() for b in buttons]
        for button in buttons:
            # Not squeezed below the room its word and padding need ("Rea…oud").
            word = button.fontMetrics().horizontalAdvance(button.text())
            assert word + 2 * 12 <= button.width(), button.text()
            assert button.geometry().right() <= button.parentWidget().width(), button.text()
