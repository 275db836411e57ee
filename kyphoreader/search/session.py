"""The search session: the query, its result, the current match and the search highlights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QTextCharFormat

from kyphoreader.reading.theme import Theme
from kyphoreader.reading.toc import TocPanel
from kyphoreader.reading.view import ReaderView
from kyphoreader.search.bar import SearchBar
from kyphoreader.search.results import ResultsPanel

if TYPE_CHECKING:
    from kyphoreader.core.leaflet import Leaflet
    from kyphoreader.glossary.terms import Glossary
    from kyphoreader.search.index import SearchIndex, SearchResult

#: Highlight layers this session draws in: every match, and the current one on top.
MATCH_LAYER = "search"
CURRENT_LAYER = "current_match"


class SearchSession(QObject):
    """Runs searches for the search bar and shows them in the reader, results and contents.

    The index is built on the first search, not at start-up. Search highlights live in their
    own layers of the reader, so other features' marks stay.

    Signals:
        results_shown(bool): the results panel should be shown (True) or hidden (False).
        nothing_found(): a search found nothing (the window offers the contents instead).
        message(str): something to tell the reader in the status bar.
    """

    results_shown = Signal(bool)
    nothing_found = Signal()
    message = Signal(str)

    def __init__(
        self,
        reader: ReaderView,
        bar: SearchBar,
        results: ResultsPanel,
        contents: TocPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._bar = bar
        self._results = results
        self._contents = contents
        self._leaflet: Leaflet | None = None
        self._index: SearchIndex | None = None
        self._synonyms: dict[str, list[str]] = {}
        self._glossary: Glossary | None = None
        self.result: SearchResult | None = None
        self._spans: list[tuple[int, int] | None] = []
        self.current = -1
        self._theme: Theme | None = None
        self._theme_on_marks = False  # the marks' formats follow the theme
        bar.query_changed.connect(self.search)
        bar.next_requested.connect(self.go_to_next)
        bar.previous_requested.connect(self.go_to_previous)
        bar.clear_requested.connect(self.clear)
        results.hit_chosen.connect(self.show_hit)

    # -- state -------------------------------------------------------------------------------

    def set_leaflet(self, leaflet: Leaflet) -> None:
        """Search ``leaflet`` from now on (the old query and its marks are dropped)."""
        self._leaflet = leaflet
        self._index = None
        self.clear()

    def take_leaflet(self, leaflet: Leaflet) -> None:
        """Search ``leaflet``, the text already shown, loaded late: what was typed stays.

        Nothing is searched here: a query typed before loads the leaflet from the search's
        own signal (``MainWindow._leaflet_for_search``), which then searches it.
        """
        self._leaflet = leaflet
        self._index = None

    @Slot(object)
    def set_glossary(self, glossary: Glossary) -> None:
        """Explain the leaflet's words from ``glossary`` when a search asks about one."""
        self._glossary = glossary

    def query(self) -> str:
        """The text in the search box."""
        return self._bar.text()

    def match_count(self) -> int:
        """How many matches are shown."""
        return len(self._spans)

    def reset(self) -> None:
        """Empty the search box, the results and every search highlight."""
        self.clear()

    def apply_theme(self, theme: Theme) -> None:
        """Colour matches, and the current match (plus an underline), as ``theme`` says.

        The marks' formats are made when there are matches to mark: a brush makes PySide
        build Qt's enums (issue #16, app/enumproperty.py), and a start has no matches.
        """
        self._theme = theme
        self._theme_on_marks = False
        if self._spans:
            self._format_marks()
        self._results.set_current_colours(theme.current_hit_text, theme.current_hit_background)
        if self.result is not None:
            self._results.show_result(self.result, self.current)

    def _format_marks(self) -> None:
        theme = self._theme
        if theme is None or self._theme_on_marks:
            return
        self._theme_on_marks = True
        match = QTextCharFormat()
        match.setForeground(QBrush(QColor(theme.hit_text)))
        match.setBackground(QBrush(QColor(theme.hit_background)))
        current = QTextCharFormat()
        current.setForeground(QBrush(QColor(theme.current_hit_text)))
        current.setBackground(QBrush(QColor(theme.current_hit_background)))
        current.setFontUnderline(True)  # the current match differs by more than colour
        self._reader.set_layer_format(MATCH_LAYER, match)
        self._reader.set_layer_format(CURRENT_LAYER, current)

    # -- searching ---------------------------------------------------------------------------

    def _search_index(self) -> SearchIndex | None:
        # Search is imported and built on the first search, not at start-up.
        from kyphoreader.search.index import SearchIndex
        from kyphoreader.search.synonyms import SynonymError, load_synonyms_for

        if self._index is None and self._leaflet is not None:
            synonyms: dict[str, list[str]] = {}
            if self._leaflet.source_name:
                try:
                    synonyms = load_synonyms_for(self._leaflet.source_name)
                except SynonymError as error:
                    self.message.emit(f"Search works without lay words: {error}")
            from kyphoreader.core.document import searchable_leaflet  # title, summary too

            self._synonyms = synonyms
            self._index = SearchIndex(searchable_leaflet(self._leaflet), synonyms)
        return self._index

    @Slot(str)
    def search(self, query: str) -> None:
        """Find ``query``, highlight every match and show the first (or say nothing matched)."""
        index = self._search_index()
        if index is None or not query.strip():
            self._results.set_explanation(None)
            self._show(None)
            return
        # A search for an explained word, or a question about one, shows its meaning first,
        # then where the word stands ("what does nonunion mean" finds "nonunion").
        term = self._glossary.lookup(query, self._synonyms) if self._glossary else None
        self._results.set_explanation(term)
        result = index.find(query)
        if term is not None and not result.hits:
            from kyphoreader.glossary.terms import question_subject

            subject = question_subject(query)
            if subject:
                result = index.find(subject)
        self._show(result)

    def _show(self, result: SearchResult | None) -> None:
        self.result = result
        hits = result.hits if result else []
        self._spans = self._reader.find_all_in_section(
            [(hit.section_id, hit.match_text, hit.occurrence) for hit in hits]
        )
        self.current = 0 if hits else -1
        counts: dict[str, int] = {}
        for hit in hits:
            counts[hit.section_id] = counts.get(hit.section_id, 0) + 1
        self._contents.set_hit_counts(counts)
        self._bar.set_message(result.message if result else "")
        if result is None:
            self._reader.clear_layer(CURRENT_LAYER)
            self._reader.clear_selection()
            self._results.show_result(None)
            self.results_shown.emit(False)
        else:
            self.results_shown.emit(True)
            if not hits:
                self._reader.clear_layer(CURRENT_LAYER)
                self._reader.clear_selection()
                self.nothing_found.emit()
        self._show_current()

    def _show_current(self) -> None:
        if self._spans:
            self._format_marks()
        total = len(self._spans)
        self._bar.set_count(self.current + 1, total)
        chosen = self._spans[self.current] if 0 <= self.current < total else None
        # Every match but the current one; the current one is drawn in its own layer on top.
        others = [s for i, s in enumerate(self._spans) if s is not None and i != self.current]
        self._reader.set_layer(MATCH_LAYER, others)
        if chosen is not None:
            self._reader.set_layer(CURRENT_LAYER, [chosen])
            self._reader.select_span(*chosen)
            self._reader.ensure_visible(*chosen)
        if self.result is not None:
            self._results.show_result(self.result, self.current)

    @Slot(int)
    def show_hit(self, index: int) -> None:
        """Put match number ``index`` (from 0) on screen and mark it."""
        if 0 <= index < len(self._spans):
            self.current = index
            self._show_current()

    @Slot()
    def go_to_next(self) -> None:
        """Go to the next match, wrapping round to the first after the last."""
        if self._spans:
            self.show_hit((self.current + 1) % len(self._spans))

    @Slot()
    def go_to_previous(self) -> None:
        """Go to the previous match, wrapping round to the last before the first."""
        if self._spans:
            self.show_hit((self.current - 1) % len(self._spans))

    @Slot()
    def clear(self) -> None:
        """Empty the search box and remove every highlight and result."""
        self._bar.clear()
        self._show(None)
