"""A copy of the text the reader showed, so the next start paints it before anything else.

Reading it needs no parser, no clinic file and no leaflet cache: a usual start shows this
copy as soon as Qt is up, builds its panels from it just after that first paint, and loads
the leaflet itself once the window is usable (issue #16). Each copy is a small text file in
the cache folder: ``key: value`` header lines (the contents' headings and the review notice
among them), a blank line, then the leaflet as the reader shows it (HTML). It stands for one
leaflet file and one version of the reader. The file is named in the header (the leaflet
that comes with the reader by its place among the resources, since a one-file build unpacks
them somewhere new at every start) with its size and a checksum of its bytes; a copy of
anything else, or a damaged one, is simply not used. The window checks the copy against the
leaflet it then loads, and writes a new one when they differ. The copies of the few leaflets
opened last are kept.

Qt-free, and it imports nothing that the reader does not need anyway before its first paint.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import NamedTuple

from kyphoreader import __version__
from kyphoreader.core.files import FileRefusedError, read_regular_file
from kyphoreader.paths import resources_root

#: The first line of a copy; bump the number when the format changes.
FORMAT = "kyphoreader first paint 3"
#: Copies are named ``first-paint-<checksum of the leaflet's name>.txt``.
FILE_PREFIX = "first-paint-"
FILE_SUFFIX = ".txt"
#: Copies kept: those of the leaflets shown last.
KEPT_COPIES = 4
#: Largest copy read: a leaflet's HTML is a few times its 64 KB source at most.
MAX_BYTES = 4 * 1024 * 1024
#: Largest leaflet file checked (the reader itself refuses one over 64 KB).
MAX_LEAFLET_BYTES = 1024 * 1024
#: How the leaflet that comes with the reader is named in a copy.
BUNDLED = "bundled:"


class Heading(NamedTuple):
    """One line of the contents: how deep it is (0 for a top heading), its anchor, its words."""

    depth: int
    id: str
    heading: str


class Snapshot:
    """The text of one leaflet as the reader shows it, and what its panels show of it.

    Its file, its title, its HTML, the contents' headings in order (``outline``) and the
    words of its review notice (as they were when the copy was kept).
    """

    __slots__ = ("source_name", "title", "html", "outline", "notice")

    def __init__(
        self,
        source_name: str,
        title: str,
        html: str,
        outline: tuple[Heading, ...] = (),
        notice: str = "",
    ) -> None:
        self.source_name = source_name
        self.title = title
        self.html = html
        self.outline = tuple(outline)
        self.notice = notice

    def _key(self) -> tuple[object, ...]:
        return (self.source_name, self.title, self.html, self.outline, self.notice)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Snapshot) and self._key() == other._key()

    def __repr__(self) -> str:
        return f"Snapshot({self.source_name!r}, {self.title!r}, {len(self.html)} characters)"


def leaflet_identity(source_name: str) -> str:
    """What a copy calls the leaflet file ``source_name``.

    The leaflet that comes with the reader is called by its place among the resources; any
    other by the name as given.
    """
    try:
        relative = Path(source_name).resolve().relative_to(resources_root().resolve())
    except (OSError, ValueError, RuntimeError):
        return source_name
    return BUNDLED + relative.as_posix()


def file_stamp(source_name: str) -> str:
    """The leaflet file's size and a checksum of its bytes, or '' when it cannot be read."""
    try:
        data = read_regular_file(source_name, MAX_LEAFLET_BYTES)
    except (OSError, FileRefusedError, ValueError):
        return ""
    return f"{len(data)} {zlib.crc32(data):08x}"


def copy_path(cache_dir: Path | str, identity: str) -> Path:
    """Where the copy for the leaflet called ``identity`` is kept."""
    checksum = zlib.crc32(identity.encode("utf-8", "surrogatepass"))
    return Path(cache_dir) / f"{FILE_PREFIX}{checksum:08x}{FILE_SUFFIX}"


def read_snapshot(cache_dir: Path | None, source_name: str) -> Snapshot | None:
    """The copy kept for the leaflet file ``source_name``, or None if there is no good one.

    None for: no cache, no copy, a copy of another leaflet or another version of the reader,
    a leaflet file changed since, or a damaged copy. Never raises.
    """
    if cache_dir is None:
        return None
    identity = leaflet_identity(source_name)
    try:
        raw = read_regular_file(copy_path(cache_dir, identity), MAX_BYTES)
        text = raw.decode("utf-8")
    except (OSError, FileRefusedError, UnicodeDecodeError, ValueError):
        return None
    header, separator, html = text.partition("\n\n")
    lines = header.split("\n")
    if not separator or not html or lines[0] != FORMAT:
        return None
    fields: dict[str, str] = {}
    outline: list[Heading] = []
    for line in lines[1:]:
        key, colon, value = line.partition(": ")
        if not colon:
            return None
        if key == "heading":
            heading = _heading(value)
            if heading is None:
                return None
            outline.append(heading)
        else:
            fields[key] = value
    if fields.get("version") != __version__ or fields.get("leaflet") != identity:
        return None
    if fields.get("stamp") != file_stamp(source_name):
        return None
    title, notice = fields.get("title", ""), fields.get("notice", "")
    return Snapshot(source_name, title, html, tuple(outline), notice)


