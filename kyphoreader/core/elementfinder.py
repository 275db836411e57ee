"""Find elements by id in HTML we generated ourselves, with their outer HTML.

Printing a few sections uses it to add the references they cite; it lives apart from
``core/document.py`` so that showing the text never imports ``html.parser`` (issue #16).
"""

from __future__ import annotations

from html.parser import HTMLParser


class ElementFinder(HTMLParser):
    """Find the outer HTML of the elements with given ids (top-most match only)."""

    _VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "area", "wbr"})

    def __init__(self, html: str, ids: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self._html = html
        self._ids = ids
        self._line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self._line_starts.append(index + 1)
        self._open: list[tuple[str, int, str | None]] = []
        self.found: dict[str, tuple[int, str]] = {}

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element, noting where it starts if it is one of those wanted."""
        if tag in self._VOID:
            return
        element_id = dict(attrs).get("id")
        wanted = element_id if element_id in self._ids and element_id not in self.found else None
        self._open.append((tag, self._offset(), wanted))

    def handle_endtag(self, tag: str) -> None:
        """Close an element, keeping its outer HTML if it is one of those wanted."""
        # Close back to the matching tag; unclosed inner tags close with it.
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                _tag, start, wanted = self._open[depth]
                del self._open[depth:]
                if wanted is not None:
                    end = self._html.find(">", self._offset()) + 1
                    self.found[wanted] = (start, self._html[start:end])
                return
