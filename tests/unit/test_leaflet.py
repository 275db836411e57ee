"""The leaflet model: metadata, the section tree, plain text and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyphoreader.core.leaflet import MAX_LEAFLET_BYTES, LeafletError, load_leaflet, parse_leaflet

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def test_front_matter_is_read_into_metadata(sample_leaflet):
    meta = sample_leaflet.meta
    assert meta.title == "A sample leaflet"
    assert meta.summary == "A short leaflet used by the tests."
    assert (meta.language, meta.version, meta.date_added) == ("en", "2.1", "2026-01-02")
    assert meta.reviewed_by == "Dr A Example" and meta.review_date == "2026-02-03"
    assert meta.is_reviewed
    assert meta.review_status == "Checked by Dr A Example on 2026-02-03."
    assert meta.extra == {"clinic": "Example Clinic"}


def test_sections_form_a_tree_with_stable_ids(sample_leaflet):
    top = sample_leaflet.sections
    assert [s.id for s in top] == ["first-part", "second-part", "second-part_1", "references"]
    assert [s.level for s in top] == [2, 2, 2, 2]
    assert [c.id for c in top[0].children] == ["a-detail"]
    assert top[0].children[0].level == 3
    assert sample_leaflet.section_ids == [
        "first-part",
        "a-detail",
        "second-part",
        "second-part_1",
        "references",
    ]
    # Loading again gives the same ids: they come from the headings, not from a counter.
    again = parse_leaflet((DATA_DIR / "sample.md").read_text(encoding="utf-8"))
    assert again.section_ids == sample_leaflet.section_ids


def test_section_text_and_html(sample_leaflet):
    first = sample_leaflet.section("first-part")
    assert first is not None
    assert first.heading == "First part"
    assert first.text == "Some text about the first part, with a citation [1]."
    assert first.html.startswith('<h2 id="first-part">First part</h2>')
    assert '<a href="#ref-1">[1]</a>' in first.html
    assert "A detail" not in first.text  # a sub-section's text belongs to the sub-section
    detail = sample_leaflet.section("a-detail")
    assert detail is not None and detail.text == "A detail & more."
    assert sample_leaflet.section("no-such-section") is None


def test_repeated_headings_get_distinct_ids(sample_leaflet):
    ids = sample_leaflet.section_ids
    assert len(ids) == len(set(ids))
    second = sample_leaflet.section("second-part_1")
    assert second is not None and second.heading == "Second part"


def test_title_falls_back_to_the_first_heading():
    leaflet = parse_leaflet("## Only a heading\n\nSome words.\n")
    assert leaflet.title == "Only a heading"
    assert not leaflet.meta.is_reviewed
    assert "not been clinically reviewed" in leaflet.meta.review_status


def test_bundled_leaflet_metadata_says_it_is_not_reviewed(bundled_leaflet):
    meta = bundled_leaflet.meta
    assert meta.title == "Kyphoplasty-induced Back Pain: Origins and Remedies"
    for value in (meta.summary, meta.language, meta.version, meta.source, meta.date_added):
        assert value.strip()
    assert meta.reviewed_by == "" and meta.review_date == ""
    assert not meta.is_reviewed
    assert "does not replace advice from your own doctor or care team" in meta.disclaimer


def test_bundled_leaflet_sections(bundled_leaflet):
    headings = [s.heading for s in bundled_leaflet.sections]
    assert headings[0] == "What this leaflet is about"
    assert headings[-2:] == ["Key points", "References"]
    why = bundled_leaflet.sections[1]
    assert why.heading == "Why can back pain continue?"
    assert [c.level for c in why.children] == [3, 3]


# -- bad files --------------------------------------------------------------------------------


def _error_for(path) -> str:
    with pytest.raises(LeafletError) as info:
        load_leaflet(path)
    message = str(info.value)
    assert str(path) in message, "the message must name the file"
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _error_for(tmp_path / "nothing.md")


def test_folder(tmp_path):
    assert "folder" in _error_for(tmp_path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("## Caf\u00e9\n\nna\u00efve\n".encode("latin-1"))
    assert "not UTF-8" in _error_for(path)


def test_binary_file(tmp_path):
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "not a text file" in _error_for(path)


@pytest.mark.parametrize("content", ["", "   \n\n\t\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.md"
    path.write_text(content, encoding="utf-8")
    assert "empty" in _error_for(path)


def test_file_without_headings(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("title: Words\n\nJust a paragraph, no headings.\n", encoding="utf-8")
    assert "no headings" in _error_for(path)


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.md"
    path.write_bytes(b"## Big\n\n" + b"a" * (MAX_LEAFLET_BYTES + 1))
    assert "too large" in _error_for(path)


def test_unreadable_file(tmp_path):
    import os

    path = tmp_path / "secret.md"
    path.write_text("## Secret\n", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        assert "cannot be read" in _error_for(path)
    finally:
        path.chmod(0o644)


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufefftitle: With BOM\n\n## Heading\n\nText.\n".encode())
    assert load_leaflet(path).title == "With BOM"
