"""The shared text module: folding, words, sentences and mapping spans to rendered text."""

from __future__ import annotations

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
