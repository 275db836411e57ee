"""Make a leaflet's HTML safe to give to Qt: nothing in it loads a file, nesting is bounded.

Qt's rich text loads whatever an ``<img>``, a style sheet link or a CSS ``url()`` names, and
lays nested tables out again for every level. So the HTML that python-markdown makes of a
leaflet is rewritten here, in plain Python, before the reader or the printer sees it:

- only elements and attributes Qt's rich text knows are kept (no ``style``, no ``<link>``,
  ``<style>`` or ``<script>``); the text inside elements that are dropped is kept;
- a picture is embedded (as a ``data:`` URL) only if it is a PNG, JPEG or GIF file inside the
  leaflet's own folder, within the size limits; any other picture is replaced by the words
  "[Image not shown: … (why)]", so nothing outside the folder is ever read;
- a link is kept if it goes to a place in the leaflet, to a web or e-mail address (which the
  reader never opens) or to an ordinary file inside the leaflet's folder; otherwise only its
  words are kept;
- elements may nest only as deep as the limits allow, and the number of blocks is bounded.
"""

from __future__ import annotations

import base64
import html
import os
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from kyphoreader.core.files import FileRefusedError, read_regular_file
from kyphoreader.core.limits import LIMITS, LimitExceededError, Limits, number
from kyphoreader.core.pictures import identify_picture

