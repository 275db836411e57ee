"""kyphoreader --export-pdf: works with no display, and fails in one clear line."""

from __future__ import annotations

import subprocess

import pytest
from article import load_article, missing_in_order
from clirunner import run_kyphoreader
from pdfpages import body_text, read_pdf


def run_cli(*args: str, cwd) -> subprocess.CompletedProcess:
    # No display variables at all: the command must manage without a display by itself.
    return run_kyphoreader(*args, cwd=cwd, display=False)


def test_export_without_a_display(tmp_path):
    result = run_cli(
        "--export-pdf", "leaflet.pdf", "--print-size", "18", "--paper", "A4", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote leaflet.pdf:")
    pages = read_pdf(tmp_path / "leaflet.pdf")
    assert len(pages) > 5
    assert missing_in_order(load_article().sentences, body_text(pages)) == []
    assert [p.name for p in tmp_path.iterdir()] == ["leaflet.pdf"]


def test_export_of_some_sections_of_another_leaflet(tmp_path):
    leaflet = tmp_path / "hip.md"
    leaflet.write_text(
        "title: Hip care\n\n## Walking\n\nTake it slowly.\n\n## Stairs\n\nOne at a time.\n",
        encoding="utf-8",
    )
    result = run_cli(
        "--export-pdf",
        "out.pdf",
        "--section",
        "stairs",
        "--print-size",
        "22pt",
        str(leaflet),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    text = body_text(read_pdf(tmp_path / "out.pdf"))
    assert "One at a time." in text and "Take it slowly." not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--print-size", "40"], "print size must be from 12 to 36 points"),
        (["--print-size", "big"], "print size must be a number"),
        (["--paper", "A5"], "paper must be A4 or Letter"),
        (["--section", "nope"], "no section 'nope'"),
        (["--export-pdf", "missing/out.pdf"], "does not exist"),
    ],
)
def test_bad_values_give_one_line_and_leave_no_file(tmp_path, args, message):
    if "--export-pdf" not in args:
        args = ["--export-pdf", "out.pdf", *args]
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert lines[0].startswith("kyphoreader: error: ")
    assert list(tmp_path.iterdir()) == []


def test_a_bad_leaflet_gives_one_line_and_no_file(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe nope")
    result = run_cli("--export-pdf", "out.pdf", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "not UTF-8" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_section_without_export_is_refused(tmp_path):
    result = run_cli("--section", "summary", cwd=tmp_path)
    assert result.returncode == 2
    assert "--section and --paper need --export-pdf" in result.stderr
