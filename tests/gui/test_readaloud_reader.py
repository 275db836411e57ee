"""Read aloud in the real reading pane: every sentence is marked where it is shown."""

from __future__ import annotations

import pytest

from kyphoreader.readaloud.controller import SENTENCE_LAYER, ReadAloudController
from kyphoreader.readaloud.script import PART_HEADING
from kyphoreader.readaloud.speaker import Speaker
from kyphoreader.reading.theme import THEMES
from kyphoreader.reading.view import ReaderView

pytestmark = pytest.mark.gui


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def reading(qtbot, bundled_leaflet):
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(900, 700)
    reader.show_leaflet(bundled_leaflet)
    reader.show()
    qtbot.waitExposed(reader)
    controller = ReadAloudController(reader, None, Speaker("mock"))
    controller.set_leaflet(bundled_leaflet)
    controller.apply_theme(THEMES["default"])
    yield controller, reader
    controller.stop()


def test_every_sentence_read_aloud_maps_to_the_same_words_on_screen(reading):
    controller, reader = reading
    shown = reader.document().toPlainText()
    assert controller.script
    for index, utterance in enumerate(controller.script):
        span = controller.span_of(index)
        assert span is not None, utterance
        assert _squash(shown[span[0] : span[1]]) == _squash(utterance.text), utterance


def test_reading_starts_at_the_top_of_the_view_and_marks_the_sentence(qtbot, reading):
    controller, reader = reading
    reader.go_to("possible-complications")
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000) as blocker:
        controller.play()
    utterance = controller.script[blocker.args[0]]
    assert (utterance.section_id, utterance.part) == ("possible-complications", PART_HEADING)
    span = controller.span_of(blocker.args[0])
    assert reader.layer(SENTENCE_LAYER) == [span]
    assert reader.is_span_visible(*span)
    controller.stop()
    assert reader.layer(SENTENCE_LAYER) == []


def test_reading_starts_at_the_selected_text(qtbot, reading):
    controller, reader = reading
    reader.go_to("key-points")
    target = next(
        i for i, u in enumerate(controller.script) if u.text.startswith("Gentle exercises")
    )
    start, end = controller.span_of(target)
    reader.select_span(start + 3, end - 3)
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000) as blocker:
        controller.play()
    assert blocker.args[0] == target
    assert reader.is_span_visible(start, end)


def test_the_mark_follows_the_voice_and_keeps_the_sentence_in_view(qtbot, reading):
    controller, reader = reading
    last = len(controller.script) - 3
    reader.go_to("summary")  # the view is far above the last sentences
    with qtbot.waitSignal(controller.sentence_changed, timeout=5000):
        controller.play(last)
    span = controller.span_of(last)
    assert reader.layer(SENTENCE_LAYER) == [span]
    assert reader.is_span_visible(*span)
