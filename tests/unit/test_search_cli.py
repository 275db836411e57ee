"""``kyphoreader --search``: what the search box would show, printed with no display."""

from __future__ import annotations

import io

import pytest
from clirunner import run_kyphoreader

from kyphoreader.core.leaflet import parse_leaflet
from kyphoreader.options import parse_options
from kyphoreader.search.cli import run_search


def search(*args: str, cwd=None):
    return run_kyphoreader("--search", *args, cwd=cwd, display=False)


def rows(stdout: str) -> list[list[str]]:
    return [line.split("\t") for line in stdout.splitlines() if "\t" in line]


def test_the_option_is_parsed():
    assert parse_options(["--search", "cement leak"]).search == "cement leak"
    assert parse_options([]).search is None


def test_sections_are_printed_best_first_as_id_heading_and_count(tmp_path):
    result = search("cement leak", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "possible-complications\tPossible complications\t2",
        "who-is-more-likely-to-have-another-fracture\t"
        "Who is more likely to have another fracture?\t2",
        "key-points\tKey points\t4",
    ]
    assert result.stderr == ""


def test_a_corrected_query_says_what_was_searched_first(tmp_path):
    result = search("kifoplasty", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Showing results for kyphoplasty."
    assert lines[1].startswith("what-this-leaflet-is-about\tWhat this leaflet is about\t")
    assert lines[-1].startswith("references\tReferences\t")
    assert all(
        len(row) == 3 and row[2].isdigit() and int(row[2]) > 0 for row in rows(result.stdout)
    )


def test_a_relaxed_query_says_so_first(tmp_path):
    result = search("gentle swimming and massage for my neck", cwd=tmp_path)
    assert result.returncode == 0
    first, *others = result.stdout.splitlines()
    assert first == (
        "Showing results for gentle swimming and massage for my neck. "
        "No section has all your words; these have most of them."
    )
    assert others[0].split("\t")[0] == "treatments-for-continuing-pain"


def test_nothing_found_exits_1_with_nothing_on_stdout(tmp_path):
    result = search("can I drive after kyphoplasty", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("No matches for “can I drive after kyphoplasty”")


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_is_bad_input(tmp_path, query):
    result = search(query, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "kyphoreader: error: --search needs a word or question to look for"
    ]


def test_a_bad_leaflet_is_bad_input(tmp_path):
    result = search("pain", str(tmp_path / "missing.md"), cwd=tmp_path)
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_search_and_export_cannot_be_combined(tmp_path):
    result = run_kyphoreader("--search", "pain", "--export-pdf", "x.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "--search and --export-pdf" in result.stderr


def test_another_leaflet_is_searched_with_its_own_synonyms(tmp_path):
    leaflet = tmp_path / "hip.md"
    leaflet.write_text(
        "## Hip fracture\n\nA broken hip is a fracture.\n\n## Walking\n\nWalk daily.\n"
    )
    (tmp_path / "synonyms.txt").write_text("stroll = walk\n")
    result = search("stroll", str(leaflet), cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["walking\tWalking\t1"]


def test_the_runner_needs_no_display_and_writes_to_the_given_streams():
    out, err = io.StringIO(), io.StringIO()
    leaflet = parse_leaflet("## Hip\n\nCafé and café.\n")
    assert run_search("cafe", leaflet, out, err) == 0
    assert out.getvalue() == "hip\tHip\t2\n" and err.getvalue() == ""
    assert run_search("zebra", leaflet, out, err) == 1
