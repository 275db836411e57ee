"""The copy of the text kept for the next start's first paint (core/snapshot.py), and which
starts may use it (cli.plain_start). Qt-free."""

from __future__ import annotations

import os

import pytest

from kyphoreader import __version__, cli
from kyphoreader.core.snapshot import (
    FORMAT,
    KEPT_COPIES,
    MAX_BYTES,
    Heading,
    Snapshot,
    copy_path,
    leaflet_identity,
    outline_sections,
    read_snapshot,
    snapshot_of,
    write_snapshot,
)
from kyphoreader.paths import CONFIG_ENV, default_leaflet_path, resources_root

HTML = '<html><body><h1 id="t">Title</h1>\n\n<p>First paragraph.</p></body></html>'


@pytest.fixture
def leaflet_file(tmp_path):
    path = tmp_path / "leaflet.md"
    path.write_text("# Title\n\nFirst paragraph.\n", encoding="utf-8")
    return str(path)


def copy_of(cache, leaflet_file):
    return copy_path(cache, leaflet_identity(leaflet_file))


def test_a_kept_copy_comes_back_as_it_was_written(tmp_path, leaflet_file):
    kept = Snapshot(leaflet_file, "Title: with a colon", HTML)
    assert write_snapshot(tmp_path, kept)
    assert read_snapshot(tmp_path, leaflet_file) == kept
    # Blank lines inside the HTML are the text's own, not the end of the header.
    assert read_snapshot(tmp_path, leaflet_file).html == HTML


OUTLINE = (
    Heading(0, "why", "Why: can back pain continue?"),
    Heading(1, "fractures", "Fractures nearby"),
    Heading(2, "cement", "Cement  leaks"),
    Heading(0, "help", "Getting help"),
)


def test_a_kept_copy_holds_the_contents_and_the_notice_for_the_panels(tmp_path, leaflet_file):
    kept = Snapshot(leaflet_file, "Title", HTML, OUTLINE, "Not checked by a doctor: ask yours.")
    assert write_snapshot(tmp_path, kept)
    back = read_snapshot(tmp_path, leaflet_file)
    assert back == kept and back.outline == OUTLINE and back.notice == kept.notice
    tree = outline_sections(back.outline)
    assert [(entry.id, [child.id for child in entry.children]) for entry in tree] == [
        ("why", ["fractures"]),
        ("help", []),
    ]
    assert tree[0].children[0].children[0].heading == "Cement  leaks"


def test_the_copy_of_a_leaflet_has_its_contents_in_order_and_its_notice(bundled_leaflet):
    from kyphoreader.core.notice import notice_text

    kept = snapshot_of(bundled_leaflet)
    assert [heading.id for heading in kept.outline] == bundled_leaflet.section_ids
    assert [h.heading for h in kept.outline] == [s.heading for s in bundled_leaflet.walk()]
    assert kept.notice == notice_text(bundled_leaflet.meta) and kept.notice

    def shape(sections):
        return [(section.id, section.heading, shape(section.children)) for section in sections]

    assert shape(outline_sections(kept.outline)) == shape(bundled_leaflet.sections)


def test_a_copy_is_not_used_for_another_leaflet_or_once_the_leaflet_changed(tmp_path, leaflet_file):
    assert write_snapshot(tmp_path, Snapshot(leaflet_file, "Title", HTML))
    assert read_snapshot(tmp_path, str(default_leaflet_path())) is None
    with open(leaflet_file, "a", encoding="utf-8") as stream:
        stream.write("A sentence added since.\n")
    assert read_snapshot(tmp_path, leaflet_file) is None
    os.remove(leaflet_file)
    assert read_snapshot(tmp_path, leaflet_file) is None


def test_the_copy_of_an_unchanged_leaflet_is_used_even_if_the_file_was_touched(
    tmp_path, leaflet_file
):
    # A one-file build unpacks the leaflet afresh at every start: same bytes, new time.
    assert write_snapshot(tmp_path, Snapshot(leaflet_file, "Title", HTML))
    os.utime(leaflet_file, ns=(1, 1))
    assert read_snapshot(tmp_path, leaflet_file) is not None


def test_the_bundled_leaflet_is_known_by_its_place_among_the_resources(tmp_path, monkeypatch):
    from kyphoreader.core import snapshot

    bundled = str(default_leaflet_path())
    assert leaflet_identity(bundled) == "bundled:leaflets/kyphoplasty/leaflet.md"
    assert leaflet_identity(str(resources_root().parent / "README.md")).endswith("README.md")
    assert write_snapshot(tmp_path / "cache", Snapshot(bundled, "Title", HTML))
    # A one-file build unpacks the same leaflet somewhere new at every start: its copy holds.
    unpacked = tmp_path / "_MEI1234" / "resources"
    (unpacked / "leaflets" / "kyphoplasty").mkdir(parents=True)
    moved = unpacked / "leaflets" / "kyphoplasty" / "leaflet.md"
    moved.write_bytes(default_leaflet_path().read_bytes())
    monkeypatch.setattr(snapshot, "resources_root", lambda: unpacked)
    assert read_snapshot(tmp_path / "cache", str(moved)) == Snapshot(str(moved), "Title", HTML)