def _heading(value: str) -> Heading | None:
    """A ``heading: <depth> <id> <words>`` line's heading, or None if it is damaged."""
    depth, _, rest = value.partition(" ")
    anchor, _, words = rest.partition(" ")
    # ASCII digits only, and few: "²" is a digit to isdigit() but not to int().
    if not (depth.isascii() and depth.isdecimal() and len(depth) <= 2) or not anchor or not words:
        return None
    return Heading(int(depth), anchor, words)


def write_snapshot(cache_dir: Path | None, snapshot: Snapshot) -> bool:
    """Keep ``snapshot`` for the next start. False (and nothing else) if it cannot be written.

    Names or titles with a line break cannot be kept in the header and are not written. The
    copies of leaflets shown longest ago go, beyond KEPT_COPIES.
    """
    stamp = file_stamp(snapshot.source_name)
    if cache_dir is None or not stamp or not snapshot.html:
        return False
    identity = leaflet_identity(snapshot.source_name)
    fields = {
        "version": __version__,
        "leaflet": identity,
        "stamp": stamp,
        "title": snapshot.title,
        "notice": snapshot.notice,
    }
    headings = [f"{h.depth} {h.id} {h.heading}" for h in snapshot.outline]
    if any(" " in h.id or not h.id or not h.heading.strip() for h in snapshot.outline):
        return False
    if any(_breaks_a_line(value) for value in [*fields.values(), *headings]):
        return False
    header = "\n".join(
        [
            FORMAT,
            *(f"{key}: {value}" for key, value in fields.items()),
            *(f"heading: {line}" for line in headings),
        ]
    )
    target = copy_path(cache_dir, identity)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
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
    _forget_old_copies(Path(cache_dir))
    return True


def _breaks_a_line(value: str) -> bool:
    """True if ``value`` would not stay on one header line (str.splitlines' breaks)."""
    return len(f"x{value}x".splitlines()) != 1


def _forget_old_copies(cache_dir: Path) -> None:
    """Remove the copies beyond the KEPT_COPIES written last."""
    try:
        copies = [
            entry
            for entry in os.scandir(cache_dir)
            if entry.name.startswith(FILE_PREFIX) and entry.name.endswith(FILE_SUFFIX)
        ]
        copies.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for entry in copies[KEPT_COPIES:]:
            os.remove(entry.path)
    except OSError:
        pass


class OutlineSection(NamedTuple):
    """A contents entry made from a kept copy: what the contents panel needs of a Section."""

    id: str
    heading: str
    children: list[OutlineSection]


def outline_sections(outline: tuple[Heading, ...]) -> list[OutlineSection]:
    """The contents' tree from a copy's headings (each at most one deeper than the last)."""
    top: list[OutlineSection] = []
    path: list[OutlineSection] = []
    for heading in outline:
        depth = min(heading.depth, len(path))
        del path[depth:]
        entry = OutlineSection(heading.id, heading.heading, [])
        (path[-1].children if path else top).append(entry)
        path.append(entry)
    return top


def snapshot_of(leaflet) -> Snapshot:  # noqa: ANN001 - a core.leaflet.Leaflet
    """The copy to keep of ``leaflet``: its HTML, its contents' headings and its notice."""
    from kyphoreader.core.document import leaflet_document_html
    from kyphoreader.core.notice import notice_text

    return Snapshot(
        leaflet.source_name,
        leaflet.title,
        leaflet_document_html(leaflet),
        outline_of(leaflet),
        notice_text(leaflet.meta),
    )


def outline_of(leaflet) -> tuple[Heading, ...]:  # noqa: ANN001 - a core.leaflet.Leaflet
    """The headings of ``leaflet``'s contents, in order, each with its depth."""
    outline: list[Heading] = []

    def walk(sections, depth: int) -> None:  # noqa: ANN001 - Section list
        for section in sections:
            outline.append(Heading(depth, section.id, section.heading))
            walk(section.children, depth + 1)

    walk(leaflet.sections, 0)
    return tuple(outline)
