"""The reading pane: shows a leaflet in a centred, re-flowing column and follows its sections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractSlider, QTextBrowser, QTextEdit, QWidget

from kyphoreader.core.document import LEAFLET_CSS, leaflet_document_html
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.reading import typography

if TYPE_CHECKING:
    from kyphoreader.search.index import Hit  # only for type hints: search loads on first use

#: Default body text size in points (large-print guidance: at least 14 pt on screen).
DEFAULT_POINT_SIZE = 16.0
#: Characters per line the text column aims at (clear-print guidance: 60 to 70).
COLUMN_CHARACTERS = 66
#: Line height of body text, as a percentage of the font's line spacing (WCAG 1.4.8: >= 1.5).
BODY_LINE_HEIGHT = 150
#: Smallest gap kept between the text column and the window edge, in pixels.
MIN_SIDE_MARGIN = 16
#: Typical English letters, to estimate the width of an average character.
#: Search highlights until a theme sets its own: every match, and the current match.
HIT_BACKGROUND = "#7a4100"
HIT_FOREGROUND = "#ffffff"
CURRENT_HIT_BACKGROUND = "#0b3d91"
CURRENT_HIT_FOREGROUND = "#ffffff"
_SAMPLE_TEXT = "the quick brown fox jumps over the lazy dog, Kyphoplasty 1234 ETAOIN"


def reading_font(point_size: float = DEFAULT_POINT_SIZE) -> QFont:
    """Return the reading font at ``point_size`` (the default body size if not given)."""
    return typography.reading_font(point_size)


class ReaderView(QTextBrowser):
    """Shows one leaflet. Knows where each section starts and which one is in view.

    Signals:
        current_section_changed(str): the id of the section at the top of the view changed.
        history_changed(bool): whether there is somewhere to go back to.
        zoom_requested(int): Ctrl+wheel asked for bigger (+1) or smaller (-1) text.
    """

    current_section_changed = Signal(str)
    history_changed = Signal(bool)
    zoom_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setAccessibleName("Leaflet text")
        self.setAccessibleDescription("The text of the leaflet. Use the arrow keys to scroll.")
        # Links are handled here: citations jump inside the leaflet, nothing is ever fetched.
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._section_ids: list[str] = []
        self._anchor_blocks: dict[str, int] = {}
        self._section_ranges: dict[str, tuple[int, int]] = {}
        self._history: list[int] = []
        self._current_section = ""
        self._point_size = DEFAULT_POINT_SIZE
        self._line_spacing = BODY_LINE_HEIGHT
        self._hit_colours = (HIT_FOREGROUND, HIT_BACKGROUND)
        self._current_hit_colours = (CURRENT_HIT_FOREGROUND, CURRENT_HIT_BACKGROUND)
        self.document().setDefaultStyleSheet(LEAFLET_CSS)
        self.document().setDefaultFont(reading_font(self._point_size))

    # -- showing a leaflet -------------------------------------------------------------------

    def show_leaflet(self, leaflet: Leaflet) -> None:
        """Replace the shown text with ``leaflet``, scrolled to its start."""
        document = self.document()
        document.setDefaultFont(reading_font(self._point_size))
        document.setDefaultStyleSheet(LEAFLET_CSS)
        self.setHtml(leaflet_document_html(leaflet))
        self._section_ids = leaflet.section_ids
        self._anchor_blocks = self._find_anchor_blocks()
        self._section_ranges = self._compute_section_ranges()
        self._history.clear()
        self.history_changed.emit(False)
        self._apply_block_spacing()
        self._update_column()
        self._current_section = ""
        self.verticalScrollBar().setValue(0)
        self._on_scrolled()

    def _find_anchor_blocks(self) -> dict[str, int]:
        """Map every anchor name in the document to the number of the block that holds it."""
        anchors: dict[str, int] = {}
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                for name in iterator.fragment().charFormat().anchorNames():
                    anchors.setdefault(name, block.blockNumber())
                iterator += 1
            block = block.next()
        return anchors

    def _apply_block_spacing(self) -> None:
        """Set line spacing, paragraph gaps and headings for the current size."""
        typography.set_text(self.document(), self._point_size, self._line_spacing)

    # -- size, spacing and colours -----------------------------------------------------------

    def point_size(self) -> float:
        """The body text size in points."""
        return self._point_size

    def line_spacing(self) -> int:
        """The body line height, as a percentage of the font's line spacing."""
        return self._line_spacing

    def set_text_appearance(self, point_size: float, line_spacing: int) -> None:
        """Re-flow the text at a new size and line spacing, keeping the same text at the top."""
        if (point_size, line_spacing) == (self._point_size, self._line_spacing):
            return
        position = self.top_position()
        self._point_size = point_size
        self._line_spacing = line_spacing
        self._apply_block_spacing()
        self._update_column()
        self.scroll_to_position(position)
        self._on_scrolled()

    def set_highlight_colours(self, hit: tuple[str, str], current: tuple[str, str]) -> None:
        """Colours (text, background) of search matches and of the current match."""
        self._hit_colours = hit
        self._current_hit_colours = current

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        """Ctrl+wheel asks for bigger or smaller text instead of Qt's own zoom."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = event.angleDelta().y()
            if step:
                self.zoom_requested.emit(1 if step > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # -- the centred text column -------------------------------------------------------------

    def column_width(self) -> float:
        """Width in pixels of a text column holding about COLUMN_CHARACTERS characters."""
        metrics = QFontMetricsF(reading_font(self._point_size))
        return metrics.horizontalAdvance(_SAMPLE_TEXT) / len(_SAMPLE_TEXT) * COLUMN_CHARACTERS

    def _update_column(self) -> None:
        """Centre the column, and leave room for the last heading to reach the top."""
        viewport = self.viewport()
        side = max(MIN_SIDE_MARGIN, (viewport.width() - self.column_width()) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        bottom = max(MIN_SIDE_MARGIN, viewport.height() - 2 * MIN_SIDE_MARGIN)
        if (fmt.leftMargin(), fmt.rightMargin(), fmt.bottomMargin()) == (side, side, bottom):
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(MIN_SIDE_MARGIN)
        fmt.setBottomMargin(bottom)
        root.setFrameFormat(fmt)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Home and End go to the start and end of the leaflet, as in other readers."""
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
        elif event.key() == Qt.Key.Key_End:
            bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Keep the text column centred and the same text at the top when the window resizes."""
        position = self.top_position()
        super().resizeEvent(event)
        self._update_column()
        self.scroll_to_position(position)

    # -- positions and sections --------------------------------------------------------------

    def top_position(self) -> int:
        """Return the document position of the text at the top-left of the view."""
        return self.cursorForPosition(QPoint(int(self._column_left()) + 1, 1)).position()

    def _column_left(self) -> float:
        return self.document().rootFrame().frameFormat().leftMargin()

    def scroll_to_position(self, position: int) -> None:
        """Scroll so that the line holding document ``position`` is at the top of the view."""
        block = self.document().findBlock(position)
        if not block.isValid():
            return
        top = self._block_top(block)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position())
        if line.isValid():
            top += line.y()
        self.verticalScrollBar().setValue(round(top))

    def _block_top(self, block: QTextBlock) -> float:
        return self.document().documentLayout().blockBoundingRect(block).top()

    def section_top(self, section_id: str) -> float | None:
        """Return the y of a section's heading in document coordinates, or None if unknown."""
        number = self._anchor_blocks.get(section_id)
        if number is None:
            return None
        return self._block_top(self.document().findBlockByNumber(number))

    def go_to(self, section_id: str, remember: bool = True) -> bool:
        """Put the heading of ``section_id`` (or another anchor) at the top of the view.

        Another anchor is, for example, a reference that a citation links to.

        Args:
            section_id: the section's id, or another anchor of the document.
            remember: keep the current place so that Back returns to it.

        Returns:
            False if the document has no such anchor.
        """
        top = self.section_top(section_id)
        if top is None:
            return False
        if remember:
            self._remember_place()
        self.verticalScrollBar().setValue(round(top))
        self._on_scrolled()
        return True

    def section_at_top(self) -> str:
        """Return the id of the section whose heading is at or above the top of the view."""
        if not self._section_ids:
            return ""
        view_top = self.verticalScrollBar().value() + 2
        current = self._section_ids[0]
        for section_id in self._section_ids:
            top = self.section_top(section_id)
            if top is None or top > view_top:
                break
            current = section_id
        return current

    def current_section(self) -> str:
        """The id of the section in view, as last announced by ``current_section_changed``."""
        return self._current_section

    def adjacent_section(self, step: int) -> str:
        """Return the id of the section ``step`` places from the current one, or ''."""
        if not self._section_ids:
            return ""
        current = self.section_at_top()
        index = self._section_ids.index(current) + step
        view_top = self.verticalScrollBar().value()
        current_top = self.section_top(current) or 0.0
        if step < 0 and current_top < view_top - 2:
            index += 1  # part-way through a section, "previous" first goes to its start
        if 0 <= index < len(self._section_ids):
            return self._section_ids[index]
        return ""

    @Slot()
    def _on_scrolled(self) -> None:
        section = self.section_at_top()
        if section != self._current_section:
            self._current_section = section
            self.current_section_changed.emit(section)

    # -- search matches ----------------------------------------------------------------------

    def _compute_section_ranges(self) -> dict[str, tuple[int, int]]:
        document = self.document()
        starts = [
            (section_id, document.findBlockByNumber(self._anchor_blocks[section_id]).position())
            for section_id in self._section_ids
            if section_id in self._anchor_blocks
        ]
        ends = [start for _id, start in starts[1:]] + [document.characterCount()]
        pairs = zip(starts, ends, strict=True)
        return {section_id: (start, end) for (section_id, start), end in pairs}

    def section_range(self, section_id: str) -> tuple[int, int] | None:
        """Return the document positions where a section starts and the next one begins."""
        return self._section_ranges.get(section_id)

    def cursor_for_hit(self, hit: Hit) -> QTextCursor | None:
        """Select the exact occurrence a search hit names, or return None if it is not shown."""
        return self.cursors_for_hits([hit])[0]

    def cursors_for_hits(self, hits: list[Hit]) -> list[QTextCursor | None]:
        """Select the exact occurrence each hit names (None where it is not shown).

        Hits of the same text in the same section share one forward walk through the section,
        so a search with many matches stays fast.
        """
        cursors: list[QTextCursor | None] = [None] * len(hits)
        wanted: dict[tuple[str, str], dict[int, list[int]]] = {}
        for index, hit in enumerate(hits):
            if hit.match_text and hit.section_id in self._section_ranges:
                by_occurrence = wanted.setdefault((hit.section_id, hit.match_text), {})
                by_occurrence.setdefault(hit.occurrence, []).append(index)
        flags = QTextDocument.FindFlag.FindCaseSensitively
        document = self.document()
        for (section_id, text), by_occurrence in wanted.items():
            position, end = self._section_ranges[section_id]
            for occurrence in range(max(by_occurrence) + 1):
                found = document.find(text, position, flags)
                if found.isNull() or found.selectionEnd() > end:
                    break
                for index in by_occurrence.get(occurrence, ()):
                    cursors[index] = found
                position = found.selectionStart() + 1
        return cursors

    def show_search_hits(self, cursors: list[QTextCursor | None], current: int) -> None:
        """Highlight every match, mark match ``current`` distinctly and bring it into view."""
        selections = []
        for index, cursor in enumerate(cursors):
            if cursor is None or index == current:
                continue
            selections.append(_highlight(cursor, *self._hit_colours))
        chosen = cursors[current] if 0 <= current < len(cursors) else None
        if chosen is not None:
            selections.append(_highlight(chosen, *self._current_hit_colours, underline=True))
        self.setExtraSelections(selections)
        if chosen is not None:
            self.setTextCursor(chosen)
            self._bring_into_view(chosen)

    def clear_search_hits(self) -> None:
        """Remove every search highlight and the selection."""
        self.setExtraSelections([])
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def _bring_into_view(self, cursor: QTextCursor) -> None:
        """Scroll a match near or past the edge of the view to a third of the way down it."""
        line = self.fontMetrics().lineSpacing()
        height = self.viewport().height()
        start = QTextCursor(cursor)
        start.setPosition(cursor.selectionStart())
        top = self.cursorRect(start).top()
        bottom = self.cursorRect(cursor).bottom()
        if top >= line and bottom <= height - 2 * line:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - height // 3)

    def is_cursor_visible(self, cursor: QTextCursor) -> bool:
        """True when the whole of ``cursor``'s text is inside the view."""
        start = QTextCursor(cursor)
        start.setPosition(cursor.selectionStart())
        end = QTextCursor(cursor)
        end.setPosition(cursor.selectionEnd())
        height = self.viewport().height()
        return all(
            0 <= self.cursorRect(c).top() and self.cursorRect(c).bottom() <= height
            for c in (start, end)
        )

    # -- links and going back ----------------------------------------------------------------

    def _remember_place(self) -> None:
        self._history.append(self.top_position())
        self.history_changed.emit(True)

    def can_go_back(self) -> bool:
        """True when a link or a contents jump left a place to return to."""
        return bool(self._history)

    @Slot()
    def go_back(self) -> None:
        """Return to the place the reader was before the last jump."""
        if not self._history:
            return
        self.scroll_to_position(self._history.pop())
        self.history_changed.emit(bool(self._history))
        self._on_scrolled()

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        # Only links inside the leaflet are followed: the reader never opens a network link.
        if url.hasFragment() and not url.path() and not url.scheme():
            self.go_to(url.fragment())


def _highlight(
    cursor: QTextCursor, foreground: str, background: str, underline: bool = False
) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor  # type: ignore[attr-defined]
    text_format = selection.format  # type: ignore[attr-defined]
    text_format.setBackground(QBrush(QColor(background)))
    text_format.setForeground(QBrush(QColor(foreground)))
    if underline:  # the current match differs by more than colour
        text_format.setFontUnderline(True)
    return selection
