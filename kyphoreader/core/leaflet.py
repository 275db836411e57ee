"""Load a leaflet file (Markdown with front matter) into metadata and a tree of sections.

Plain Python on purpose: no Qt here, so loading, search and printing logic can be tested and
reused without a window.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kyphoreader.core.files import FileRefusedError, read_regular_file
from kyphoreader.core.limits import LIMITS, LimitExceededError, Limits, check_source, number

#: Bump when the parser's output changes, so cached leaflets are parsed again.
PARSER_VERSION = 2

#: Largest leaflet file accepted, in bytes. A leaflet is a few pages of text (the bundled one is
#: about 8 KB); the other limits are in ``core/limits.py``.
MAX_LEAFLET_BYTES = LIMITS.max_bytes

#: Front-matter keys the reader knows; other keys are kept in ``LeafletMeta.extra``.
META_KEYS = (
    "title",
    "summary",
    "language",
    "version",
    "source",
    "date_added",
    "reviewed_by",
    "review_date",
    "disclaimer",
)

_HEADING_RE = re.compile(r'^<h([1-6])\b[^>]*\bid="([^"]+)"', re.MULTILINE)


class LeafletError(Exception):
    """A leaflet file cannot be used; the message names the file and says why."""


@dataclass(frozen=True)
class LeafletMeta:
    """The leaflet's front matter: who wrote it, from what, and whether it was reviewed."""

    title: str
    summary: str = ""
    language: str = ""
    version: str = ""
    source: str = ""
    date_added: str = ""
    reviewed_by: str = ""
    review_date: str = ""
    disclaimer: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_reviewed(self) -> bool:
        """True only when both a reviewer and a review date are given."""
        return bool(self.reviewed_by.strip() and self.review_date.strip())

    @property
    def review_status(self) -> str:
        """A plain sentence a patient can read about the clinical review."""
        if self.is_reviewed:
            return f"Checked by {self.reviewed_by} on {self.review_date}."
        return (
            "This leaflet has not been checked by a doctor or nurse "
            "(it has not been clinically reviewed)."
        )


@dataclass
class Section:
    """One heading of the leaflet and the text under it, up to the next heading.

    Attributes:
        id: stable anchor made from the heading text (python-markdown's ``toc`` slug).
        heading: the heading as plain text.
        level: 1 to 6, as in ``<h1>`` to ``<h6>``.
        html: the heading element and the content that follows it, as HTML.
        text: the content under the heading (not the heading), as plain text.
        children: sub-sections, in document order.
    """

    id: str
    heading: str
    level: int
    html: str
    text: str
    children: list[Section] = field(default_factory=list)


