"""Read aloud's logic with Qt's silent ``mock`` engine: order, marks, steps, speed, failures."""

from __future__ import annotations

import pytest
from fakereader import FakeReader
from PySide6.QtCore import QSize

from kyphoreader.core.leaflet import parse_leaflet
from kyphoreader.readaloud import pace
from kyphoreader.readaloud import speaker as speaker_module
from kyphoreader.readaloud.controller import ReadAloudController
from kyphoreader.readaloud.controls import MIN_TARGET, ReadAloudControls
from kyphoreader.readaloud.speaker import (
    NO_AUDIO,
    PAUSED,
    PLAYING,
    STOPPED,
    UNAVAILABLE,
    Speaker,
    available_engines,
)

pytestmark = pytest.mark.gui

LEAFLET = """title: Two short parts
language: en

## One

First thing. Second thing [1].

## Two

Third thing.

## References

[1] A reference.
{: #ref-1 }
"""


@pytest.fixture
def leaflet():
    return parse_leaflet(LEAFLET)


@pytest.fixture
def reading(qtbot, leaflet):
    reader = FakeReader(leaflet)
    controls = ReadAloudControls()
    qtbot.addWidget(controls)
    controller = ReadAloudController(reader, controls, Speaker("mock"))
    controller.set_leaflet(leaflet)
    return controller, reader, controls


def _said(script, indexes):
    return [script[i].text for i in indexes]


def test_mock_is_never_chosen_unless_named():
    assert "mock" not in available_engines()
    assert "mock" in available_engines(include_test_engine=True)


def test_reads_from_the_top_sentence_by_sentence_to_the_end_without_the_references(qtbot, reading):
    controller, reader, controls = reading
    started, marked = [], []
    controller.sentence_changed.connect(
        lambda index: (started.append(index), marked.append(reader.marked()))
    )
    with qtbot.waitSignal(controller.speaker.finished, timeout=20000):
        controls.play_button.click()
        assert controls.play_button.text() == "Pause"
    said = _said(controller.script, [i for i in started if i >= 0])
    assert said == [
        "Two short parts",
        "Review status: This leaflet has not been checked by a doctor or nurse "
        "(it has not been clinically reviewed).",
        "One",
        "First thing.",
        "Second thing [1].",
        "Two",
        "Third thing.",
    ]
    # The mark showed each sentence as it was said, and is gone at the end.
    assert [m for m in marked if m] == [[text] for text in said]
    assert reader.visible
    assert reader.marked() == []
    assert controller.state == STOPPED
    assert controls.play_button.text() == "Read aloud"


def test_starts_at_the_sentence_at_the_top_of_the_view(qtbot, reading):
    controller, reader, _controls = reading
    reader.top = reader.text.index("Second thing")
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000) as blocker:
        controller.play()
    assert controller.script[blocker.args[0]].text == "Second thing [1]."
    assert reader.marked() == ["Second thing [1]."]
    controller.stop()


def test_pause_keeps_the_mark_and_resume_says_the_sentence_again(qtbot, reading):
    controller, reader, controls = reading
    reader.top = reader.text.index("First thing")
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000):
        controller.toggle()
    controller.toggle()
    assert controller.state == PAUSED
    assert controls.play_button.text() == "Resume"
    assert reader.marked() == ["First thing."]
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000) as blocker:
        controller.toggle()
    assert controller.script[blocker.args[0]].text == "First thing."
    assert controller.state == PLAYING
    controller.stop()
    assert reader.marked() == []
    assert controls.play_button.text() == "Read aloud"


def test_next_and_previous_sentence(qtbot, reading):
    controller, reader, controls = reading
    reader.top = reader.text.index("First thing")
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000):
        controller.play()
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000):
        controls.next_button.click()
    assert reader.marked() == ["Second thing [1]."]
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000):
        controls.previous_button.click()
    assert reader.marked() == ["First thing."]
    controller.pause()
    controller.next_sentence()  # while paused: the mark moves, the voice stays quiet
    assert reader.marked() == ["Second thing [1]."]
    assert controller.state == PAUSED
    controller.stop()


def test_references_are_read_only_on_request(qtbot, reading):
    controller, reader, _controls = reading
    said = []
    controller.sentence_changed.connect(
        lambda index: said.append(controller.script[index].text) if index >= 0 else None
    )
    with qtbot.waitSignal(controller.speaker.finished, timeout=10000):
        controller.read_references()
    assert said == ["References", "[1] A reference."]
    # Afterwards, Read aloud reads the leaflet again (without the references).
    assert all(u.section_id != "references" for u in controller.script)


