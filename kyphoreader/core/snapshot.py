"""A copy of the text the reader showed last, so the next start paints it before anything else.

Reading it needs no parser, no clinic file and no leaflet cache: a usual start shows this
copy as soon as Qt is up and loads the rest just after that first paint (issue #16). The
copy is a small text file in the cache folder: ``key: value`` header lines, a blank line,
then the leaflet as the reader shows it (HTML). It stands for one leaflet file, named in the
header with its size and modification time, and for one version of the reader; a copy of
anything else, or a damaged one, is simply not used. The window checks the copy against the
leaflet it then loads, and writes a new one when they differ.

Qt-free, and it imports nothing that the reader does not need anyway before its first paint.
"""

from __future__ import annotations

import os
from pathlib import Path

from kyphoreader import __version__
from kyphoreader.core.files import FileRefusedError, read_regular_file

#: The first line of a copy; bump the number when the format changes.
FORMAT = "kyphoreader first paint 1"
FILE_NAME = "first-paint.txt"
#: Largest copy read: a leaflet's HTML is a few times its 64 KB source at most.
MAX_BYTES = 4 * 1024 * 1024


class Snapshot:
    """The text of one leaflet as the reader shows it: its file, its title and its HTML."""

    __slots__ = ("source_name", "title", "html")

    def __init__(self, source_name: str, title: str, html: str) -> None:
        self.source_name = source_name
        self.title = title
        self.html = html

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Snapshot) and (
            (self.source_name, self.title, self.html)
            == (other.source_name, other.title, other.html)
        )

    def __repr__(self) -> str:
        return f"Snapshot({self.source_name!r}, {self.title!r}, {len(self.html)} characters)"


def file_stamp(source_name: str) -> str:
    """The leaflet file's size and modification time, or '' when it cannot be looked at."""
    try:
        status = os.stat(source_name)
    except (OSError, ValueError):
        return ""
    return f"{status.st_size} {status.st_mtime_ns}"


def read_snapshot(cache_dir: Path | None, source_name: str) -> Snapshot | None:
    """The copy kept for the leaflet file ``source_name``, or None if there is no good one.

    None for: no cache, no copy, a copy of another leaflet or another version of the reader,
    a leaflet file changed since, or a damaged copy. Never raises.
    """
    stamp = file_stamp(source_name)
    if cache_dir is None or not stamp:
        return None
    try:
        text = read_regular_file(Path(cache_dir) / FILE_NAME, MAX_BYTES).decode("utf-8")
    except (OSError, FileRefusedError, UnicodeDecodeError, ValueError):
        return None
    header, separator, html = text.partition("\n\n")
    lines = header.split("\n")
    if not separator or not html or lines[0] != FORMAT:
        return None
    fields: dict[str, str] = {}
    for line in lines[1:]:
        key, colon, value = line.partition(": ")
        if not colon:
            return None
        fields[key] = value
    expected = {"version": __version__, "leaflet": source_name, "stamp": stamp}
    if any(fields.get(key) != value for key, value in expected.items()):
        return None
    return Snapshot(source_name, fields.get("title", ""), html)


def write_snapshot(cache_dir: Path | None, snapshot: Snapshot) -> bool:
    """Keep ``snapshot`` for the next start. False (and nothing else) if it cannot be written.

    Names or titles with a line break cannot be kept in the header and are not written.
    """
    stamp = file_stamp(snapshot.source_name)
    if cache_dir is None or not stamp or not snapshot.html:
        return False
    fields = {
        "version": __version__,
        "leaflet": snapshot.source_name,
        "stamp": stamp,
        "title": snapshot.title,
    }
    if any(("\n" in value or "\r" in value) for value in fields.values()):
        return False
    header = "\n".join([FORMAT, *(f"{key}: {value}" for key, value in fields.items())])
    target = Path(cache_dir) / FILE_NAME
    temporary = target.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(f"{header}\n\n{snapshot.html}", encoding="utf-8", newline="\n")
        os.replace(temporary, target)
    except (OSError, ValueError):
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    return True
