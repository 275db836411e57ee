"""Keep each parsed leaflet on disk so later starts skip Markdown parsing.

Parsing (and importing python-markdown) is most of the reader's own start-up time. An entry
is found by a checksum of the leaflet's text and the reader's version, and used only if the
text it was made from is exactly the text being loaded, so an edited leaflet or a new reader
always parses afresh. A missing, damaged or unwritable cache is never an error: the leaflet
is simply parsed again.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from kyphoreader import __version__
from kyphoreader.core.leaflet import (
    Leaflet,
    leaflet_from_dict,
    leaflet_to_dict,
    parse_leaflet,
    read_leaflet_text,
)

#: Bump when the shape of a cached leaflet changes.
CACHE_FORMAT = 2


def default_cache_dir() -> Path:
    """The per-user cache folder (for example ``~/.cache/kyphoreader`` on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kyphoreader", appauthor=False))


def cache_key(text: str) -> str:
    """Return the cache key for a leaflet's text (a checksum: entries also hold the text).

    zlib's CRC rather than hashlib, whose import (OpenSSL) slows start-up; a clash between
    two texts only costs a parse, because an entry is used only for the very same text.
    """
    data = f"{CACHE_FORMAT}\n{__version__}\n{text}".encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def load_leaflet_cached(path: str | Path, cache_dir: Path | None) -> Leaflet:
    """Load a leaflet, from the cache when its text is unchanged.

    Args:
        path: the leaflet file.
        cache_dir: where parsed leaflets are kept; None turns the cache off.

    Raises:
        LeafletError: as ``load_leaflet`` does, for a file that is not a usable leaflet.
    """
    text = read_leaflet_text(path)
    name = str(path)
    if cache_dir is None:
        return parse_leaflet(text, source_name=name)
    entry = cache_dir / f"{cache_key(text)}.json"
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        if stored["source_text"] == text:
            leaflet = leaflet_from_dict(stored["leaflet"])
            leaflet.source_name = name
            return leaflet
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not cached yet, or the entry is damaged: parse again below
    leaflet = parse_leaflet(text, source_name=name)
    stored = {"source_text": text, "leaflet": leaflet_to_dict(leaflet)}
    _write_atomically(entry, json.dumps(stored, ensure_ascii=False))
    return leaflet


def _write_atomically(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` via a temporary file; give up quietly if that fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A name of our own rather than the tempfile module, whose import slows start-up.
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(content, encoding="utf-8")
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only or full disk only costs the next start a parse