#: Elements whose content Qt never shows (it is dropped with them). Other unknown elements,
#: such as ``<title>``, are dropped but their words are kept: no word is ever lost silently.
_HIDDEN = frozenset({"script", "style"})
#: Elements that nest blocks inside each other (their depth is limited).
_CONTAINERS = frozenset({"ul", "ol", "dl", "blockquote", "table", "div", "center", "address"})
#: Inline elements (their depth is limited too: Qt keeps a format per level).
_INLINE = frozenset(
    {
        "a", "b", "big", "cite", "code", "dfn", "em", "font", "i", "kbd", "nobr", "s",
        "samp", "small", "span", "strong", "sub", "sup", "tt", "u", "var",
    }
)  # fmt: skip
#: Other elements kept, that neither nest blocks nor style text.
_STRUCTURE = frozenset(
    {
        "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "td", "th",
        "thead", "tbody", "tfoot", "caption", "br", "hr", "img",
    }
)  # fmt: skip
_KEPT = _CONTAINERS | _INLINE | _STRUCTURE
_VOID = frozenset(
    {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "param",
     "source", "track", "wbr", "basefont", "frame", "keygen"}
)  # fmt: skip
#: Elements that start a new block (or line) in Qt's layout: they are counted.
_BLOCKS = frozenset(
    {
        "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "td", "th",
        "br", "hr", "ul", "ol", "dl", "blockquote", "table", "div", "center", "address",
        "caption", "img", "thead", "tbody", "tfoot",
    }
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"})
_TABLE_CELLS = frozenset({"td", "th", "caption"})
#: Attributes kept on every kept element.
_COMMON_ATTRIBUTES = frozenset({"id", "class", "lang", "title"})
#: Further attributes kept on some elements (numbers are checked separately).
_ATTRIBUTES = {
    "a": frozenset({"href", "name"}),
    "ol": frozenset({"start", "type"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
    "table": frozenset({"border"}),
}
#: Allowed range of each numeric attribute (a larger span or start would make Qt allocate
#: or lay out far more than the leaflet holds).
_NUMBERS = {
    "start": (-1_000_000, 1_000_000),
    "value": (-1_000_000, 1_000_000),
    "colspan": (1, 64),
    "rowspan": (1, 64),
    "border": (0, 4),
    "width": (1, LIMITS.max_image_side),
    "height": (1, LIMITS.max_image_side),
}
_LIST_TYPES = frozenset({"1", "a", "A", "i", "I"})
#: Link schemes kept: the reader shows them but never opens them.
_REMOTE_LINKS = frozenset({"http", "https", "mailto", "tel"})
_REMOTE_PICTURES = frozenset({"http", "https", "ftp", "ftps"})

#: The largest a picture is shown, in CSS pixels (1/96 inch): it fits the printed page's text
#: area on A4 and Letter at every print size, and the reader's column. Larger pictures are
#: scaled down to fit; smaller ones are shown at their own size.
SHOWN_MAX_WIDTH = 560
SHOWN_MAX_HEIGHT = 640

NOT_IN_FOLDER = "only pictures in the leaflet's own folder are shown"
FROM_INTERNET = "pictures from the internet are never loaded"


@dataclass
class SafeHtml:
    """HTML made safe, and what it took from the disk.

    Attributes:
        html: the rewritten HTML.
        local_files: the files inside the leaflet's folder that the HTML depends on (pictures
            embedded or refused, files linked to), as resolved paths.
        headings: the number of headings.
        blocks: the number of blocks (paragraphs, list items, cells, line breaks...).
    """

    html: str
    local_files: list[str] = field(default_factory=list)
    headings: int = 0
    blocks: int = 0


def make_safe(body_html: str, folder: Path | None, limits: Limits = LIMITS) -> SafeHtml:
    """Rewrite the HTML of a leaflet so that it is safe to give to Qt.

    Args:
        body_html: the HTML python-markdown made of the leaflet.
        folder: the leaflet's folder, which pictures and linked files must be in; None when
            the leaflet is not a file (then no local file is used).
        limits: the limits to keep.

    Raises:
        LimitExceededError: if elements are nested too deeply, there are too many blocks or
            headings, or a ``<style>`` or ``<script>`` is never closed (it would hide the rest).
    """
    rewriter = _Rewriter(folder, limits)
    rewriter.feed(body_html)
    rewriter.close()
    if rewriter.hidden:
        tag = rewriter.hidden[0]
        raise LimitExceededError(
            f"a <{tag}> is never closed, so none of the text after it would be shown; "
            f"close it with </{tag}> or remove it"
        )
    return SafeHtml(
        html="".join(rewriter.out),
        local_files=rewriter.local_files,
        headings=rewriter.headings,
        blocks=rewriter.blocks,
    )


@dataclass
class _Open:
    tag: str
    shown: bool  # whether its start tag was written (its end tag is written only then)


class _Rewriter(HTMLParser):
    def __init__(self, folder: Path | None, limits: Limits) -> None:
        super().__init__(convert_charrefs=False)
        self.folder = Path(os.path.realpath(folder)) if folder is not None else None
        self.limits = limits
        self.out: list[str] = []
        self.open: list[_Open] = []
        self.open_count: Counter[str] = Counter()  # how many of each element are open
        self.hidden: list[str] = []  # open elements whose content is dropped
        self.local_files: list[str] = []
        self.headings = 0
        self.blocks = 0
        self.pixels = 0
        self.depth = {"block": 0, "table": 0, "inline": 0}
        self.cells: list[int] = []  # cells so far in each open table row
        self.tables: list[str] = []  # open table elements, innermost last

    # -- elements ----------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden:
            if tag in _HIDDEN:
                self.hidden.append(tag)
            return
        if tag in _HIDDEN:
            self.hidden.append(tag)
            return
        if tag in _BLOCKS:
            self._count_block()
        if tag in ("td", "th") and self.cells:
            self.cells[-1] += 1
            if self.cells[-1] > self.limits.max_table_columns:
                raise LimitExceededError(
                    f"a table row has more than {self.limits.max_table_columns} cells; at most "
                    f"{self.limits.max_table_columns} fit across a printed page"
                )
        if tag in _HEADINGS:
            self.headings += 1
            if self.headings > self.limits.max_headings:
                raise LimitExceededError(
                    f"it has more than {number(self.limits.max_headings)} headings; "
                    f"a leaflet may have at most {number(self.limits.max_headings)}"
                )
        if tag in _TABLE_PARTS:
            self._start_table_part(tag)
        elif tag == "img" or tag in _KEPT:
            self._into_cell()
        if tag == "img":
            self.out.append(self._picture(dict(attrs)))
            return
        if tag not in _KEPT:
            return  # dropped, with its end tag; its words are kept
        kept = self._attributes(tag, attrs)
        shown = tag != "a" or bool(kept)  # an <a> that goes nowhere is only its words
        if shown:
            self.out.append(f"<{tag}{kept}>")
        if tag not in _VOID:
            self.open.append(_Open(tag, shown))
            self.open_count[tag] += 1
            self._nest(tag, +1)
            if tag == "tr":
                self.cells.append(0)
            if tag in _TABLE_PARTS:
                self.tables.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag == self.hidden[-1]:
                self.hidden.pop()
            return
        if not self.open_count[tag]:
            return  # an end tag for nothing open: drop it
        while self.open:  # close what is still open inside it too, so the output is tidy
            entry = self.open.pop()
            self.open_count[entry.tag] -= 1
            self._nest(entry.tag, -1)
            if entry.tag == "tr":
                self.cells.pop()
            if entry.tag in _TABLE_PARTS:
                self.tables.pop()
            if entry.shown:
                self.out.append(f"</{entry.tag}>")
            if entry.tag == tag:
                return

    def _nest(self, tag: str, step: int) -> None:
        kind = "inline" if tag in _INLINE else "block" if tag in _CONTAINERS else None
        if kind is None:
            return
        self.depth[kind] += step
        if tag == "table":
            self.depth["table"] += step
            if self.depth["table"] > self.limits.max_table_nesting:
                raise LimitExceededError(
                    f"tables are nested more than {self.limits.max_table_nesting} deep "
                    "(a table inside a table)"
                )
        if self.depth[kind] > self.limits.max_nesting:
            what = (
                "emphasis, links or other text styles"
                if kind == "inline"
                else "lists, quotes or HTML blocks"
            )
            raise LimitExceededError(
                f"{what} are nested more than {self.limits.max_nesting} deep; at most "
                f"{self.limits.max_nesting} levels are allowed"
            )

    def _count_block(self, count: int = 1) -> None:
        self.blocks += count
        if self.blocks > self.limits.max_blocks:
            raise LimitExceededError(
                f"it has more than {number(self.limits.max_blocks)} paragraphs, list items, "
                "table cells and lines; a leaflet may have at most "
                f"{number(self.limits.max_blocks)}"
            )

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        allowed = _COMMON_ATTRIBUTES | _ATTRIBUTES.get(tag, frozenset())
        kept = []
        for name, value in attrs:
            if name not in allowed or value is None:
                continue
            if name == "href":
                value = self._link(value)
                if value is None:
                    continue
            elif name in _NUMBERS:
                value = _number(name, value)
                if value is None:
                    continue
            elif name == "type" and value not in _LIST_TYPES:
                continue
            kept.append(f' {name}="{_attribute(value)}"')
        return "".join(kept)

    # -- text --------------------------------------------------------------------------------

    def _close_table_parts(self, tags: frozenset[str]) -> None:
        while self.tables and self.tables[-1] in tags:
            self.handle_endtag(self.tables[-1])

    def _start_table_part(self, tag: str) -> None:
        """Close what a new row, cell or row group ends, as HTML does (``<td>a<td>b``)."""
        if tag == "table":
            self._into_cell()  # a table inside a table belongs in a cell
        elif tag in ("td", "th"):
            self._close_table_parts(_TABLE_CELLS)
            if self.tables and self.tables[-1] != "tr":
                self.handle_starttag("tr", [])
        elif tag == "tr":
            self._close_table_parts(_TABLE_CELLS | {"tr"})
        elif tag != "caption":  # thead, tbody, tfoot
            self._close_table_parts(_TABLE_CELLS | {"tr", "thead", "tbody", "tfoot"})

    def _into_cell(self) -> None:
        """Open a row and a cell for text put in a table outside its cells.

        Qt drops such text, so without this words before a table's first cell would be lost.
        """
        if not self.tables or self.tables[-1] in _TABLE_CELLS:
            return
        if self.tables[-1] != "tr":
            self.handle_starttag("tr", [])
        self.handle_starttag("td", [])

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.tables and not data.isspace():
            self._into_cell()
        if self.open_count["pre"]:
            self._count_block(data.count("\n"))
        self.out.append(html.escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        if not self.hidden:
            self._into_cell()
            self.out.append(html.escape(html.unescape(f"&{name};"), quote=False))

    def handle_charref(self, name: str) -> None:
        if not self.hidden:
            self._into_cell()
            self.out.append(html.escape(html.unescape(f"&#{name};"), quote=False))

    # Comments, declarations and processing instructions are never shown: they are dropped.

    # -- what a leaflet refers to ------------------------------------------------------------

    def _inside_folder(self, reference: str) -> tuple[Path | None, str]:
        """Resolve a relative reference inside the leaflet's folder: (path, "") or (None, why)."""
        parts = urlsplit(reference.strip())
        if parts.scheme or parts.netloc or reference.strip().startswith(("/", "\\")):
            return None, NOT_IN_FOLDER
        relative = unquote(parts.path).replace("\\", "/")
        pieces = PurePosixPath(relative).parts
        if not relative or ".." in pieces or "\x00" in relative:
            return None, NOT_IN_FOLDER
        if self.folder is None:
            return None, "the leaflet's folder is not known"
        named = self.folder.joinpath(*pieces)
        self.local_files.append(str(named))  # what is shown now depends on this file
        try:
            resolved = Path(os.path.realpath(named))
        except (OSError, ValueError):
            return None, "the name cannot be a file name"
        if resolved != self.folder and self.folder not in resolved.parents:
            return None, f"{NOT_IN_FOLDER}; this one is a link to elsewhere"
        return resolved, ""

    def _link(self, href: str) -> str | None:
        reference = href.strip()
        if not reference:
            return None
        if reference.startswith("#"):
            return reference
        scheme = urlsplit(reference).scheme.lower()
        if scheme in _REMOTE_LINKS:
            return reference
        path, _why = self._inside_folder(reference)
        try:
            if path is None or not path.is_file():  # follows links: only to an ordinary file
                return None
        except (OSError, ValueError):
            return None
        return reference

    def _picture(self, attrs: dict[str, str | None]) -> str:
        source = (attrs.get("src") or "").strip()
        label = " ".join((attrs.get("alt") or "").split()) or source or "no file named"
        shown, why = self._embed(source, attrs)
        if shown:
            return shown
        return html.escape(f"[Image not shown: {label} ({why})]", quote=False)

    def _embed(self, source: str, attrs: dict[str, str | None]) -> tuple[str, str]:
        """The <img> element with the picture embedded, or ("", why it is not shown)."""
        if not source:
            return "", "no picture file is named"
        scheme = urlsplit(source).scheme.lower()
        if scheme in _REMOTE_PICTURES or source.startswith("//"):
            return "", FROM_INTERNET
        path, why = self._inside_folder(source)
        if path is None:
            return "", why
        limits = self.limits
        try:
            data = read_regular_file(path, limits.max_image_bytes)
        except FileNotFoundError:
            return "", "the picture file is missing"
        except FileRefusedError as error:
            return "", str(error)
        picture = identify_picture(data)
        if picture is None:
            return "", "the file is not a PNG, JPEG or GIF picture"
        side = limits.max_image_side
        if picture.width > side or picture.height > side:
            return "", (
                f"the picture is {number(picture.width)} × {number(picture.height)} pixels; "
                f"at most {number(side)} × {number(side)} are shown"
            )
        if self.pixels + picture.width * picture.height > limits.max_image_pixels:
            return "", (
                f"the leaflet's pictures together would be more than "
                f"{number(limits.max_image_pixels)} pixels"
            )
        self.pixels += picture.width * picture.height
        encoded = base64.b64encode(data).decode("ascii")
        alt = attrs.get("alt") or ""
        width, height = shown_size(
            picture.width,
            picture.height,
            _number("width", attrs.get("width") or ""),
            _number("height", attrs.get("height") or ""),
        )
        return (
            f'<img src="data:{picture.mime};base64,{encoded}" '
            f'alt="{_attribute(alt)}" width="{width}" height="{height}">'
        ), ""


def shown_size(
    width: int, height: int, asked_width: str | None, asked_height: str | None
) -> tuple[int, int]:
    """The size a picture is shown at: as the leaflet asks (or its own), within the maximum.

    A width or height the leaflet gives alone keeps the picture's proportions.
    """
    if asked_width and asked_height:
        width, height = int(asked_width), int(asked_height)
    elif asked_width:
        width, height = int(asked_width), max(1, round(height * int(asked_width) / width))
    elif asked_height:
        width, height = max(1, round(width * int(asked_height) / height)), int(asked_height)
    scale = min(1.0, SHOWN_MAX_WIDTH / width, SHOWN_MAX_HEIGHT / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _attribute(value: str) -> str:
    """An attribute value escaped for double quotes (apostrophes are left as they are)."""
    return (
        value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def _number(name: str, value: str) -> str | None:
    """The attribute's value if it is a whole number in its allowed range, else None."""
    low, high = _NUMBERS[name]
    text = value.strip()
    if not text.lstrip("-").isdigit() or len(text) > 9:
        return None
    result = int(text)
    return str(result) if low <= result <= high else None
