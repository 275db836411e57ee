"""The search results list: one line per place that matched, grouped by section, best first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTextBrowser, QWidget

from kyphoreader.core.document import escape

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

    from kyphoreader.glossary.terms import Term
    from kyphoreader.search.index import (  # only for type hints: search loads on first use
        Place,
        SearchResult,
        SectionHits,
    )


#: At most this many lines are listed (the count and next/previous still cover every match).
MAX_LISTED = 300
_HIT_PREFIX = "hit-"
#: Said beside the reference list when nothing else matched.
ONLY_REFERENCES = "found only in the reference list"
#: Heading of a word's explanation above the results, and what is said under it.
EXPLANATION_HEADING = "What \u201c{term}\u201d means"


def explanation_html(term: Term) -> str:
    """An explained word's meaning, shown above the result lines."""
    from kyphoreader.glossary.terms import NOT_THE_ARTICLE  # with the first explanation

    return (
        f"<h3>{escape(EXPLANATION_HEADING.format(term=term.term))}</h3>"
        f"<p>{escape(term.explanation)}</p><p>{escape(NOT_THE_ARTICLE)}</p><hr/>"
    )


def section_title(group: SectionHits, only_references: bool) -> str:
    """A section's line in the list: its heading and how many matches it has."""
    count = len(group.hits)
    label = "1 match" if count == 1 else f"{count} matches"
    if group.is_reference and only_references:
        label = f"{label}, {ONLY_REFERENCES}"
    return f"{group.heading} ({label})"


def place_html(place: Place) -> str:
    """A place's snippet as HTML, every matched word in bold."""
    snippet = "".join(f"<b>{escape(t)}</b>" if match else escape(t) for t, match in place.segments)
    if place.repeats:
        snippet += f" (same words in {place.repeats + 1} places)"
    return snippet


def results_html(
    result: SearchResult, current: int, current_colours: tuple[str, str] = ("#000000", "#ffd54f")
) -> str:
    """Return the result list as HTML.

    Each section is a heading with its number of matches, then one line per place (a
    sentence or the heading) with every matched word in bold, never the same snippet twice.
    Each line links to ``#hit-N``, N being the index in ``result.hits`` of its first match;
    the line holding match ``current`` is marked.
    """
    parts = []
    if result.message:
        parts.append(f"<p><b>{escape(result.message)}</b></p>")
    text_colour, background = current_colours
    covered = 0
    shown: SectionHits | None = None
    first = 0  # index in result.hits of the first hit of the section being listed
    for number, group, place in result.places(MAX_LISTED):
        if group is not shown:
            if shown is not None:
                parts.append("</ul>")
                first += len(shown.hits)
            shown = group
            parts.append(f"<h3>{escape(section_title(group, result.only_references))}</h3><ul>")
        mark, style, link_style = "", "", ""
        if current - first in place.hits:
            mark = "▶ "
            style = f' style="background-color: {background}; color: {text_colour};"'
            link_style = f' style="color: {text_colour};"'
        parts.append(
            f'<li{style}>{mark}<a href="#{_HIT_PREFIX}{number}"{link_style}>'
            f"{place_html(place)}</a></li>"
        )
        covered += len(place.hits)
    if shown is not None:
        parts.append("</ul>")
    hidden = len(result.hits) - covered
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
            "One line for each place that matched, grouped by section, best section first. "
            "Press Tab to move between results and Enter to show one."
        )
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._current_colours = ("#000000", "#ffd54f")
        self._explanation: Term | None = None

    def set_current_colours(self, text: str, background: str) -> None:
        """Colours of the current result (the theme's current-match colours)."""
        self._current_colours = (text, background)

    def set_explanation(self, term: Term | None) -> None:
        """Show ``term``'s explanation above the next results shown (None: no explanation)."""
        self._explanation = term

    def explanation(self) -> Term | None:
        """The explained word shown above the results, if any."""
        return self._explanation

    def show_result(self, result: SearchResult | None, current: int = 0) -> None:
        """Show ``result`` with the line of hit ``current`` marked; None empties the list."""
        position = self.verticalScrollBar().value()
        html = results_html(result, current, self._current_colours) if result else ""
        if result is not None and self._explanation is not None:
            html = explanation_html(self._explanation) + html
        self.setHtml(html)
        self.verticalScrollBar().setValue(position)

    @Slot("QUrl")  # by name: the class is made when a result is first followed (issue #16)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        fragment = url.fragment()
        if fragment.startswith(_HIT_PREFIX) and fragment[len(_HIT_PREFIX) :].isdigit():
            self.hit_chosen.emit(int(fragment[len(_HIT_PREFIX) :]))