def test_each_leaflet_has_its_copy_and_only_the_latest_are_kept(tmp_path):
    leaflets = []
    for number in range(KEPT_COPIES + 2):
        path = tmp_path / f"leaflet-{number}.md"
        path.write_text(f"# Leaflet {number}\n", encoding="utf-8")
        leaflets.append(str(path))
        assert write_snapshot(tmp_path / "cache", Snapshot(str(path), f"L{number}", HTML))
        copy = copy_of(tmp_path / "cache", str(path))
        os.utime(copy, ns=(number * 10**9, number * 10**9))  # written in this order
    kept = [read_snapshot(tmp_path / "cache", name) for name in leaflets]
    assert [copy is not None for copy in kept] == [False] * 2 + [True] * KEPT_COPIES
    assert kept[-1].title == f"L{KEPT_COPIES + 1}"


def test_a_copy_made_by_another_version_of_the_reader_is_not_used(tmp_path, leaflet_file):
    assert write_snapshot(tmp_path, Snapshot(leaflet_file, "Title", HTML))
    copy = copy_of(tmp_path, leaflet_file)
    copy.write_text(copy.read_text("utf-8").replace(__version__, "0.0.0-older"), "utf-8")
    assert read_snapshot(tmp_path, leaflet_file) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe not UTF-8 \x00",
        b"another program's file\n\n<p>text</p>",
        FORMAT.encode() + b"\nversion 1.0\n\n<p>text</p>",  # a header line without ': '
        FORMAT.encode() + b"\nleaflet: x\n",  # no text at all
        FORMAT.encode() + b"\nheading: one\n\n<p>text</p>",  # a heading with no depth
        FORMAT.encode() + b"\nheading: 0 id-only\n\n<p>text</p>",  # a heading with no words
        # Digits to str.isdigit() that int() refuses: a superscript, and too many of them.
        FORMAT.encode() + "\nheading: \u00b2 id words\n\n<p>text</p>".encode(),
        FORMAT.encode() + b"\nheading: " + b"9" * 5000 + b" id words\n\n<p>text</p>",
    ],
)
def test_a_damaged_copy_is_not_used(tmp_path, leaflet_file, content):
    copy_of(tmp_path, leaflet_file).write_bytes(content)
    assert read_snapshot(tmp_path, leaflet_file) is None


def test_a_copy_that_is_not_an_ordinary_file_or_is_too_big_is_not_read(tmp_path, leaflet_file):
    os.mkfifo(copy_of(tmp_path, leaflet_file))  # a pipe would block a plain open() for ever
    assert read_snapshot(tmp_path, leaflet_file) is None
    os.remove(copy_of(tmp_path, leaflet_file))
    copy_of(tmp_path, leaflet_file).write_bytes(b"x" * (MAX_BYTES + 1))
    assert read_snapshot(tmp_path, leaflet_file) is None


def test_no_cache_or_an_unwritable_one_keeps_nothing_and_raises_nothing(tmp_path, leaflet_file):
    kept = Snapshot(leaflet_file, "Title", HTML)
    assert not write_snapshot(None, kept)
    assert read_snapshot(None, leaflet_file) is None
    blocker = tmp_path / "a file where the cache folder should be"
    blocker.write_text("", encoding="utf-8")
    assert not write_snapshot(blocker / "cache", kept)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_name_or_title_that_would_break_the_header_is_not_kept(tmp_path, leaflet_file):
    assert not write_snapshot(tmp_path, Snapshot(leaflet_file, "Two\nlines", HTML))
    broken = (Heading(0, "a", "A heading\u2028over two lines"),)
    assert not write_snapshot(tmp_path, Snapshot(leaflet_file, "Title", HTML, broken))
    assert not write_snapshot(tmp_path, Snapshot(leaflet_file, "Title", HTML, (), "Notice\r"))
    assert not copy_of(tmp_path, leaflet_file).exists()
    assert not write_snapshot(tmp_path, Snapshot(leaflet_file, "Title", ""))


# -- which starts paint a kept copy first --------------------------------------------------


@pytest.fixture
def no_clinic_file(monkeypatch, tmp_path):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-system-config"))


def test_a_start_with_no_options_or_one_leaflet_is_plain(no_clinic_file):
    assert cli.plain_start([]) == (str(default_leaflet_path()), False)
    assert cli.plain_start(["notes/leaflet.md"]) == (os.path.join("notes", "leaflet.md"), False)
    assert cli.plain_start([cli.QUIT_AFTER_FIRST_PAINT]) == (str(default_leaflet_path()), True)


@pytest.mark.parametrize(
    "argv",
    [
        ["--kiosk"],
        ["--verbose"],
        ["--search", "pain"],
        ["--export-pdf", "out.pdf"],
        ["--help"],
        ["--version"],
        ["one.md", "two.md"],
        ["--", "leaflet.md"],
        [""],
    ],
)
def test_a_start_with_anything_to_parse_is_not_plain(no_clinic_file, argv):
    assert cli.plain_start(argv) is None


def test_a_clinic_file_makes_a_start_not_plain(monkeypatch, tmp_path):
    clinic = tmp_path / "clinic.toml"
    clinic.write_text("[kiosk]\nenabled = true\n", encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(clinic))
    assert cli.plain_start([]) is None


def test_a_plain_start_with_no_kept_copy_goes_the_usual_way(no_clinic_file, monkeypatch, tmp_path):
    monkeypatch.setattr(cli, "default_cache_dir", lambda: tmp_path / "empty-cache")
    assert cli.run_plain_start([], str(default_leaflet_path()), False) is None