@dataclass
class Leaflet:
    """A loaded leaflet: metadata, the body as HTML, and its sections as a tree.

    ``local_files`` are the files in the leaflet's folder its HTML depends on (pictures it
    embeds or could not show, files it links to): a leaflet with any is never cached.
    """

    meta: LeafletMeta
    html: str
    sections: list[Section]
    source_name: str = ""
    local_files: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The leaflet's title."""
        return self.meta.title

    def walk(self) -> Iterator[Section]:
        """Yield every section in document order, parents before their children."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def section(self, section_id: str) -> Section | None:
        """Return the section with this id, or None."""
        return next((s for s in self.walk() if s.id == section_id), None)

    @property
    def section_ids(self) -> list[str]:
        """Every section id, in document order."""
        return [s.id for s in self.walk()]


def _meta_from(raw: dict[str, list[str]], fallback_title: str) -> LeafletMeta:
    values = {key: " ".join(part.strip() for part in parts).strip() for key, parts in raw.items()}
    known = {key: values.pop(key, "") for key in META_KEYS}
    known["title"] = known["title"] or fallback_title
    return LeafletMeta(**known, extra=values)


def _split_sections(body_html: str) -> list[tuple[int, str, str]]:
    """Cut the rendered body at each heading: (level, id, html) per heading, in order."""
    matches = list(_HEADING_RE.finditer(body_html))
    pieces = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body_html)
        pieces.append((int(match.group(1)), match.group(2), body_html[match.start() : end].strip()))
    return pieces


def _flatten_tokens(tokens: list[dict]) -> Iterator[dict]:
    for token in tokens:
        yield token
        yield from _flatten_tokens(token["children"])


def _build_tree(flat: list[Section]) -> list[Section]:
    roots: list[Section] = []
    open_sections: list[Section] = []
    for section in flat:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop()
        (open_sections[-1].children if open_sections else roots).append(section)
        open_sections.append(section)
    return roots


def parse_leaflet(
    text: str,
    source_name: str = "<leaflet>",
    folder: Path | None = None,
    limits: Limits = LIMITS,
) -> Leaflet:
    """Turn leaflet Markdown into a Leaflet whose HTML is safe to give to Qt.

    Args:
        text: the whole file, front matter first.
        source_name: shown in error messages (usually the file path).
        folder: the leaflet's folder: pictures and linked files must be inside it. None for
            text that is not from a file (then no file is used).
        limits: the limits the leaflet must keep.

    Raises:
        LeafletError: if the text is empty, has no headings, or goes beyond a limit.
    """
    if not text.strip():
        raise LeafletError(f"{source_name}: the file is empty")
    try:
        return _parse(text, source_name, folder, limits)
    except LimitExceededError as error:
        raise LeafletError(f"{source_name}: {error}") from None
    except (RecursionError, MemoryError):
        # The checks before parsing are meant to make this impossible; if a file still gets
        # here, it is refused like any other file beyond the limits, never with a traceback.
        raise LeafletError(
            f"{source_name}: the file is too large or too deeply nested to read; see the "
            "limits for leaflets in the README"
        ) from None


def _parse(text: str, source_name: str, folder: Path | None, limits: Limits) -> Leaflet:
    check_source(text, limits)
    # Imported here, not at the top: importing python-markdown costs tens of milliseconds of
    # start-up, which a cached leaflet (see core/cache.py) never needs to pay.
    import markdown
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.meta import MetaExtension
    from markdown.extensions.toc import TocExtension

    from kyphoreader.core.htmltext import html_to_text, unescape  # parsing only, too
    from kyphoreader.core.safehtml import make_safe  # parsing only: not for a cached leaflet

    # A fresh converter per leaflet: toc and meta keep state between conversions. The [TOC]
    # marker is turned off: each one would copy the whole table of contents into the text.
    converter = markdown.Markdown(
        extensions=[MetaExtension(), TocExtension(permalink=False, marker=""), AttrListExtension()],
        output_format="html",
    )
    markup = converter.convert(text)
    _check_meta(converter.Meta, limits)  # type: ignore[attr-defined]
    safe = make_safe(markup, folder, limits)
    body_html = safe.html
    tokens = list(_flatten_tokens(converter.toc_tokens))  # type: ignore[attr-defined]
    pieces = _split_sections(body_html)
    if not tokens or not pieces:
        raise LeafletError(
            f"{source_name}: the file has no headings; a leaflet needs at least one "
            "heading line such as '## About this leaflet'"
        )
    names = {token["id"]: unescape(token["name"]) for token in tokens}
    flat = []
    for level, section_id, piece in pieces:
        heading_end = piece.find(f"</h{level}>") + len(f"</h{level}>")
        heading = names.get(section_id) or html_to_text(piece[:heading_end])
        if len(heading) > limits.max_heading_chars:
            raise LimitExceededError(
                f"the heading starting {heading[:40]!r} is {number(len(heading))} characters "
                f"long; a heading may be at most {number(limits.max_heading_chars)} characters"
            )
        flat.append(
            Section(
                id=section_id,
                heading=heading,
                level=level,
                html=piece,
                text=html_to_text(piece[heading_end:]),
            )
        )
    meta = _meta_from(converter.Meta, fallback_title=flat[0].heading)  # type: ignore[attr-defined]
    if len(meta.title) > limits.max_title_chars:
        raise LimitExceededError(
            f"the title is {number(len(meta.title))} characters long; a title may be at most "
            f"{number(limits.max_title_chars)} characters (it is printed on every page)"
        )
    return Leaflet(
        meta=meta,
        html=body_html,
        sections=_build_tree(flat),
        source_name=source_name,
        local_files=safe.local_files,
    )


def _check_meta(raw: dict[str, list[str]], limits: Limits) -> None:
    """Check the front matter python-markdown read against its limits."""
    if len(raw) > limits.max_meta_keys:
        raise LimitExceededError(
            f"the front matter has {len(raw)} keys; at most {limits.max_meta_keys} are allowed"
        )
    for key, parts in raw.items():
        length = len(" ".join(part.strip() for part in parts).strip())
        if length > limits.max_meta_chars:
            raise LimitExceededError(
                f"the front-matter value {key!r} is {number(length)} characters long; at "
                f"most {number(limits.max_meta_chars)} characters are allowed"
            )


def read_leaflet_text(path: str | Path, limits: Limits = LIMITS) -> str:
    """Read a leaflet file as text, refusing anything that cannot be a leaflet.

    Only an ordinary file (or a link to one) is read, never a pipe or a device, and never more
    than the size limit, so no file can make the reader wait or fill its memory.

    Raises:
        LeafletError: with a message that names the file and the problem (missing, a folder,
            a pipe or device, unreadable, too large, or not UTF-8 text).
    """
    name = str(path)
    try:
        data = read_regular_file(path, limits.max_bytes)
    except FileNotFoundError:
        raise LeafletError(f"{name}: no such file") from None
    except FileRefusedError as error:
        raise LeafletError(f"{name}: {error}") from None
    if b"\x00" in data:
        raise LeafletError(f"{name}: this is not a text file (it contains binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LeafletError(
            f"{name}: the file is not UTF-8 text (bad byte at position {error.start}); "
            "save it as UTF-8 and try again"
        ) from None
    return text


def leaflet_folder(path: str | Path) -> Path:
    """The folder a leaflet file is in: its pictures and linked files must be inside it."""
    return Path(path).absolute().parent


def load_leaflet(path: str | Path, limits: Limits = LIMITS) -> Leaflet:
    """Read and parse a leaflet file.

    Raises:
        LeafletError: with a message that names the file and the problem (missing, a folder,
            unreadable, not UTF-8 text, empty, without headings, or beyond a limit).
    """
    return parse_leaflet(read_leaflet_text(path, limits), str(path), leaflet_folder(path), limits)


def leaflet_to_dict(leaflet: Leaflet) -> dict[str, Any]:
    """Return ``leaflet`` as plain JSON-ready data (the inverse of ``leaflet_from_dict``)."""
    return asdict(leaflet)


def leaflet_from_dict(data: dict[str, Any]) -> Leaflet:
    """Rebuild a Leaflet from ``leaflet_to_dict`` output.

    Raises:
        KeyError, TypeError, ValueError: if ``data`` does not have the expected shape.
    """

    def section(raw: dict[str, Any]) -> Section:
        return Section(
            id=str(raw["id"]),
            heading=str(raw["heading"]),
            level=int(raw["level"]),
            html=str(raw["html"]),
            text=str(raw["text"]),
            children=[section(child) for child in raw["children"]],
        )

    meta = dict(data["meta"])
    extra = {str(k): str(v) for k, v in dict(meta.pop("extra")).items()}
    return Leaflet(
        meta=LeafletMeta(**{key: str(meta[key]) for key in META_KEYS}, extra=extra),
        html=str(data["html"]),
        sections=[section(raw) for raw in data["sections"]],
        source_name=str(data["source_name"]),
        local_files=[str(name) for name in data["local_files"]],
    )
