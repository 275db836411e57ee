"""What read aloud says: every sentence a sighted reader sees, in order, except the references."""

from __future__ import annotations

import pytest

from kyphoreader.core.text import words_of
from kyphoreader.readaloud import pace
from kyphoreader.readaloud.script import (
    FRONT_MATTER,
    PART_FRONT,
    PART_HEADING,
    PART_TEXT,
    build_script,
    front_matter_text,
    index_at,
    is_reference_list,
    references_script,
    section_starts,
    spoken_text,
)
from kyphoreader.reading.theme import THEMES, contrast_ratio


def _source(leaflet, utterance):
    if utterance.part == PART_FRONT:
        return front_matter_text(leaflet)
    section = leaflet.section(utterance.section_id)
    return section.heading if utterance.part == PART_HEADING else section.text


def test_every_utterance_is_an_exact_slice_of_its_source(bundled_leaflet):
    script = build_script(bundled_leaflet)
    assert script
    for utterance in script:
        source = _source(bundled_leaflet, utterance)
        assert source[utterance.start : utterance.end] == utterance.text


def test_every_word_a_reader_sees_is_read_in_order_except_the_references(bundled_leaflet):
    script = build_script(bundled_leaflet)
    seen = words_of(front_matter_text(bundled_leaflet))
    for section in bundled_leaflet.walk():
        if section.id != "references":
            seen += words_of(section.heading) + words_of(spoken_text(section.text))
    said = [word for utterance in script for word in words_of(utterance.speech)]
    assert said == seen


def test_the_title_block_comes_first_then_headings_before_their_text(bundled_leaflet):
    script = build_script(bundled_leaflet)
    assert script[0].section_id == FRONT_MATTER
    assert script[0].text == bundled_leaflet.title
    assert any(u.text.startswith("Please note:") for u in script if u.part == PART_FRONT)
    starts = section_starts(script)
    first = bundled_leaflet.sections[0]
    assert script[starts[first.id]].part == PART_HEADING
    assert script[starts[first.id]].text == first.heading
    assert script[starts[first.id] + 1].part == PART_TEXT


def test_the_reference_list_is_left_out_but_can_be_read_on_request(bundled_leaflet):
    references = bundled_leaflet.section("references")
    assert is_reference_list(references)
    assert not any(is_reference_list(s) for s in bundled_leaflet.walk() if s is not references)
    assert all(u.section_id != "references" for u in build_script(bundled_leaflet))
    on_request = references_script(bundled_leaflet)
    assert on_request[0].text == "References"
    assert len([u for u in on_request if u.part == PART_TEXT]) >= 9
    with_references = build_script(bundled_leaflet, references=True)
    assert with_references[-len(on_request) :] == on_request


def test_citation_marks_are_not_spoken_and_words_keep_their_place():
    text = "Pain may persist [1]. Causes vary [2, 5][3–4]."
    spoken = spoken_text(text)
    assert len(spoken) == len(text)
    assert "[" not in spoken and "1" not in spoken
    assert spoken.index("Causes") == text.index("Causes")


def test_start_place_in_a_section(sample_leaflet):
    script = build_script(sample_leaflet)
    first = script[index_at(script, "first-part")]
    assert (first.section_id, first.part) == ("first-part", PART_HEADING)
    text_index = index_at(script, "a-detail", 3, PART_TEXT)
    assert script[text_index].text == "A detail & more."
    assert index_at(script, "no-such-section") == -1
    assert index_at(script, "references") == -1  # left out


def test_speeds_step_and_stop_at_the_ends():
    assert pace.DEFAULT_RATE in pace.RATES
    assert pace.DEFAULT_RATE < 0  # slower than the engine's own speed
    assert pace.slower(pace.RATES[0]) == pace.RATES[0]
    assert pace.faster(pace.RATES[-1]) == pace.RATES[-1]
    assert pace.slower(pace.faster(pace.DEFAULT_RATE)) == pace.DEFAULT_RATE
    assert pace.speed_for(12345).rate == pace.RATES[-1]
    assert pace.is_slowest(pace.RATES[0]) and not pace.is_slowest(pace.DEFAULT_RATE)


def test_silence_is_noticed_sooner_for_short_sentences_never_before_they_could_end():
    short = pace.seconds_allowed(5, pace.DEFAULT_RATE)
    long = pace.seconds_allowed(40, pace.DEFAULT_RATE)
    assert short < long
    assert short <= 12
    for rate in pace.RATES:
        expected = 60 * 40 / pace.words_a_minute(rate)
        assert pace.seconds_allowed(40, rate) >= 2 * expected


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_the_sentence_mark_stands_apart_from_the_page_and_the_search_marks(theme):
    assert contrast_ratio(theme.reading_text, theme.reading_background) >= 7
    for search in (theme.hit_background, theme.current_hit_background):
        assert contrast_ratio(theme.reading_background, search) >= 3, (theme.name, search)
    assert contrast_ratio(theme.reading_underline, theme.background) >= 3
    assert contrast_ratio(theme.reading_underline, theme.reading_background) >= 3
    # The word being said (where the engine reports words) inside the sentence.
    assert contrast_ratio(theme.selection_background, theme.reading_background) >= 3
