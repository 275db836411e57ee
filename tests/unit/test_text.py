"""The shared text module: folding, words, sentences and mapping spans to rendered text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from kyphoreader.core.text import (
    base_forms,
    fold,
    fold_text,
    is_word_form,
    map_span,
    split_sentences,
    tokenize,
)


def test_fold_removes_case_accents_and_apostrophes():
    assert fold("Café’s") == "cafes"
    assert fold("KYPHOPLASTY") == "kyphoplasty"


def test_fold_text_splits_hyphens_and_plain_quotes():
    assert fold_text("Post-kyphoplasty “pain”") == 'post kyphoplasty "pain"'


def test_tokens_know_their_place_and_line():
    tokens = tokenize("Back pain.\nNew fracture")
    assert [t.folded for t in tokens] == ["back", "pain", "new", "fracture"]
    assert tokens[2].line == 1
    assert "Back pain.\nNew fracture"[tokens[3].start : tokens[3].end] == "fracture"


def test_sentences_keep_citations_and_skip_abbreviations():
    text = (
        "Pain may persist after surgery [1]. Causes vary, e.g. new fractures. "
        "Is it common? Yes.\nA list item without a stop\nThe value was 3.5 units."
    )
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == [
        "Pain may persist after surgery [1].",
        "Causes vary, e.g. new fractures.",
        "Is it common?",
        "Yes.",
        "A list item without a stop",
        "The value was 3.5 units.",
    ]


def test_every_sentence_is_an_exact_slice_and_nothing_is_lost(bundled_leaflet):
    for section in bundled_leaflet.walk():
        sentences = split_sentences(section.text)
        for sentence in sentences:
            assert section.text[sentence.start : sentence.end] == sentence.text
        joined = "".join(s.text for s in sentences)
        assert [c for c in joined if c.isalnum()] == [c for c in section.text if c.isalnum()]


def test_map_span_ignores_layout_differences():
    source = "First line.\nSecond  line here."
    target = "First line.\u2029Second line here."
    start = source.index("Second")
    assert map_span(source, target, start, start + len("Second  line")) == (
        target.index("Second"),
        target.index("Second") + len("Second line"),
    )


def test_map_span_refuses_text_that_differs():
    assert map_span("abc def", "abc xyz", 4, 7) is None
    assert map_span("abc", "abc", 2, 9) is None


def _map_span_walking(source: str, target: str, start: int, end: int) -> tuple[int, int] | None:
    """map_span as it was first written: one walk from the start for every span."""
    if not 0 <= start < end <= len(source):
        return None
    si = ti = 0
    mapped_start = -1
    while si < end:
        if source[si].isspace():
            si += 1
            continue
        while ti < len(target) and (target[ti].isspace() or target[ti] != source[si]):
            extra = target[ti] in "\u2022\ufffc\u2029\u2028\u00a0\u200b"
            if not target[ti].isspace() and not extra and unicodedata.category(target[ti]) != "Cf":
                return None
            ti += 1
        if ti >= len(target):
            return None
        if si >= start and mapped_start < 0:
            mapped_start = ti
        si += 1
        ti += 1
    return (mapped_start, ti) if mapped_start >= 0 else None


_PIECES = st.sampled_from(["a", "b", "c", " ", "\n", "  ", "\u2022", "\ufffc", "\u2029", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(
    source=st.lists(_PIECES, max_size=30).map("".join),
    extra=st.lists(st.tuples(st.integers(0, 40), _PIECES), max_size=6),
    other=st.lists(_PIECES, max_size=30).map("".join),
    unrelated=st.booleans(),
)
def test_map_span_gives_what_one_walk_per_span_gives(source, extra, other, unrelated):
    # The target is the source laid out again (layout characters and spaces added), or, to
    # meet the refusals too, another text altogether.
    target = list(source)
    for place, piece in extra:
        target.insert(min(place, len(target)), piece)
    target = other if unrelated else "".join(target)
    for start in range(len(source) + 1):
        for end in range(start, len(source) + 2):
            assert map_span(source, target, start, end) == _map_span_walking(
                source, target, start, end
            )


def test_word_forms_take_english_endings_only():
    assert is_word_form("risk", "risks") and is_word_form("leak", "leakage")
    assert is_word_form("swim", "swimming") and is_word_form("exercise", "exercising")
    assert is_word_form("spine", "spinal") and is_word_form("study", "studies")
    assert not is_word_form("common", "communication")
    assert not is_word_form("need", "needle")


def test_base_forms_take_one_ending_off():
    assert "exercise" in base_forms("exercising")
    assert "swim" in base_forms("swimming")
    assert "study" in base_forms("studies")
    assert base_forms("pain") == []
