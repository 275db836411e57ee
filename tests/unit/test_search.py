"""The search core: folding, prefixes, near spellings, lay words, phrases, ranking, odd input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyphoreader.core.leaflet import parse_leaflet
from kyphoreader.core.text import fold, tokenize
from kyphoreader.paths import default_leaflet_path
from kyphoreader.search.index import (
    MAX_QUERY_CHARS,
    SearchIndex,
    allowed_sound_changes,
    allowed_typos,
    edit_distance,
    sounds_like,
)
from kyphoreader.search.synonyms import SynonymError, load_synonyms_for, parse_synonyms


@pytest.fixture(scope="module")
def index(bundled_leaflet) -> SearchIndex:
    return SearchIndex(bundled_leaflet, load_synonyms_for(default_leaflet_path()))


def sections(result) -> list[str]:
    return [group.section_id for group in result.groups]


def matched(result) -> set[str]:
    return {hit.match_text.lower() for hit in result.hits}


# -- folding ----------------------------------------------------------------------------------


def test_fold_removes_case_accents_and_apostrophes():
    assert fold("Café") == "cafe"
    assert fold("VERTÉBRAL") == "vertebral"
    assert fold("It’s") == fold("it's") == "its"


def test_hyphens_and_dashes_separate_words():
    assert [t.folded for t in tokenize("over-the-counter – pain")] == [
        "over",
        "the",
        "counter",
        "pain",
    ]


@pytest.mark.parametrize("query", ["KYPHOPLASTY", "kyphoplasty", "Kyphoplásty", "kÿphoplasty"])
def test_case_and_accents_do_not_matter(index, query):
    assert "kyphoplasty" in matched(index.find(query))


def test_curly_and_straight_apostrophes_match(index):
    straight = index.find("it's essential")
    curly = index.find("it’s essential")
    assert sections(straight) == sections(curly)
    assert "how-kyphoplasty-is-done" in sections(straight)


def test_words_in_everyday_spelling_match_hyphenated_text(index):
    result = index.find("over the counter")
    assert "treatments-for-continuing-pain" in sections(result)
    assert {"over", "counter"} <= matched(result)


def test_quoted_phrase_matches_exactly(index):
    result = index.find('"over the counter"')
    assert sections(result) == ["treatments-for-continuing-pain", "key-points"]
    assert matched(result) == {"over-the-counter"}
    assert index.find('"counter the over"').groups == []


def test_curly_quotes_make_a_phrase_too(index):
    assert matched(index.find("“bone mineral density”")) == {"bone mineral density"}


# -- prefixes, near spellings, lay words ------------------------------------------------------


def test_prefix_matches_while_typing(index):
    assert {"fracture", "fractures"} <= matched(index.find("frac"))


def test_short_words_match_only_whole_words(index):
    assert all(hit.match_text.lower() == "of" for hit in index.find("of").hits)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("kyfoplasty", "kyphoplasty"),
        ("kyphoplastey", "kyphoplasty"),
        ("vertebre", "vertebrae"),
        ("osteoporsis", "osteoporosis"),
        ("cemnet", "cement"),
        ("embolsim", "embolism"),
    ],
)
def test_near_spellings_are_found_and_said(index, typed, meant):
    result = index.find(typed)
    assert meant in matched(result)
    assert result.corrections == {typed: meant}
    assert f"Showing results for {meant}" in result.message


def test_typo_allowance_depends_on_word_length():
    assert [allowed_typos("x" * n) for n in (3, 4, 7, 8, 12)] == [0, 1, 1, 2, 2]
    assert edit_distance("kyfoplasty", "kyphoplasty", 2) == 2
    assert edit_distance("ab", "ba", 1) == 1  # a swap of two letters is one mistake
    assert edit_distance("cat", "dogs", 1) == 2  # beyond the limit: limit + 1


def test_exact_words_are_not_corrected(index):
    assert index.find("cement").corrections == {}


@pytest.mark.parametrize(
    ("query", "expected_section", "expected_words"),
    [
        ("broken bone", "who-is-more-likely-to-have-another-fracture", {"fracture"}),
        ("break", "what-a-study-found", {"fracture"}),
        ("backbone", "fractures-in-the-bones-next-to-the-treated-one", {"vertebrae"}),
        ("pain killers", "treatments-for-continuing-pain", {"pain-relieving medications"}),
        ("painkillers", "treatments-for-continuing-pain", {"pain-relieving medications"}),
        ("glue", "how-kyphoplasty-is-done", {"cement"}),
        ("lungs", "possible-complications", {"lungs", "pulmonary"}),
        ("physio", "treatments-for-continuing-pain", {"physical therapy"}),
    ],
)
def test_lay_words_find_the_leaflet_words(index, query, expected_section, expected_words):
    result = index.find(query)
    assert expected_section in sections(result)
    assert expected_words <= matched(result)
    assert "also finds" in result.message


def test_synonym_file_is_parsed():
    rules = parse_synonyms("# comment\n\nBreak, broken bone = fracture, fractures\n")
    assert rules == {"break": ["fracture", "fractures"], "broken bone": ["fracture", "fractures"]}


@pytest.mark.parametrize("line", ["no equals sign", "= fracture", "break =", "a = b = c"])
def test_bad_synonym_lines_are_reported(line):
    with pytest.raises(SynonymError, match="line 1"):
        parse_synonyms(line, "synonyms.txt")


def test_every_synonym_target_is_a_phrase_of_the_leaflet(bundled_leaflet, index):
    text = " ".join(fold(w.folded) for s in bundled_leaflet.walk() for w in tokenize(s.text))
    for targets in load_synonyms_for(default_leaflet_path()).values():
        for target in targets:
            words = " ".join(t.folded for t in tokenize(target))
            assert words in text, target


# -- several words, ranking, hits -------------------------------------------------------------


def test_several_words_need_all_of_them_in_a_section(index):
    result = index.find("cement leak")
    assert sections(result) == [
        "possible-complications",
        "who-is-more-likely-to-have-another-fracture",
        "key-points",
    ]
    assert index.find("leak cement").groups == result.groups  # any order


def test_sections_with_the_words_closest_together_come_first():
    leaflet = parse_leaflet(
        "## Far\n\nBack pain can last, and much later on the cement may matter.\n\n"
        "## Near\n\nThe cement and back pain.\n\n## Only one\n\nBack pain alone.\n"
    )
    result = SearchIndex(leaflet).find("pain cement")
    assert sections(result) == ["near", "far"]


def test_single_word_results_are_in_reading_order(index, bundled_leaflet):
    order = bundled_leaflet.section_ids
    found = sections(index.find("cement"))
    assert found == sorted(found, key=order.index)


def test_hits_name_section_and_occurrence(index):
    hits = [h for h in index.find("leakage").hits if h.section_id == "key-points"]
    assert [(h.match_text, h.occurrence) for h in hits] == [("leakage", 0), ("leakage", 1)]
    assert hits[0].section_heading == "Key points"


def test_headings_are_searched_too(index):
    hits = index.find("complications").hits
    assert hits[0].section_id == "possible-complications"
    assert hits[0].occurrence == 0 and hits[0].match_text == "complications"


def test_snippets_are_short_and_hold_the_match(index):
    for hit in index.find("fracture").hits:
        assert hit.match_text in hit.snippet
        assert len(hit.snippet) <= 90, hit.snippet


def test_no_match_says_so_and_offers_the_contents(index):
    result = index.find("zebra")
    assert result.groups == []
    assert "No matches for “zebra”" in result.message
    assert "Contents" in result.message


def test_only_spaces_is_not_a_search(index):
    result = index.find("   ")
    assert result.groups == [] and result.message == ""


@pytest.mark.parametrize(
    "query",
    [
        "((.*",
        "[a-z]+",
        "\\",
        "x" * 10_000,
        "😀🦴",
        "שבר בעמוד השדרה",
        "كسر",
        "\x00\u200f",
        '"',
        "a" * 300,
    ],
)
def test_odd_input_gives_a_plain_answer(index, query):
    result = index.find(query)
    # None of these is in the leaflet: an honest "No matches", short, with nothing invisible.
    assert result.hits == []
    assert result.message.startswith("No matches for “")
    assert len(result.message) < 250
    assert all(c.isprintable() for c in result.message), repr(result.message)


def test_long_queries_are_cut(index):
    result = index.find("cement " + "x" * (MAX_QUERY_CHARS * 10))
    assert result.message.startswith("No matches")
    assert len(result.message) < 200


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_search_never_raises(bundled_leaflet, query):
    index = SearchIndex(bundled_leaflet, {"broken bone": ["fracture"]})
    result = index.find(query)
    for hit in result.hits:
        assert hit.match_text
        assert hit.occurrence >= 0


def test_a_tiny_leaflet_can_be_searched():
    leaflet = parse_leaflet("## Hip\n\nCafé and café.\n")
    index = SearchIndex(leaflet)
    hits = index.find("cafe").hits
    assert [(h.match_text, h.occurrence) for h in hits] == [("Café", 0), ("café", 0)]


# -- questions in a reader's own words --------------------------------------------------------


def test_question_words_do_not_sink_a_question(index):
    result = index.find("why am I still in pain after kyphoplasty")
    assert sections(result)[0] == "why-can-back-pain-continue"
    assert not {"why", "am", "i", "still", "in", "after"} & matched(result)


def test_a_question_lands_on_the_section_that_answers_it(index):
    assert sections(index.find("what is the balloon for")) == ["how-kyphoplasty-is-done"]
    assert sections(index.find("what are the side effects"))[0] == "possible-complications"
    assert sections(index.find("how many people still have pain"))[0] == "what-a-study-found"


def test_how_many_finds_the_numbers(index):
    result = index.find("how many people still have pain")
    assert {"21.7", "7.8"} <= matched(result)


def test_when_no_section_has_every_word_the_best_are_shown_and_it_is_said(index):
    result = index.find("gentle swimming and massage for my neck")  # no "neck" in the leaflet
    assert result.relaxed
    assert sections(result)[0] == "treatments-for-continuing-pain"
    assert "No section has all your words; these have most of them." in result.message
    assert result.showing_for == (
        "Showing results for gentle swimming and massage for my neck. "
        "No section has all your words; these have most of them."
    )


@pytest.mark.parametrize(
    ("query", "missing"),
    [
        ("can I drive after kyphoplasty", "drive"),
        ("can I have a bath", "bath"),
        ("how much does it cost", "cost"),
        ("when can I fly", "fly"),
    ],
)
def test_a_question_the_leaflet_does_not_answer_finds_nothing(index, query, missing):
    result = index.find(query)
    assert result.groups == []
    assert result.message.startswith(f"No matches for “{query}”")
    assert f"does not mention “{missing}”" in result.message


def test_words_found_all_over_the_leaflet_do_not_make_an_answer(index):
    # "long" and "operation" are in the leaflet, but nothing says how long it takes.
    assert index.find("how long does the operation take").groups == []


def test_a_leaflet_phrase_ranks_where_it_stands_together(index):
    assert sections(index.find("over the counter"))[0] == "treatments-for-continuing-pain"
    assert sections(index.find("risks and benefits"))[0] == "before-you-decide"


# -- sound-alike spelling and word forms ------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant", "found"),
    [
        ("kifoplasty", "kyphoplasty", "kyphoplasty"),
        ("infecshun", "infection", "infections"),
        ("osteoperosis", "osteoporosis", "osteoporosis"),
        ("embolisim", "embolism", "embolism"),
    ],
)
def test_spellings_by_sound_are_corrected_and_said(index, typed, meant, found):
    result = index.find(typed)
    assert found in matched(result)
    assert result.corrections == {typed: meant}
    assert f"Showing results for {meant}." in result.message


def test_a_corrected_word_in_a_question_is_shown_in_the_question(index):
    result = index.find("infecshun after kifoplasty")
    assert result.showing_for == "Showing results for infection after kyphoplasty."
    assert sections(result)[0] == "possible-complications"


@pytest.mark.parametrize("word", ["flying", "cost", "carry", "scar", "walk"])
def test_everyday_words_are_not_turned_into_leaflet_words(index, word):
    # "flying" sounds like "following", "cost" is one letter from "post": neither is meant.
    assert index.find(word).corrections == {}


def test_sounds_like_uses_metaphone():
    assert sounds_like("kifoplasty") == sounds_like("kyphoplasty")
    assert sounds_like("infecshun") == sounds_like("infection")
    assert sounds_like("1106") == ""
    assert allowed_sound_changes("kifoplasty") == 3


def test_any_form_of_a_word_is_found(index):
    assert "risks" in matched(index.find("risk benefits"))
    assert "infections" in matched(index.find("infection"))
    assert "communication" not in matched(index.find("how common is it really"))
    assert {"spinal", "spine"} <= {w.casefold() for w in matched(index.find("spine"))}
    assert sections(index.find("spine"))[0] == "what-this-leaflet-is-about"


def test_a_short_word_still_being_typed_does_not_empty_the_results(index):
    assert sections(index.find("broken b")) == sections(index.find("broken"))
    assert sections(index.find("cement l")) == sections(index.find("cement"))


# -- ranking and the reference list -----------------------------------------------------------


def test_a_section_named_by_the_word_comes_first(index):
    assert sections(index.find("treatment"))[0] == "treatments-for-continuing-pain"


def test_the_reference_list_comes_last(index):
    found = sections(index.find("kyphoplasty"))
    assert found[-1] == "references"
    assert index.find("kyphoplasty").only_references is False


def test_a_match_only_in_the_reference_list_is_said_to_be_so(index):
    result = index.find("is it safe")
    assert sections(result) == ["references"]
    assert result.only_references
    assert "Found only in the reference list." in result.message


# -- one line per place -----------------------------------------------------------------------


def test_each_place_is_listed_once_with_every_matched_word(index):
    result = index.find("cement leak")
    rows = result.places()
    assert [group.section_id for _first, group, _place in rows][:2] == [
        "possible-complications",
        "who-is-more-likely-to-have-another-fracture",
    ]
    for _first, _group, place in rows:
        assert [w.lower() for w in place.words] == ["cement", "leakage"]
        bold = [text.lower() for text, is_match in place.segments if is_match]
        assert bold == ["cement", "leakage"]
    assert sum(len(place.hits) for _f, _g, place in rows) == len(result.hits)


@pytest.mark.parametrize("query", ["kyphoplasty", "fracture", "pain", "Kallmes", "safety"])
def test_no_snippet_is_listed_twice(index, query):
    result = index.find(query)
    for group in result.groups:
        snippets = [place.snippet for place in group.places]
        assert len(snippets) == len(set(snippets)), snippets
        listed = sorted(n for place in group.places for n in place.hits)
        assert listed == list(range(len(group.hits)))  # and every match is on a line
