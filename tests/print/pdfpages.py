"""Read a printed PDF back as pages of lines: header, body and footer (test helper)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pymupdf

BOLD = 16  # pymupdf span flag
ITALIC = 2
PAGE_NUMBER = re.compile(r"^Page (\d+) of (\d+)$")


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    left: float
    right: float
    sizes: list[float]
    bold: bool
    italic: bool


@dataclass
class Page:
    number: int
    width: float
    height: float
    rule_y: float
    header: list[Line]
    body: list[Line]
    footer: list[Line]
    thin: list  # thin horizontal drawings (the rule under the running title, underlines)
    boxes: list  # drawn rectangles (the contact box)


def read_pdf(path) -> list[Page]:
    pages = []
    with pymupdf.open(path) as document:
        for index, page in enumerate(document):
            drawings = page.get_drawings()
            rules = [d["rect"] for d in drawings if d["rect"].height < 3]
            boxes = [d["rect"] for d in drawings if d["rect"].height >= 3 and d["rect"].width > 100]
            # The running title's rule is the first thin line, above all text but the title.
            rule_y = min(r.y0 for r in rules) if rules else 0.0
            lines = []
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    spans = [s for s in line["spans"] if s["text"].strip()]
                    if not spans:
                        continue
                    x0, y0, x1, y1 = line["bbox"]
                    lines.append(
                        Line(
                            text="".join(s["text"] for s in line["spans"]).strip(),
                            top=y0,
                            bottom=y1,
                            left=x0,
                            right=x1,
                            sizes=[s["size"] for s in spans],
                            bold=all(s["flags"] & BOLD for s in spans),
                            italic=any(s["flags"] & ITALIC for s in spans),
                        )
                    )
            lines.sort(key=lambda item: (round(item.top, 1), item.left))
            header = [ln for ln in lines if ln.bottom <= rule_y + 0.5]
            footer = [ln for ln in lines if PAGE_NUMBER.match(ln.text)]
            body = [ln for ln in lines if ln not in header and ln not in footer]
            pages.append(
                Page(
                    index + 1,
                    page.rect.width,
                    page.rect.height,
                    rule_y,
                    header,
                    body,
                    footer,
                    rules,
                    boxes,
                )
            )
    return pages


def body_text(pages: list[Page]) -> str:
    """The body text of all pages, lines joined as a reader would read them."""
    text = ""
    for page in pages:
        for line in page.body:
            # A line that ends in a hyphen or dash, or breaks between citations ("[4]" / "[5]"),
            # continues without a space: the PDF has none there.
            if text.endswith(("-", "–")) or (text.endswith("]") and line.text.startswith("[")):
                text += line.text
            else:
                text += " " + line.text
    return " ".join(text.split())


def squash(text: str) -> str:
    return "".join(text.split())


class _Blocks(HTMLParser):
    """The text of each block (paragraph, list item, heading) of an HTML document, in order."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._tag: str | None = None
        self._text = ""

    def _flush(self) -> None:
        if self._tag is not None and self._text.strip():
            self.blocks.append((self._tag, " ".join(self._text.split())))
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            self._tag = tag

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self._text += data


def html_blocks(html: str) -> list[tuple[str, str]]:
    """(tag, text) for every block of a printed copy's HTML."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def lines_by_block(pages: list[Page], blocks: list[tuple[str, str]]):
    """Match the PDF's body lines to the copy's blocks, in order.

    Returns one list per block of (page number, Line). Fails if the text does not match.
    """
    lines = [(page.number, line) for page in pages for line in page.body]
    result = []
    position = 0
    for tag, text in blocks:
        target = squash(text)
        found = []
        so_far = ""
        while so_far != target:
            assert position < len(lines), f"the PDF ends before {text[:60]!r}"
            number, line = lines[position]
            candidate = so_far + squash(line.text)
            assert target.startswith(candidate), (
                f"page {number}: {line.text[:60]!r} is not the next line of {text[:60]!r}"
            )
            so_far = candidate
            found.append((number, line))
            position += 1
        result.append((tag, text, found))
    assert position == len(lines), f"{len(lines) - position} lines in the PDF match no block"
    return result
