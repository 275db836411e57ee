"""The search results list: every match grouped by section, with its words in bold."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtWidgets import QTextBrowser, QWidget

if TYPE_CHECKING:
    from kyphoreader.search.index import (
        SearchResult,  # only for type hints: search loads on first use
    )


#: At most this many results are listed (the count and next/previous still cover all).
MAX_LISTED = 300
_HIT_PREFIX = "hit-"


def results_html(
    result: SearchResult, current: int, current_colours: tuple[str, str] = ("#000000", "#ffd54f")
) -> str:
    """Return the result list as HTML; each hit is a link to ``#hit-N``."""
    parts = []
    if result.message:
        parts.append(f"<p><b>{escape(result.message)}</b></p>")
    number = 0
    for group in result.groups:
        if number >= MAX_LISTED:
            break
        count = len(group.hits)
        label = "1 match" if count == 1 else f"{count} matches"
        parts.append(f"<h3>{escape(group.heading)} ({label})</h3><ul>")
        for hit in group.hits:
            if number >= MAX_LISTED:
                break
            text_colour, background = current_colours
            mark, style, link_style = (
                (
                    "▶ ",
                    f' style="background-color: {background}; color: {text_colour};"',
                    f' style="color: {text_colour};"',
                )
                if number == current
                else ("", "", "")
            )
            parts.append(
                f'<li{style}>{mark}<a href="#{_HIT_PREFIX}{number}"{link_style}>'
                f"{escape(hit.before)}<b>{escape(hit.match_text)}</b>{escape(hit.after)}</a></li>"
            )
            number += 1
        parts.append("</ul>")
    hidden = len(result.hits) - number
    if hidden > 0:
        parts.append(f"<p>…and {hidden} more. Use Next match to see them.</p>")
    return "".join(parts)


class ResultsPanel(QTextBrowser):
    """Lists search results; choosing one asks the window to show that exact occurrence.

    Signals:
        hit_chosen(int): the index (into ``SearchResult.hits``) of the result chosen.
    """

    hit_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_results")
        self.setAccessibleName("Search results")
        self.setAccessibleDescription(
            "Every match, grouped by section. Press Tab to move between results and Enter to "
            "show one."
        )
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._current_colours = ("#000000", "#ffd54f")

    def set_current_colours(self, text: str, background: str) -> None:
        """Colours of the current result (the theme's current-match colours)."""
        self._current_colours = (text, background)

    def show_result(self, result: SearchResult | None, current: int = 0) -> None:
        """Show ``result`` with hit ``current`` marked; None empties the list."""
        position = self.verticalScrollBar().value()
        self.setHtml(results_html(result, current, self._current_colours) if result else "")
        self.verticalScrollBar().setValue(position)

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        fragment = url.fragment()
        if fragment.startswith(_HIT_PREFIX) and fragment[len(_HIT_PREFIX) :].isdigit():
            self.hit_chosen.emit(int(fragment[len(_HIT_PREFIX) :]))
