"""Printed copies a clinic can hand out, read back from the PDF at every size and paper.

Issue 13: the contact box whole on the last page, the cited references, no widow, orphan,
stranded heading or near-empty page, no underline, one-inch margins, the title once on page 1.
"""

from __future__ import annotations

import re

import pytest
from conftest import CHOSEN, CLINIC, PAPERS, SIZES
from pdfpages import body_text, lines_by_block, squash

from kyphoreader.core.document import contact_paragraphs

MM = 72 / 25.4
INCH = 72.0
CASES = [
    pytest.param(size, paper, chosen, id=f"{size}pt-{paper}-{'some' if chosen else 'all'}")
    for size in SIZES
    for paper in PAPERS
    for chosen in (False, True)
]


def contact_texts() -> list[str]:
    return [text for _label, text in contact_paragraphs(CLINIC)]


@pytest.mark.parametrize(("size", "paper", "chosen"), CASES)
def test_a_copy_can_be_handed_out_as_it_is(copies, size, paper, chosen):
    _path, pages, html = copies(size, paper, chosen)
    last = pages[-1]

    # The contact box: drawn once, on the last page, around every detail of the clinic.
    assert [page.number for page in pages if page.boxes] == [last.number]
    (box,) = last.boxes
    inside = [ln for ln in last.body if ln.top >= box.y0 - 1 and ln.bottom <= box.y1 + 1]
    boxed = squash(" ".join(ln.text for ln in inside))
    for text in contact_texts():
        assert squash(text) in boxed, text
    assert "01632\u00a0960\u00a0123" in " ".join(ln.text for ln in inside)  # never split
    assert all(min(ln.sizes) >= size - 0.05 for ln in inside)  # at least the body size
    assert "About this copy" in body_text(pages)

    # Lines matched to the copy's paragraphs: no widow, orphan or stranded heading.
    blocks = lines_by_block(pages, _blocks(html))
    for index, (tag, text, found) in enumerate(blocks):
        numbers = [number for number, _line in found]
        for number in set(numbers):
            if number != numbers[0] or number != numbers[-1]:
                count = numbers.count(number)
                assert count >= 2 or len(found) < 2, (
                    f"page {number} holds only {count} line of {text[:50]!r}"
                )
        if tag.startswith("h") and index + 1 < len(blocks):
            next_page = blocks[index + 1][2][0][0]
            assert next_page == numbers[-1], f"heading {text!r} ends page {numbers[-1]}"

    # No page but the last is less than 40 % full; none holds only a heading or the date.
    for page in pages[:-1]:
        top = page.rule_y if page.number > 1 else INCH
        bottom = page.footer[0].top
        used = max(ln.bottom for ln in page.body) - top
        assert used / (bottom - top) >= 0.4, f"page {page.number} is {used / (bottom - top):.0%}"
    for page in pages:
        texts = [ln.text for ln in page.body]
        assert not all(t.startswith("Printed on") for t in texts), page.number

    # No underline: the only thin line is the rule under the running title, above the text.
    for page in pages:
        if page.number == 1:
            assert page.thin == [], "page 1 has no running title and no rule"
        else:
            assert len(page.thin) == 1, page.number
            assert all(ln.top >= page.thin[0].y1 for ln in page.body)

    # Margins of at least one inch, measured on every line and drawing.
    for page in pages:
        for line in page.header + page.body + page.footer:
            assert line.left >= INCH - 0.5 and line.right <= page.width - INCH + 0.5, line.text
            assert line.top >= INCH - 0.5 and line.bottom <= page.height - INCH + 0.5, line.text
        for rect in page.thin + page.boxes:
            assert rect.x0 >= INCH - 0.5 and rect.x1 <= page.width - INCH + 0.5
            assert rect.y0 >= INCH - 0.5 and rect.y1 <= page.height - INCH + 0.5


def _blocks(html):
    from pdfpages import html_blocks

    return html_blocks(html)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_title_is_printed_once_on_page_one(copies, bundled_leaflet, paper):
    _path, pages, _html = copies(18, paper, False)
    first = " ".join(ln.text for ln in pages[0].header + pages[0].body)
    assert first.count("Kyphoplasty-induced Back Pain") == 1
    for page in pages[1:]:
        header = " ".join(ln.text for ln in page.header)
        assert header and bundled_leaflet.title.startswith(header.rstrip("…"))


@pytest.mark.parametrize("size", (12, 36))
def test_chosen_sections_print_the_references_they_cite_and_only_those(
    copies, bundled_leaflet, size
):
    _path, pages, _html = copies(size, "A4", True)
    text = body_text(pages)
    chosen_text = " ".join(bundled_leaflet.section(s).text for s in CHOSEN)
    cited = set(re.findall(r"\[(\d)\]", chosen_text))
    assert cited == {"1", "2", "4", "5", "9"}
    references = bundled_leaflet.section("references").text.splitlines()
    for reference in references:
        number = reference[1]
        if number in cited:
            assert reference in text, reference
        else:
            assert reference not in text, reference
    assert "Key points" not in text


def test_about_this_copy_is_true_for_a_copy_of_chosen_sections(copies):
    text = body_text(copies(18, "A4", True)[1])
    assert "This copy: only these sections of the leaflet:" in text
    assert "“Possible complications”" in text
    assert "The references they cite are printed under “References”." in text
    assert "given in full at the end of this leaflet" not in text
    assert "given in full at the end of the whole leaflet" in text


def test_about_this_copy_of_the_whole_leaflet(copies):
    text = body_text(copies(18, "A4", False)[1])
    assert "only these sections" not in text
    assert "given in full at the end of this leaflet" in text
    assert "Review status: This leaflet has not been checked by a doctor or nurse" in text
    assert "Last reviewed: Not reviewed yet (not clinically reviewed)" in text
    assert "Next review: Not set" in text
