"""The results panel: one line per place, every matched word in bold, best section first."""

from __future__ import annotations

import pytest

from kyphoreader.paths import default_leaflet_path
from kyphoreader.search.index import SearchIndex
from kyphoreader.search.results import ResultsPanel
from kyphoreader.search.synonyms import load_synonyms_for

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def index(bundled_leaflet) -> SearchIndex:
    return SearchIndex(bundled_leaflet, load_synonyms_for(default_leaflet_path()))


@pytest.fixture
def panel(qtbot) -> ResultsPanel:
    widget = ResultsPanel()
    qtbot.addWidget(widget)
    widget.resize(400, 600)
    return widget


def links(panel: ResultsPanel) -> list[tuple[str, str, list[str]]]:
    """Each link in the panel: (href, its text, the bold words in it), in order."""
    found: list[tuple[str, str, list[str]]] = []
    block = panel.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                bold = fragment.charFormat().fontWeight() > 500
                if not found or found[-1][0] != href:
                    found.append((href, "", []))
                href_, text, words = found[-1]
                found[-1] = (href_, text + fragment.text(), words + [fragment.text()] * bold)
            iterator += 1
        block = block.next()
    return found


def test_one_line_per_place_with_every_matched_word(panel, index):
    result = index.find("cement leak")
    panel.show_result(result, 0)
    text = panel.toPlainText()
    assert "Possible complications (2 matches)" in text
    lines = links(panel)
    assert len(lines) == len(result.places()) == len(result.hits) // 2
    for _href, _text, bold in lines:
        assert [w.lower() for w in bold] == ["cement", "leakage"]
    texts = [line[1] for line in lines]
    assert len(texts) == len(set(texts))
    assert [href for href, _t, _b in lines] == [f"#hit-{n}" for n, *_ in result.places()]


def test_the_line_of_the_current_match_is_marked(panel, index):
    result = index.find("cement leak")
    panel.show_result(result, 1)  # the second word of the first line
    assert panel.toPlainText().count("▶") == 1
    assert panel.toPlainText().index("▶") < panel.toPlainText().index("Who is more likely")


def test_a_match_only_in_the_reference_list_is_shown_as_such(panel, index):
    panel.show_result(index.find("is it safe"), 0)
    text = panel.toPlainText()
    assert "Found only in the reference list." in text
    assert "References (2 matches, found only in the reference list)" in text


def test_a_relaxed_search_says_so_above_the_results(panel, index):
    panel.show_result(index.find("gentle swimming and massage for my neck"), 0)
    first_line = panel.toPlainText().splitlines()[0]
    assert "No section has all your words; these have most of them." in first_line
    assert first_line.startswith("Showing results for")


def test_a_question_lists_its_best_answer_first(panel, index):
    panel.show_result(index.find("what is the balloon for"), 0)
    assert panel.toPlainText().splitlines()[0] == "How kyphoplasty is done (1 match)"
