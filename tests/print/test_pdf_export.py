"""Large-print PDFs measured from the PDF itself: words, sizes, page numbers, page breaks."""

from __future__ import annotations

import pymupdf
import pytest
from article import load_article, missing_in_order
from pdfpages import PAGE_NUMBER, body_text, read_pdf

from kyphoreader.printing.options import MARGIN_MM, PrintOptionError, PrintOptions
from kyphoreader.printing.output import export_pdf
from kyphoreader.printing.pages import PrintError

SIZES = (12, 18, 28)
MM = 72 / 25.4


@pytest.mark.parametrize("size", SIZES)
def test_every_kept_sentence_key_point_and_reference_is_printed_in_order(exported, size):
    text = body_text(exported[size][1])
    article = load_article()
    assert missing_in_order(article.sentences, text) == []
    assert missing_in_order(article.kept_key_points, text) == []
    assert missing_in_order(article.references, text) == []
    for omitted in article.omitted_key_points:
        assert omitted not in text


@pytest.mark.parametrize("size", SIZES)
def test_all_text_is_at_least_the_chosen_size(exported, size):
    for page in exported[size][1]:
        for line in page.header + page.body + page.footer:
            assert min(line.sizes) >= size - 0.05, (page.number, line.text)


@pytest.mark.parametrize("size", SIZES)
def test_every_page_has_the_title_and_a_correct_page_number(exported, size, bundled_leaflet):
    pages = exported[size][1]
    assert pages[0].header == []  # page 1 has the title as its heading, printed once
    for page in pages:
        if page.number > 1:
            header = " ".join(line.text for line in page.header)
            # The running title, shortened with "…" where it does not fit on one line.
            assert header == bundled_leaflet.title or (
                header.endswith("…") and bundled_leaflet.title.startswith(header[:-1])
            ), page.number
            assert len(page.header) == 1, page.number
        assert len(page.footer) == 1, page.number
        number, total = PAGE_NUMBER.match(page.footer[0].text).groups()
        assert (int(number), int(total)) == (page.number, len(pages))
    footers = {(round(p.footer[0].right), round(p.footer[0].top)) for p in pages}
    assert len(footers) == 1, "the page number is in the same place on every page"


@pytest.mark.parametrize("size", SIZES)
def test_nothing_runs_off_the_page_or_into_the_header_or_footer(exported, size):
    margin = MARGIN_MM * MM - 1
    for page in exported[size][1]:
        footer_top = page.footer[0].top
        for line in page.header + page.body + page.footer:
            assert line.left >= margin and line.right <= page.width - margin, line.text
            assert line.top >= margin - 2 and line.bottom <= page.height - margin + 2, line.text
        for line in page.body:
            assert line.top >= page.rule_y, (page.number, line.text)
            assert line.bottom <= footer_top + 0.5, (page.number, line.text)
        body_lines = sorted(page.body, key=lambda ln: ln.top)
        for upper, lower in zip(body_lines, body_lines[1:], strict=False):
            assert lower.top >= upper.bottom - 1.5, (page.number, upper.text, lower.text)


def is_heading(line, size) -> bool:
    return line.bold and max(line.sizes) > size * 1.05


@pytest.mark.parametrize("size", SIZES)
def test_no_page_ends_with_a_heading(exported, size):
    for page in exported[size][1]:
        last = max(page.body, key=lambda ln: ln.bottom)
        assert not is_heading(last, size), (page.number, last.text)


@pytest.mark.parametrize("size", SIZES)
def test_headings_are_bold_and_larger_and_nothing_is_italic(exported, size):
    headings = [ln for page in exported[size][1] for ln in page.body if is_heading(ln, size)]
    assert any("Possible complications" in h.text for h in headings)
    for page in exported[size][1]:
        for line in page.header + page.body + page.footer:
            assert not line.italic, line.text


@pytest.mark.parametrize("size", SIZES)
def test_body_text_is_left_aligned(exported, size):
    for page in exported[size][1]:
        lefts = [ln.left for ln in page.body if not ln.text.startswith("•")]
        column = min(lefts)
        # Lines start at the column edge (list items are indented by less than two
        # letters of the print size, never centred or justified).
        assert all(left - column < 2 * size for left in lefts), page.number


