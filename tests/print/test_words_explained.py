"""Every printed copy ends with "Words explained" for its sections' terms, in large print."""

from __future__ import annotations

import pytest
from clirunner import run_kyphoreader
from conftest import CHOSEN
from pdfpages import body_text, read_pdf, squash

from kyphoreader.glossary.terms import WORDS_EXPLAINED_HEADING, WORDS_EXPLAINED_INTRO
from kyphoreader.printing.options import chosen_sections


def section_lines(pages):
    """The lines of "Words explained", from its heading to "About this copy"."""
    lines = [line for page in pages for line in page.body]
    start = next(i for i, ln in enumerate(lines) if ln.text == WORDS_EXPLAINED_HEADING)
    end = next(i for i, ln in enumerate(lines) if ln.text == "About this copy")
    return lines[start:end]


def assert_explains_in_order(text: str, terms) -> None:
    position = squash(text).index(squash(WORDS_EXPLAINED_HEADING + WORDS_EXPLAINED_INTRO))
    for term in terms:
        found = squash(text).find(squash(f"{term.term}: {term.explanation}"), position)
        assert found > position, term.term
        position = found


@pytest.mark.parametrize("size", (12, 18, 28))
def test_the_whole_leaflet_ends_with_every_word_explained_at_the_print_size(
    exported, glossary, bundled_leaflet, size
):
    pages = exported[size][1]
    text = body_text(pages)
    terms = glossary.terms_in(bundled_leaflet.walk())
    assert [t.id for t in terms] == [t.id for t in glossary]  # every word is in the leaflet
    # After the article (its last reference), before "About this copy".
    last_reference = bundled_leaflet.section("references").text.splitlines()[-1]
    heading = squash(text).index(squash(WORDS_EXPLAINED_HEADING + WORDS_EXPLAINED_INTRO))
    assert squash(text).index(squash(last_reference)) < heading
    assert heading < squash(text).index("Aboutthiscopy")
    assert_explains_in_order(text, terms)
    lines = section_lines(pages)
    assert lines[0].bold and min(lines[0].sizes) > size  # a heading, larger than the text
    for line in lines:
        assert min(line.sizes) >= size - 0.05, line.text
        assert not line.italic, line.text


def test_a_copy_of_chosen_sections_explains_only_their_words(copies, glossary, bundled_leaflet):
    _path, pages, _html = copies(18, "A4", True)
    terms = glossary.terms_in(chosen_sections(bundled_leaflet, CHOSEN))
    assert "hounsfield-unit" not in {t.id for t in terms}  # in a section not printed
    text = body_text(pages)
    assert_explains_in_order(text, terms)
    explained = " ".join(line.text for line in section_lines(pages))
    others = [t for t in glossary if t not in terms]
    assert others
    for term in others:
        assert squash(f"{term.term}: ") not in squash(explained), term.term


def test_the_export_command_ends_with_words_explained(tmp_path, glossary):
    result = run_kyphoreader("--export-pdf", "out.pdf", "--print-size", "22", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    text = body_text(read_pdf(tmp_path / "out.pdf"))
    assert_explains_in_order(text, list(glossary))


def test_a_broken_glossary_prints_without_it_and_says_so_in_one_line(tmp_path):
    leaflet = tmp_path / "hip.md"
    leaflet.write_text("title: Hip care\n\n## Walking\n\nTake it slowly.\n", encoding="utf-8")
    (tmp_path / "glossary.toml").write_text("[[term]\nterm = 'walking'\n", encoding="utf-8")
    result = run_kyphoreader("--export-pdf", "out.pdf", "hip.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("kyphoreader: warning: ") and "glossary.toml" in warning
    assert "Traceback" not in result.stderr
    text = body_text(read_pdf(tmp_path / "out.pdf"))
    assert "Take it slowly." in text and WORDS_EXPLAINED_HEADING not in text