def test_speed_steps_and_reset(qtbot, reading):
    controller, _reader, controls = reading
    assert controller.speed == pace.DEFAULT_RATE
    assert controls.speed_label.text() == "Speed: Steady"
    with qtbot.waitSignal(controller.speed_changed) as blocker:
        controls.slower_button.click()
    assert blocker.args == [pace.slower(pace.DEFAULT_RATE)]
    for _ in pace.RATES:
        controls.slower_button.click()
    assert controller.speed == pace.RATES[0]
    assert not controls.slower_button.isEnabled()
    controller.set_voice("Anne")
    controller.reset()
    assert controller.speed == pace.DEFAULT_RATE
    assert controller.voice == ""
    assert controller.state == STOPPED


def test_voices_are_those_of_the_leaflets_language(qtbot, reading):
    controller, _reader, controls = reading
    voices = controller.voices()
    assert voices and set(voices) <= {"Bob", "Anne", "Charly", "Mary"}
    controller.set_voice("Anne")
    assert controller.speaker.voice() == "Anne"
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000):
        controller.play()
    assert controls.voice_box.currentText() == "Anne"
    controller.stop()


def test_no_engine_is_reported_plainly(qtbot, reading, leaflet):
    reader = FakeReader(leaflet)
    controller = ReadAloudController(reader, None, Speaker("no-such-engine"))
    controller.set_leaflet(leaflet)
    with qtbot.waitSignal(controller.unavailable) as blocker:
        controller.play()
    assert blocker.args[0].startswith("Read aloud is not available on this computer")
    assert controller.state == UNAVAILABLE
    assert reader.marked() == []


def test_no_voice_for_the_language_is_reported_plainly(qtbot):
    speaker = Speaker("mock")
    speaker.set_language("ja")
    speaker.set_sentences(["こんにちは。"])
    with qtbot.waitSignal(speaker.unavailable) as blocker:
        speaker.play()
    assert "no voice for Japanese" in blocker.args[0]
    assert speaker.state == UNAVAILABLE


def test_a_leaflet_in_a_language_without_a_voice_is_reported_even_after_english(qtbot):
    speaker = Speaker("mock")
    speaker.set_sentences(["Hello."])
    assert speaker.check() == ""
    speaker.set_language("ja")
    with qtbot.waitSignal(speaker.unavailable) as blocker:
        speaker.play()
    assert "no voice for Japanese" in blocker.args[0]
    speaker.set_language("en")
    with qtbot.waitSignal(speaker.sentence_started):
        speaker.play()
    speaker.stop()


def test_a_sentence_that_never_ends_means_no_sound_and_never_a_frozen_state(
    qtbot, reading, monkeypatch
):
    controller, reader, controls = reading
    # Far less time than the silent engine needs: as if no sound device let it finish.
    monkeypatch.setattr(speaker_module.pace, "seconds_allowed", lambda words, rate: 0.05)
    with qtbot.waitSignal(controller.unavailable, timeout=5000) as blocker:
        controller.play()
    assert blocker.args[0] == NO_AUDIO.format(seconds=0)
    assert controller.state == UNAVAILABLE
    assert reader.marked() == []
    assert controls.play_button.text() == "Read aloud"
    monkeypatch.undo()
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000):
        controller.play()  # tries again afresh
    assert controller.state == PLAYING
    controller.stop()


def test_controls_are_big_and_named_by_their_words(qtbot):
    controls = ReadAloudControls()
    qtbot.addWidget(controls)
    controls.show()
    qtbot.waitExposed(controls)
    buttons = [
        controls.play_button,
        controls.stop_button,
        controls.previous_button,
        controls.next_button,
        controls.slower_button,
        controls.faster_button,
    ]
    for button in buttons:
        assert button.size().expandedTo(QSize(0, 0)).height() >= MIN_TARGET
        assert button.width() >= MIN_TARGET
        words = button.text().strip("◀▶ ")
        assert words and words in button.accessibleName()
    assert [b.text() for b in buttons] == [
        "Read aloud",
        "Stop",
        "◀ Previous sentence",
        "Next sentence ▶",
        "Slower",
        "Faster",
    ]
    assert controls.voice_box.height() >= MIN_TARGET
    assert "Voice" in controls.voice_box.accessibleName()
    assert not controls.stop_button.isEnabled()  # nothing to stop yet
