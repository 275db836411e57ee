"""Issue 19 and 17: long leaflets print complete or are refused; pagination never fails.

The longest leaflet the limits allow (the bundled body repeated) is exported through the
command line, as a clinic would, and read back: every part heading in order, the closing page
present, no overlapping text. The 50- and 100-times leaflets are past the limits and refused
in one line; the pagination itself is still tested far past the limits (``SIZE_UNLIMITED``).
"""

from __future__ import annotations

import pytest
from clirunner import run_kyphoreader
from pdfpages import read_pdf, squash
from scaled import largest_allowed_times, write_scaled_leaflet

from kyphoreader.core.leaflet import parse_leaflet
from kyphoreader.core.limits import SIZE_UNLIMITED
from kyphoreader.printing.options import PrintOptions

TIMES = (largest_allowed_times(),)


@pytest.fixture(scope="session")
def long_exports(tmp_path_factory):
    """{times: (command result, pages)} for the longest allowed leaflet at 18 pt on A4."""
    folder = tmp_path_factory.mktemp("long")
    result = {}
    for times in TIMES:
        leaflet = write_scaled_leaflet(folder, times)
        out = folder / f"x{times}.pdf"
        done = run_kyphoreader(
            "--export-pdf", str(out), "--paper", "A4", str(leaflet), cwd=folder, display=False
        )
        result[times] = (done, read_pdf(out) if out.exists() else [])
    return result


@pytest.mark.parametrize("times", TIMES)
def test_a_long_leaflet_prints_complete(long_exports, times):
    done, pages = long_exports[times]
    assert done.returncode == 0, done.stderr
    headings = [
        line.text
        for page in pages
        for line in page.body
        if line.text.startswith("Part ") and line.bold
    ]
    assert headings == [f"Part {number} of {times}" for number in range(1, times + 1)]
    closing = " ".join(line.text for line in pages[-1].body)
    assert "Printed on:" in closing and "ask the person who gave it to you" in closing
    assert any("About this copy" in line.text for page in pages[-3:] for line in page.body)
    # As many pages as the text needs, and each one readable: no line drawn over another.
    body_chars = [sum(len(line.text) for line in page.body) for page in pages]
    assert max(body_chars) < 2 * sorted(body_chars)[len(body_chars) // 2]
    for page in pages:
        lines = sorted(page.body, key=lambda line: line.top)
        for upper, lower in zip(lines, lines[1:], strict=False):
            assert lower.top >= upper.bottom - 1.5, (page.number, upper.text, lower.text)


def test_the_longest_allowed_leaflet_is_several_times_the_bundled_one():
    assert TIMES[0] >= 8


@pytest.mark.parametrize("times", [50, 100])
def test_a_leaflet_past_the_limits_is_refused_in_one_line(tmp_path, times):
    leaflet = write_scaled_leaflet(tmp_path, times)
    done = run_kyphoreader("--export-pdf", "x.pdf", str(leaflet), cwd=tmp_path, display=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"kyphoreader: error: {leaflet}: the file is too large (")
    assert "at most 64 KB" in done.stderr
    assert list(tmp_path.glob("*.pdf")) == []


@pytest.mark.parametrize("times", TIMES)
def test_a_good_export_says_only_that_it_worked(long_exports, times):
    done, pages = long_exports[times]
    assert done.stderr == ""
    assert done.stdout.count("\n") == 1
    assert (
        done.stdout.startswith("Wrote ") and f": {len(pages)} pages at 18 pt on A4" in done.stdout
    )


def test_other_scripts_export_quietly_from_a_fallback_font(tmp_path):
    leaflet = tmp_path / "scripts.md"
    leaflet.write_text(
        "title: Scripts\n\n## Many scripts\n\nGreek: Καλημέρα. Cyrillic: Здравствуйте. "
        "Hebrew: שלום. Arabic: مرحبا. Armenian: Բարեւ. Georgian: გამარჯობა. "
        "Kannada: ನಮಸ್ಕಾರ. Chinese: 你好.\n",
        encoding="utf-8",
    )
    done = run_kyphoreader(
        "--export-pdf",
        "s.pdf",
        str(leaflet),
        cwd=tmp_path,
        display=False,
        env_extra={"XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)},
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.startswith("Wrote s.pdf: 1 pages")
    import pymupdf

    with pymupdf.open(tmp_path / "s.pdf") as document:
        fonts = {font[3] for page in document for font in page.get_fonts()}
        text = document[0].get_text()
    # Letters Atkinson Hyperlegible lacks come from a fallback font, not as empty boxes.
    assert any("DejaVu" in name for name in fonts), fonts
    for word in ("Καλημέρα", "Здравствуйте", "Բարեւ", "გამარჯობა"):
        assert word in text


def test_a_failed_layout_check_writes_nothing_and_exits_2(qapp, tmp_path, monkeypatch, capsys):
    from kyphoreader import cli
    from kyphoreader.printing import pages

    monkeypatch.setattr(pages, "layout_problems", lambda paged: ["page 3 overlaps (faked)"])
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    status = cli.main(["--export-pdf", str(tmp_path / "out.pdf")])
    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kyphoreader: error: ")
    assert "leaflet.md" in lines[0] and "page 3 overlaps (faked)" in lines[0]
    assert captured.out == ""
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*part")) == []


def _check(text: str, size: float = 18, paper: str = "A4"):
    from kyphoreader.printing.pages import PagedLeaflet, layout_problems

    leaflet = parse_leaflet(text, "hostile.md", limits=SIZE_UNLIMITED)
    paged = PagedLeaflet(leaflet, PrintOptions(size, paper))
    assert layout_problems(paged) == []
    return paged


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("## A\n\n" + "word " * 20_000 + "\n", id="a paragraph of many pages"),
        pytest.param("## " + "heading " * 2_000 + "\n\nText.\n", id="a heading longer than a page"),
        pytest.param("## H\n\n" + "x" * 30_000 + "\n", id="a line with no spaces"),
        pytest.param("".join(f"## Heading {n}\n\n" for n in range(5_000)), id="5000 headings"),
        pytest.param(
            "".join(f"## Heading {n}\n\n### Sub {n}\n\nLine.\n\n" for n in range(1_000)),
            id="heading runs",
        ),
        pytest.param(
            "## T\n\n<table><tr><td>" + "cell text " * 3_000 + "</td><td>b</td></tr></table>\n",
            id="a table cell longer than a page",
        ),
    ],
)
def test_pagination_never_runs_past_the_end(qapp, text):
    paged = _check(text, size=36)
    assert paged.page_count() >= 2
    lines = sum(len(unit.lines) for unit in paged.units)
    assert lines == len(paged.lines)


def test_a_piece_too_long_for_qt_is_laid_out_at_a_lower_resolution(qapp):
    paged = _check("## A\n\n" + "word " * 400_000 + "\n", size=36)
    assert max(piece.scale for piece in paged.pieces) > 1
    assert paged.page_count() > 1000


def test_every_line_of_a_paragraph_is_drawn_once(qapp, tmp_path):
    from kyphoreader.printing.output import export_pdf

    words = [f"w{n}" for n in range(6_000)]
    leaflet = parse_leaflet("## A\n\n" + " ".join(words) + "\n", "long.md", limits=SIZE_UNLIMITED)
    export_pdf(leaflet, PrintOptions(28, "Letter"), tmp_path / "a.pdf")
    text = squash(" ".join(ln.text for page in read_pdf(tmp_path / "a.pdf") for ln in page.body))
    assert squash(" ".join(words)) in text