def test_larger_print_is_reflowed_onto_more_pages(exported):
    counts = {size: len(exported[size][1]) for size in SIZES}
    assert counts[12] < counts[18] < counts[28]


def test_the_last_pages_carry_provenance_and_the_print_date(exported):
    pages = exported[18][1]
    last = " ".join(line.text for line in pages[-1].body)
    assert "Printed on: 1 January 2030" in last
    assert "ask the person who gave it to you" in last  # no clinic file: the contact box says so
    closing = body_text(pages[-2:])
    assert "About this copy" in closing
    assert "Version: 1.0" in closing
    assert "not been checked by a doctor or nurse" in closing
    assert "does not replace advice from your own doctor or care team" in closing


def test_a4_and_letter_pages(tmp_path, bundled_leaflet):
    a4 = tmp_path / "a4.pdf"
    letter = tmp_path / "letter.pdf"
    export_pdf(bundled_leaflet, PrintOptions(18, "A4"), a4)
    export_pdf(bundled_leaflet, PrintOptions(18, "Letter"), letter)
    with pymupdf.open(a4) as doc:
        assert (round(doc[0].rect.width), round(doc[0].rect.height)) == (595, 842)
    with pymupdf.open(letter) as doc:
        assert (round(doc[0].rect.width), round(doc[0].rect.height)) == (612, 792)


def test_printing_some_sections_only(tmp_path, bundled_leaflet):
    path = tmp_path / "some.pdf"
    export_pdf(
        bundled_leaflet, PrintOptions(18, "A4", ("why-can-back-pain-continue", "summary")), path
    )
    text = body_text(read_pdf(path))
    assert "Fractures in the bones next to the treated one" in text  # a sub-section comes too
    assert "Other causes" in text and "In conclusion" in text
    assert "Possible complications" not in text and "Key points" not in text
    assert "About this copy" in text


def test_an_unknown_section_is_refused(tmp_path, bundled_leaflet):
    with pytest.raises(PrintOptionError, match="no section 'nope'"):
        export_pdf(bundled_leaflet, PrintOptions(18, "A4", ("nope",)), tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_a_clear_error_and_leaves_nothing(tmp_path, bundled_leaflet):
    with pytest.raises(PrintError, match="does not exist"):
        export_pdf(bundled_leaflet, PrintOptions(), tmp_path / "missing" / "x.pdf")
    with pytest.raises(PrintError, match="folder"):
        export_pdf(bundled_leaflet, PrintOptions(), tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        import os

        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(PrintError, match="cannot write"):
            export_pdf(bundled_leaflet, PrintOptions(), locked / "x.pdf")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_an_existing_file_is_replaced_whole(tmp_path, bundled_leaflet):
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(b"old contents")
    export_pdf(bundled_leaflet, PrintOptions(14, "A4"), path)
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["leaflet.pdf"]


def test_a_place_nobody_can_write_is_a_clear_error(bundled_leaflet):
    from pathlib import Path

    if not Path("/proc/self").exists():
        pytest.skip("needs Linux /proc, which even root cannot write files into")
    with pytest.raises(PrintError, match="cannot write"):
        export_pdf(bundled_leaflet, PrintOptions(), "/proc/kyphoreader-test.pdf")


def test_no_hidden_text_repeats_across_pages(exported, bundled_leaflet):
    """Each line is in the PDF once: on its own page, not also hidden under the next one."""
    import re

    from pypdf import PdfReader

    from kyphoreader.selftest import drop_running_title

    path = exported[18][0]
    title = "".join(bundled_leaflet.title.split())
    text = ""
    for page in PdfReader(path).pages:
        squashed = drop_running_title("".join((page.extract_text() or "").split()), title)
        text += re.sub(r"Page\d+of\d+", "", squashed, count=1)
    for sentence in load_article().sentences:
        assert text.count("".join(sentence.split())) == 1, sentence[:50]
