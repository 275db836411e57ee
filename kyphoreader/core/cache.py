"""Keep each parsed leaflet on disk so later starts skip Markdown parsing.

Parsing (and importing python-markdown) is most of the reader's own start-up time. An entry
is found by a checksum of the leaflet's text and the reader's version, and used only if the
text it was made from is exactly the text being loaded, so an edited leaflet or a new reader
always parses afresh. A leaflet whose HTML depends on other files in its folder (pictures,
linked files) is never cached, since those files can change without the text changing. A
missing, damaged, oversized or unwritable cache is never an error: the leaflet is simply
parsed again.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import zlib
from pathlib import Path

from kyphoreader import __version__
from kyphoreader.core.files import FileRefusedError, read_regular_file
from kyphoreader.core.leaflet import (
    PARSER_VERSION,
    Leaflet,
    leaflet_folder,
    leaflet_from_dict,
    leaflet_to_dict,
    parse_leaflet,
    read_leaflet_text,
)
from kyphoreader.core.limits import LIMITS
from kyphoreader.paths import default_cache_dir  # noqa: F401 - part of this module's interface

#: Bump when the shape of a cached leaflet or the HTML made from a leaflet changes.
CACHE_FORMAT = 3
#: Largest cache entry read: the text, its HTML and its sections' text, with room to spare.
MAX_ENTRY_BYTES = 32 * LIMITS.max_bytes


def markdown_version() -> str:
    """python-markdown's version, read without importing it (its import is slow).

    Returns '' if it cannot be found; then the key still holds our own parser's version.
    """
    global _MARKDOWN_VERSION
    if _MARKDOWN_VERSION is None:
        _MARKDOWN_VERSION = ""
        try:
            spec = importlib.util.find_spec("markdown")
            folders = list(spec.submodule_search_locations or []) if spec else []
            meta = Path(folders[0]) / "__meta__.py" if folders else None
            if meta is not None and meta.is_file():
                found = re.search(r"__version_info__\s*=\s*\(([^)]*)\)", meta.read_text())
                _MARKDOWN_VERSION = found.group(1).replace(" ", "") if found else ""
        except (ImportError, OSError, ValueError):
            _MARKDOWN_VERSION = ""
    return _MARKDOWN_VERSION


_MARKDOWN_VERSION: str | None = None


def cache_key(text: str) -> str:
    """Return the cache key for a leaflet's text (a checksum: entries also hold the text).

    The key also holds the reader's, our parser's and python-markdown's versions, so a new
    version of either parses afresh. zlib's CRC rather than hashlib, whose import (OpenSSL)
    slows start-up; a clash between two texts only costs a parse, because an entry is used
    only for the very same text.
    """
    versions = f"{CACHE_FORMAT}\n{__version__}\n{PARSER_VERSION}\n{markdown_version()}"
    data = f"{versions}\n{text}".encode()
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
    folder = leaflet_folder(path)
    if cache_dir is None:
        return parse_leaflet(text, name, folder)
    entry = cache_dir / f"{cache_key(text)}.json"
    try:
        stored = json.loads(read_regular_file(entry, MAX_ENTRY_BYTES).decode("utf-8"))
        if stored["source_text"] == text and not stored["leaflet"]["local_files"]:
            leaflet = leaflet_from_dict(stored["leaflet"])
            leaflet.source_name = name
            return leaflet
    except (
        OSError,
        FileRefusedError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
        MemoryError,
    ):
        pass  # not cached yet, or the entry is damaged, huge or not a file: parse again below
    leaflet = parse_leaflet(text, name, folder)
    if not leaflet.local_files:
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
