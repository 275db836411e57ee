"""Read a printed PDF back as pages of lines: header, body and footer (test helper)."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def read_pdf(path) -> list[Page]:
    pages = []
    with pymupdf.open(path) as document:
        for index, page in enumerate(document):
            rules = [d["rect"] for d in page.get_drawings() if d["rect"].height < 3]
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
                Page(index + 1, page.rect.width, page.rect.height, rule_y, header, body, footer)
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
