"""The parsed-leaflet cache gives the same leaflet, and never fails a start."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyphoreader.core.cache import MAX_ENTRY_BYTES, cache_key, load_leaflet_cached
from kyphoreader.core.leaflet import LeafletError, load_leaflet
from kyphoreader.paths import default_leaflet_path


def test_cached_leaflet_equals_a_fresh_parse(tmp_path):
    fresh = load_leaflet(default_leaflet_path())
    first = load_leaflet_cached(default_leaflet_path(), tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    second = load_leaflet_cached(default_leaflet_path(), tmp_path)
    assert first == fresh
    assert second == fresh


def test_an_edited_leaflet_is_parsed_again(tmp_path):
    leaflet = tmp_path / "l.md"
    cache = tmp_path / "cache"
    leaflet.write_text("## One\n\nFirst words.\n", encoding="utf-8")
    assert load_leaflet_cached(leaflet, cache).sections[0].text == "First words."
    leaflet.write_text("## One\n\nSecond words.\n", encoding="utf-8")
    assert load_leaflet_cached(leaflet, cache).sections[0].text == "Second words."


def test_a_damaged_cache_entry_is_ignored(tmp_path):
    leaflet = tmp_path / "l.md"
    text = "## One\n\nWords.\n"
    leaflet.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"{cache_key(text)}.json").write_text('{"meta": 3', encoding="utf-8")
    assert load_leaflet_cached(leaflet, cache).sections[0].text == "Words."


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    leaflet = load_leaflet_cached(default_leaflet_path(), blocker / "cache")
    assert leaflet.title.startswith("Kyphoplasty")


def test_bad_files_still_give_clear_errors(tmp_path):
    with pytest.raises(LeafletError, match="no such file"):
        load_leaflet_cached(tmp_path / "missing.md", tmp_path)


def test_an_entry_made_from_other_text_is_never_used(tmp_path):
    """Entries are found by a checksum; one made from different text (a clash) is ignored."""
    import json

    from kyphoreader.core.leaflet import leaflet_to_dict, parse_leaflet

    leaflet = tmp_path / "l.md"
    text = "## One\n\nThe real words.\n"
    leaflet.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    impostor = parse_leaflet("## One\n\nOther words.\n")
    entry = {"source_text": "## One\n\nOther words.\n", "leaflet": leaflet_to_dict(impostor)}
    (cache / f"{cache_key(text)}.json").write_text(json.dumps(entry), encoding="utf-8")
    assert load_leaflet_cached(leaflet, cache).sections[0].text == "The real words."


def test_the_key_changes_with_the_parser_and_python_markdown(monkeypatch):
    from kyphoreader.core import cache

    before = cache.cache_key("## Text\n")
    assert cache.markdown_version()  # read from the installed package, without importing it
    monkeypatch.setattr(cache, "_MARKDOWN_VERSION", "99,0,0,'final',0")
    after_markdown = cache.cache_key("## Text\n")
    monkeypatch.setattr(cache, "PARSER_VERSION", cache.PARSER_VERSION + 1)
    after_parser = cache.cache_key("## Text\n")
    assert len({before, after_markdown, after_parser}) == 3


def test_a_leaflet_with_pictures_is_read_afresh_each_time(tmp_path):
    """What is shown depends on the picture file too, which can change without the text."""
    from pngs import png

    leaflet = tmp_path / "l.md"
    leaflet.write_text("## One\n\n![Spine](spine.png)\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert "Image not shown" in load_leaflet_cached(leaflet, cache).sections[0].text
    (tmp_path / "spine.png").write_bytes(png(10, 10))
    shown = load_leaflet_cached(leaflet, cache)
    assert "Image not shown" not in shown.sections[0].text
    assert "data:image/png" in shown.html
    assert not cache.exists() or not list(cache.glob("*.json"))


@pytest.mark.parametrize(
    "make",
    [
        lambda path: __import__("os").mkfifo(path),
        lambda path: __import__("os").symlink("/dev/zero", path),
        lambda path: path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8"),
        lambda path: path.write_bytes(b" " * (MAX_ENTRY_BYTES + 1)),
        lambda path: path.mkdir(),
    ],
    ids=["pipe", "dev-zero", "deeply-nested-json", "huge", "folder"],
)
def test_a_hostile_cache_entry_is_ignored_without_waiting(tmp_path, make):
    leaflet = tmp_path / "l.md"
    text = "## One\n\nWords.\n"
    leaflet.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    make(cache / f"{cache_key(text)}.json")
    assert load_leaflet_cached(leaflet, cache).sections[0].text == "Words."


@pytest.mark.parametrize("xdg", ["", "/tmp/elsewhere/cache"])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch, xdg):
    from platformdirs import user_cache_dir

    from kyphoreader.core.cache import default_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert default_cache_dir() == Path(user_cache_dir("kyphoreader", appauthor=False))
