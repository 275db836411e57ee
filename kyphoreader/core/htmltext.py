"""The visible text of an HTML fragment, as the leaflet parser keeps it for each section.

Parsing only: a leaflet loaded from the cache has its sections' text already, so showing it
never imports ``html.parser`` (issue #16).
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

__all__ = ["html_to_text", "unescape"]

_BLOCK_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br", "tr", "blockquote", "pre"}
)


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML fragment, one line per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A block starts on a line of its own."""
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """What follows a block starts on a line of its own."""
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Text, kept as it stands."""
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Return the visible text of an HTML fragment: blocks on their own lines, spaces collapsed."""
    extractor = _TextExtractor()
    extractor.feed(fragment)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)
