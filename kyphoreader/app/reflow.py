"""Reflow of the window: the side panels go below the text when the text needs the width.

Words are never split inside themselves, so the text column must be at least as wide as the
longest word at the chosen size (at 400 % "polymethylmethacrylate" is some 880 pixels). When
the window cannot hold the contents and results panels beside such a column, the panels move
below the text, side by side, as a web page reflows into one column (WCAG 1.4.10); when there
is room again they go back where they were.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QFontMetricsF, QTextOption
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTextBrowser

if TYPE_CHECKING:  # named only to move or widen a panel, never on a usual start (issue #16)
    from PySide6.QtCore import Qt

#: Room round the text column: its side margins, the scroll bar, the focus ring, some slack.
READER_EXTRA_PX = 2 * 16 + 18 + 2 * 4 + 24
#: Room round a word in a side panel: list indent, margins, scroll bar, focus ring.
PANEL_EXTRA_PX = 48 + 24 + 18 + 2 * 4
#: Narrowest useful side panel.
MIN_PANEL_PX = 240
#: Least height of a panel's list beside the text (two rows) and below it (one row).
PANEL_MIN_HEIGHT_PX = 88
PANEL_MIN_HEIGHT_BELOW_PX = 44
#: Least height of the text.
READER_MIN_HEIGHT_PX = 100
#: Width of the handle between docks and the text in the Fusion style the reader always uses
#: (its PM_DockWidgetSeparatorExtent, 6 px at 96 dpi). Asking the style would make PySide build
#: QStyle's many enums (about 6 ms) before the window is usable; a test compares the two.
DOCK_SEPARATOR_PX = 6
#: Breaks are allowed after these, so a word is measured in pieces split after them.
_BREAKS = re.compile(r"(?<=[-–—/])")
#: Room per letter for kerning when bounding a piece's width by its widest letter.
_KERNING_ROOM = 1.05


def longest_word_width(words: set[str], font: QFont) -> float:
    """The width of the widest word (in pieces that may break after a dash) in ``font``.

    Pieces are measured longest first, and no more once a piece's length times the widest
    letter in them (with room for kerning) cannot beat the widest found: the same answer as
    measuring every word, from a few dozen measurements (issue #16: it runs at start-up).
    """
    metrics = QFontMetricsF(font)
    pieces = {piece for word in words for piece in _BREAKS.split(word) if piece}
    if not pieces:
        return 0.0
    letters = set().union(*pieces)
    widest_letter = max(metrics.horizontalAdvance(letter) for letter in letters)
    bound = widest_letter * _KERNING_ROOM + 1
    widest = 0.0
    for piece in sorted(pieces, key=len, reverse=True):
        if len(piece) * bound <= widest:
            break
        widest = max(widest, metrics.horizontalAdvance(piece))
    return widest


def dock_separator_extent(window: QMainWindow) -> int:
    """The width of the handle between a dock and the text, in the window's pixels."""
    return round(DOCK_SEPARATOR_PX * window.logicalDpiX() / 96)


def document_words(browser: QTextBrowser) -> dict[tuple[str, bool], set[str]]:
    """The words of a text view, grouped by (font family and size, bold)."""
    groups: dict[tuple[str, bool], set[str]] = {}
    document = browser.document()
    default = document.defaultFont()
    # Fragments of one format share a font: resolved once per format (issue #16).
    words_of_format: dict[int, set[str]] = {}
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            index = fragment.charFormatIndex()
            words = words_of_format.get(index)
            if words is None:
                font = fragment.charFormat().font().resolve(default)
                words = groups.setdefault((font.toString(), font.bold()), set())
                words_of_format[index] = words
            words.update(fragment.text().split())
            iterator += 1
        block = block.next()
    return groups


def needed_text_width(browser: QTextBrowser) -> float:
    """The narrowest column that holds every word of a text view whole."""
    widest = 0.0
    for (description, _bold), words in document_words(browser).items():
        font = QFont()
        font.fromString(description)
        widest = max(widest, longest_word_width(words, font))
    return widest


class PanelReflow(QObject):
    """Keeps every word whole: moves the side panels below the text when the text needs room.

    Args:
        window: the main window; its ``resized`` signal says when its size changed.
        reader: the reading pane (its words set the width the text needs).
        panels: the side docks (contents, results), in order.
        results: the results list, whose words must fit its panel too.
        active: False to leave the panels alone until ``start()``: while the window is being
            built and put back as it was, its sizes pass through states nobody sees.
    """

    def __init__(
        self,
        window: QMainWindow,
        reader: QTextBrowser,
        panels: list[QDockWidget],
        results: QTextBrowser,
        active: bool = True,
    ) -> None:
        super().__init__(window)
        self._active = active
        self._window = window
        self._reader = reader
        self._panels = panels
        self._results = results
        self._below = False
        self._busy = False
        self._cache: dict[tuple[str, int], float] = {}
        for browser in (reader, results):
            browser.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        results.setMinimumHeight(PANEL_MIN_HEIGHT_PX)  # the window fits 640 by 512 (200 %)
        # At 400 % Qt asks some 180 pixels for the text; a third of that still shows two lines,
        # and the window (toolbars, notice, panels below) still fits a 768-pixel screen.
        reader.setMinimumHeight(READER_MIN_HEIGHT_PX)
        # Told by the window's own resizeEvent, not an event filter: a filter is handed every
        # event, and PySide builds some 50 event classes to tell the first one's type (#16).
        window.resized.connect(self._on_window_resized)
        for dock in panels:  # a panel shown later (the results) needs its width too
            dock.visibilityChanged.connect(self._on_panel_visibility_changed)
        # Whatever the results show (a long word in bold, an indent), they must fit whole.
        results.horizontalScrollBar().rangeChanged.connect(self._on_results_range_changed)

    def start(self) -> None:
        """Follow the window from now on, starting with its size now."""
        self._active = True
        self.update()

    def panels_below(self) -> bool:
        """True while the side panels are below the text."""
        return self._below

    def reader_width_needed(self) -> float:
        """Width the reading pane needs so that no word is split or cut."""
        key = (self._reader.document().defaultFont().toString(), self._reader.parts_revision())
        if key not in self._cache:
            self._cache = {key: needed_text_width(self._reader)}
        return self._cache[key] + READER_EXTRA_PX

    def panel_width_needed(self) -> float:
        """Width a side panel needs so that its longest word (in bold) fits whole."""
        font = QFont(self._results.font())
        font.setBold(True)
        key = (font.toString(), self._reader.parts_revision())
        if key not in self._cache:
            words = set(self._reader.toPlainText().split())
            self._cache[key] = longest_word_width(words, font)
        return max(MIN_PANEL_PX, self._cache[key] + PANEL_EXTRA_PX)

    def update(self) -> None:
        """Put the panels beside the text if both fit the window, else below it."""
        if not self._active:
            return
        frame = 2 * dock_separator_extent(self._window) + 8
        panel = self.panel_width_needed()
        overflow = self._results.horizontalScrollBar().maximum()
        if overflow > 0 and self._results.isVisible():
            panel = max(panel, self._results.width() + overflow)
        fits = self._window.width() >= self.reader_width_needed() + panel + frame
        if fits == self._below:  # they are on the wrong side of the text: move them
            from PySide6.QtCore import Qt

            if fits:
                self._place(Qt.DockWidgetArea.LeftDockWidgetArea, Qt.Orientation.Vertical)
            else:
                self._place(Qt.DockWidgetArea.BottomDockWidgetArea, Qt.Orientation.Horizontal)
            self._below = not fits
        if not self._below:
            # Whole pixels: a panel a fraction too narrow would be widened again at every event.
            width = math.ceil(panel)
            narrow = [dock for dock in self._panels if not dock.isHidden() and dock.width() < width]
            if narrow:
                from PySide6.QtCore import Qt

                self._window.resizeDocks(narrow, [width] * len(narrow), Qt.Orientation.Horizontal)

    def _place(self, area: Qt.DockWidgetArea, orientation: Qt.Orientation) -> None:
        from PySide6.QtCore import Qt

        first, *others = self._panels
        below = area == Qt.DockWidgetArea.BottomDockWidgetArea
        for dock in self._panels:  # below the text the panels must not make the window taller
            if dock.widget() is not None:
                dock.widget().setMinimumHeight(
                    PANEL_MIN_HEIGHT_BELOW_PX if below else PANEL_MIN_HEIGHT_PX
                )
        hidden = [dock.isHidden() for dock in self._panels]
        self._window.addDockWidget(area, first)
        for dock in others:
            self._window.splitDockWidget(first, dock, orientation)
        for dock, was_hidden in zip(self._panels, hidden, strict=True):
            dock.setHidden(was_hidden)
        if below:
            # The text keeps most of the height; the panels share the width.
            half = self._window.width() // len(self._panels)
            self._window.resizeDocks(
                self._panels, [half] * len(self._panels), Qt.Orientation.Horizontal
            )
            self._window.resizeDocks(
                [first], [max(120, self._window.height() // 4)], Qt.Orientation.Vertical
            )

    def _on_panel_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.update()

    def _on_results_range_changed(self, _low: int, high: int) -> None:
        if high > 0 and not self._busy:
            self._busy = True
            try:
                self.update()
            finally:
                self._busy = False

    def _on_window_resized(self) -> None:
        """Reflow when the window changes size."""
        if self._active:
            self.update()
