"""The reading pane: shows a leaflet in a centred, re-flowing column and follows its sections."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

# Qt's namespace is imported where it is used: making its enums costs about 15 ms, and this
# module is on the way to the first paint of the text (issue #16).
from PySide6.QtCore import QPoint, QRectF, Signal, Slot
from PySide6.QtGui import QColor, QFontMetricsF, QTextCursor, QTextOption
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from kyphoreader.core.document import LEAFLET_CSS, TITLE_ANCHOR
from kyphoreader.reading import typography
from kyphoreader.reading.accessfactory import (
    DOCUMENT_PROPERTY,
    LateRegistration,
    adopt_reader_interface,
    install_reader_accessibility,
)
from kyphoreader.reading.viewportsize import viewport_size

if TYPE_CHECKING:  # each Qt class costs time the first time it is named (issue #16)
    from PySide6.QtCore import QRect, QUrl
    from PySide6.QtGui import (
        QFont,
        QKeyEvent,
        QPaintEvent,
        QResizeEvent,
        QTextBlock,
        QTextCharFormat,
        QWheelEvent,
    )

    from kyphoreader.core.leaflet import Leaflet, Section

#: Default body text size in points (large-print guidance: at least 14 pt on screen).
DEFAULT_POINT_SIZE = 16.0
#: Characters per line the text column aims at (clear-print guidance: 60 to 70).
COLUMN_CHARACTERS = 66
#: Line height of body text, as a percentage of the font's line spacing (WCAG 1.4.8: >= 1.5).
BODY_LINE_HEIGHT = 150
#: Smallest gap kept between the text column and the window edge, in pixels.
MIN_SIDE_MARGIN = 16
#: Highlight layers, drawn in this order: a later layer's colours win where two overlap. The
#: sentence read aloud lies under the search marks, so matches stay visible inside it.
LAYER_ORDER = ("glossary", "readaloud", "search", "current_match", "readaloud_word", "focus")
#: Typical English letters, to estimate the width of an average character.
_SAMPLE_TEXT = "the quick brown fox jumps over the lazy dog, Kyphoplasty 1234 ETAOIN"
_KEEP = QTextCursor.MoveMode.KeepAnchor
#: Width of the text caret in pixels: a thin caret is lost at large sizes and on a magnifier.
CARET_WIDTH = 3
#: Qt.TextInteractionFlag.TextBrowserInteraction | TextSelectableByKeyboard (links by mouse and
#: keyboard, text selectable by both), as a number: the flags' type would make Qt's whole
#: namespace of enums (about 15 ms) before the first paint, where nothing else needs it.
_INTERACTION = 0x1 | 0x2 | 0x4 | 0x8
#: Width of the ring drawn round the current search match and a link with the keyboard focus,
#: and the gap between the ring and the text (WCAG 2.4.13: at least a 2 px perimeter).
RING_WIDTH = 3
RING_GAP = 2


def reading_font(point_size: float = DEFAULT_POINT_SIZE) -> QFont:
    """Return the reading font at ``point_size`` (the default body size if not given)."""
    return typography.reading_font(point_size)


class TextPart(NamedTuple):
    """A heading or a link of the shown document, as the accessibility tree lists it.

    A named tuple rather than a dataclass: it is made before the first paint, where making a
    dataclass costs more than the whole tuple (issue #16).

    Attributes:
        kind: "heading" or "link".
        start: document position where it starts.
        end: document position where it ends.
        text: its words.
        level: the heading level (1 for the title); 0 for a link.
        target: the anchor a link goes to; '' for a heading.
    """

    kind: str
    start: int
    end: int
    text: str
    level: int = 0
    target: str = ""


def _parts_of_block(block: QTextBlock) -> list[TextPart]:
    """The heading a paragraph is, and the links in it (a link in two fragments is one)."""
    parts: list[TextPart] = []
    level = block.blockFormat().headingLevel()
    text = block.text().strip()
    if level > 0 and text:
        start = block.position()
        parts.append(TextPart("heading", start, start + len(block.text()), text, level))
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        char_format = fragment.charFormat()
        href = char_format.anchorHref() if char_format.isAnchor() else ""
        if href.startswith("#"):
            start, end = fragment.position(), fragment.position() + fragment.length()
            text, target = fragment.text(), href[1:]
            last = parts[-1] if parts else None
            if last and last.kind == "link" and (last.target, last.end) == (target, start):
                start, text = last.start, last.text + text  # one link in two fragments
                parts.pop()
            parts.append(TextPart("link", start, end, text, target=target))
        iterator += 1
    return parts


class ReaderView(QTextBrowser):
    """Shows one leaflet. Knows where each section starts and which one is in view.

    Features mark text through named highlight layers (``set_layer``), never through
    ``setExtraSelections`` directly, so search, read aloud and the glossary do not wipe each
    other's marks.

    Signals:
        current_section_changed(str): the id of the section at the top of the view changed.
        link_activated(str): the reader followed a link to an anchor of the leaflet.
        zoom_requested(int): Ctrl+wheel asked for bigger (+1) or smaller (-1) text.
    """

    current_section_changed = Signal(str)
    #: The text was drawn (after every paint; the window builds the rest after the first).
    painted = Signal()
    link_activated = Signal(str)
    zoom_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, interface_after_show: bool = False) -> None:
        """Make the pane; with ``interface_after_show``, register its accessible interface late.

        Qt then learns of it only when ``adopt_interface`` is called (a start painting its text
        first: issue #16), unless accessibility is on before the window is shown.
        """
        super().__init__(parent)
        self._interface = LateRegistration(
            interface_after_show, install_reader_accessibility, adopt_reader_interface
        )
        self.setObjectName("reader")
        self.setProperty(DOCUMENT_PROPERTY, True)  # its own accessible interface
        self.setAccessibleName("Leaflet text")
        self.setAccessibleDescription(
            "The text of the leaflet. The arrow keys, Page Up and Page Down move the reading "
            "position; Ctrl+L goes to the next link and Enter follows it."
        )
        # A caret the keyboard moves, so screen readers and magnifiers follow the reading
        # position; Tab leaves the text (links are reached with the caret or Ctrl+L).
        self.setProperty("textInteractionFlags", _INTERACTION)
        self.setTabChangesFocus(True)
        self.setCursorWidth(CARET_WIDTH)
        # Lines break between words only, never inside one (clear-print guidance).
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        # Links are handled here: citations jump inside the leaflet, nothing is ever fetched.
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.cursorPositionChanged.connect(self._on_cursor_position_changed)
        self._parts: list[TextPart] | None = None
        self._parts_revision = 0
        self._sized = False  # until the first resize there is no column to centre (issue #16)
        self._painted = False  # until then the viewport is not asked for (viewportsize.py)
        self._column_widths: dict[float, float] = {}
        self._rings: dict[str, QColor] = {}
        self._link_colour = ""
        self._focused_link: TextPart | None = None
        self._section_ids: list[str] = []
        self._anchor_blocks: dict[str, int] = {}
        self._section_ranges: dict[str, tuple[int, int]] = {}
        self._section_texts: dict[tuple[str, bool], tuple[int, str]] = {}
        self._sections: dict[str, Section] = {}
        self._front_text = ""
        self._current_section = ""
        self._point_size = DEFAULT_POINT_SIZE
        self._line_spacing = BODY_LINE_HEIGHT
        self._layers: dict[str, list[tuple[int, int]]] = {}
        # Each layer's selections, built when that layer changes, not when another one does.
        self._layer_selections: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._raw_text = ""
        self._layer_formats: dict[str, QTextCharFormat] = {}
        self.document().setDefaultStyleSheet(LEAFLET_CSS)
        self.document().setDefaultFont(reading_font(self._point_size))
        self.document().contentsChange.connect(self._on_document_contents_change)
        # Nobody edits the leaflet: re-colouring its links on every theme change must not
        # pile up undo steps for as long as the reader runs.
        self.document().setUndoRedoEnabled(False)

    def adopt_interface(self) -> None:
        """Give assistive technology the pane's own interface, if not given when made."""
        self._interface.adopt(self)

    # -- showing a leaflet -------------------------------------------------------------------

    def show_leaflet(self, leaflet: Leaflet) -> None:
        """Replace the shown text with ``leaflet``, scrolled to its start."""
        from kyphoreader.core.document import leaflet_document_html

        self.show_html(leaflet_document_html(leaflet))
        self.take_leaflet(leaflet)

    def show_html(self, html: str) -> None:
        """Show a leaflet's HTML, scrolled to its start, before its sections are known.

        The first paint shows the copy kept from the last start this way (issue #16); the
        leaflet itself follows with ``take_leaflet``.
        """
        document = self.document()
        document.setDefaultFont(reading_font(self._point_size))
        document.setDefaultStyleSheet(LEAFLET_CSS)
        self.setHtml(html)
        self._section_ids = []
        self._sections = {}
        self._front_text = ""
        self._anchor_blocks = self._find_anchor_blocks()
        self._section_ranges = {}
        self._section_texts = {}
        self._layers.clear()
        self._layer_selections.clear()
        self._raw_text = ""
        self._parts = None
        self._parts_revision += 1
        # New HTML takes its links' colour from the palette, which the theme sets: looking at
        # every link (and making Qt's char format classes) is needed only if they differ.
        if self._link_colour and self._link_colour != self._palette_link_colour():
            self._colour_links(self._link_colour)
        self._redraw_layers()
        self._apply_block_spacing()
        self._update_column()
        self._current_section = ""
        self.place_caret(0)
        self.verticalScrollBar().setValue(0)
        self._on_scrolled()

    def take_section_ids(self, section_ids: list[str]) -> None:
        """Know the sections' order before the leaflet itself (a start from the kept copy).

        Enough to tell the section in view and to step between sections; ``take_leaflet``
        brings the rest once the leaflet is loaded.
        """
        self._section_ids = list(section_ids)
        self._section_ranges = self._compute_section_ranges()
        self._on_scrolled()

    def take_leaflet(self, leaflet: Leaflet) -> None:
        """Learn the sections of ``leaflet``, whose HTML is shown; the text does not move."""
        from kyphoreader.core.document import front_matter_text

        self._section_ids = leaflet.section_ids
        self._sections = {section.id: section for section in leaflet.walk()}
        self._front_text = front_matter_text(leaflet)
        self._section_ranges = self._compute_section_ranges()
        self._add_front_matter(leaflet)
        self._section_texts = {}
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

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        """Ctrl+wheel asks for bigger or smaller text instead of Qt's own zoom."""
        from PySide6.QtCore import Qt

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
        width = self._column_widths.get(self._point_size)
        if width is None:  # measured once per size: every resize asks
            metrics = QFontMetricsF(reading_font(self._point_size))
            width = metrics.horizontalAdvance(_SAMPLE_TEXT) / len(_SAMPLE_TEXT) * COLUMN_CHARACTERS
            self._column_widths[self._point_size] = width
        return width

    def _update_column(self) -> None:
        """Centre the column, and leave room for the last heading to reach the top.

        Not before the view's first resize (before it is first shown): that resize centres
        it, and the text is not laid out for a size it never has.
        """
        if not self._sized:
            return
        self._set_column(*viewport_size(self))

    def _set_column(self, width: int, height: int) -> None:
        """Centre the column in a view ``width`` by ``height`` pixels (see _update_column)."""
        side = max(MIN_SIDE_MARGIN, (width - self.column_width()) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        needed = max(MIN_SIDE_MARGIN, height - 2 * MIN_SIDE_MARGIN)
        bottom = fmt.bottomMargin()
        # A little more room than needed is harmless, and every change lays the whole text out
        # again: the room is kept unless too small or a quarter of the view too big (so the
        # toolbars arriving under a shown text cost no second layout; issue #16).
        if bottom < needed or bottom > needed + height / 4:
            bottom = needed
        if (fmt.leftMargin(), fmt.rightMargin(), fmt.bottomMargin()) == (side, side, bottom):
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(MIN_SIDE_MARGIN)
        fmt.setBottomMargin(bottom)
        root.setFrameFormat(fmt)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Home and End go to the start and end of the leaflet; Enter follows a link.

        The caret goes with them, so a screen reader reads from the new place.
        """
        from PySide6.QtCore import Qt

        key = event.key()
        extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and not extend:
            at_end = key == Qt.Key.Key_End
            self.place_caret(self.document().characterCount() - 1 if at_end else 0)
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum() if at_end else bar.minimum())
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.link_at_caret() is not None:
            self.follow_link(self.link_at_caret().target)  # type: ignore[union-attr]
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Keep the text column centred and the same text at the top when the window resizes."""
        if not self._sized:
            # Shown for the first time: the column is set for the view's coming size first,
            # so Qt lays the text out once for it rather than twice (issue #16). The room
            # below the text gives every text a vertical scroll bar; were the guess wrong,
            # the column is set again below.
            inside = self.contentsRect()  # the new size, inside the frame
            bar = self.verticalScrollBar().sizeHint().width()
            self._set_column(inside.width() - bar, inside.height())
        self._sized = True
        position = self.top_position()
        super().resizeEvent(event)
        self._update_column()
        self.scroll_to_position(position)

    # -- positions and sections --------------------------------------------------------------

    def top_position(self) -> int:
        """Return the document position of the text at the top-left of the view."""
        # Qt finishes laying the text out lazily; until it has, a hit test below the part laid
        # out lands on the end of the document. Asking for the size finishes the layout.
        self.document().documentLayout().documentSize()
        return self.cursorForPosition(QPoint(int(self._column_left()) + 1, 1)).position()

    def _column_left(self) -> float:
        return self.document().rootFrame().frameFormat().leftMargin()

    def scroll_to_position(self, position: int) -> None:
        """Scroll so that the line holding document ``position`` is at the top of the view."""
        block = self.document().findBlock(position)
        if not block.isValid():
            return
        top = self._block_top(block)
        if position > block.position():  # a block's first line is at its top (issue #16:
            line = block.layout().lineForTextPosition(position - block.position())
            if line.isValid():  # the text's start needs no line classes before the paint)
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

    def go_to(self, section_id: str) -> bool:
        """Put the heading of ``section_id`` (or another anchor) at the top of the view.

        Another anchor is, for example, a reference that a citation links to.

        Args:
            section_id: the section's id, or another anchor of the document.

        Returns:
            False if the document has no such anchor.
        """
        top = self.section_top(section_id)
        if top is None:
            return False
        number = self._anchor_blocks[section_id]
        self.place_caret(self.document().findBlockByNumber(number).position())
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

    # -- sections as text ------------------------------------------------------------------

    def _compute_section_ranges(self) -> dict[str, tuple[int, int]]:
        document = self.document()
        starts = [
            (section_id, document.findBlockByNumber(self._anchor_blocks[section_id]).position())
            for section_id in self._section_ids
            if section_id in self._anchor_blocks
        ]
        if not starts:  # a text without the sections' anchors (a copy that is not this leaflet)
            return {}
        ends = [start for _id, start in starts[1:]] + [document.characterCount()]
        pairs = zip(starts, ends, strict=True)
        return {section_id: (start, end) for (section_id, start), end in pairs}

    def _add_front_matter(self, leaflet: Leaflet) -> None:
        """Let search show its hits in the title, summary and disclaimer.

        See ``core.document.searchable_leaflet``. The front matter is not a section one steps
        to: it only gets a range, where ``find_all_in_section`` looks for search hits.
        (``document_span`` keeps answering None for it: read aloud maps its own title-block
        text, which starts with the title.)
        """
        number = self._anchor_blocks.get(TITLE_ANCHOR)
        if number is None or leaflet.section(TITLE_ANCHOR) is not None:
            return
        start = self.document().findBlockByNumber(number).position()
        starts = [begin for begin, _end in self._section_ranges.values()]
        end = min(starts, default=self.document().characterCount())
        self._section_ranges[TITLE_ANCHOR] = (start, end)

    def section_range(self, section_id: str) -> tuple[int, int] | None:
        """Return the document positions where a section starts and the next one begins."""
        return self._section_ranges.get(section_id)

    def _section_text(self, section_id: str, heading: bool) -> tuple[int, str] | None:
        """The rendered text of a section's heading or body, and where it starts."""
        key = (section_id, heading)
        if key in self._section_texts:
            return self._section_texts[key]
        found = self._section_ranges.get(section_id)
        number = self._anchor_blocks.get(section_id)
        if found is None or number is None:
            return None
        heading_block = self.document().findBlockByNumber(number)
        if heading:
            start, end = heading_block.position(), heading_block.position() + heading_block.length()
        else:
            start, end = heading_block.position() + heading_block.length(), found[1]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(max(start, min(end, self.document().characterCount() - 1)), _KEEP)
        value = (start, cursor.selectedText())
        self._section_texts[key] = value
        return value

    def _title_block_text(self) -> tuple[int, str]:
        """The rendered title block (everything before the first section), from position 0."""
        first = self._section_ranges.get(self._section_ids[0]) if self._section_ids else None
        end = first[0] if first else self.document().characterCount() - 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, end), _KEEP)
        return 0, cursor.selectedText()

    def document_span(
        self, section_id: str, start: int, end: int, heading: bool = False
    ) -> tuple[int, int] | None:
        """Map a span of a section's plain text (``Section.text``) to document positions.

        Args:
            section_id: the section, or ``TITLE_ANCHOR`` for the title block above the first
                section (its plain text is ``core.document.front_matter_text``).
            start: where the span starts in the section's plain text.
            end: where it ends.
            heading: the span is in the section's heading instead of its text.

        Returns:
            (start, end) positions in the shown document, or None where the text is not shown.
        """
        if section_id == TITLE_ANCHOR:
            rendered, source = self._title_block_text(), self._front_text
        else:
            section = self._sections.get(section_id)
            rendered = self._section_text(section_id, heading)
            if section is None or rendered is None:
                return None
            source = section.heading if heading else section.text
        offset, text = rendered
        from kyphoreader.core.text import map_span  # only features map spans: after the paint

        mapped = map_span(source, text, start, end)
        if mapped is None:
            return None
        return offset + mapped[0], offset + mapped[1]

    def find_in_section(
        self, section_id: str, text: str, occurrence: int
    ) -> tuple[int, int] | None:
        """Document positions of the ``occurrence``-th (from 0) exact ``text`` in a section."""
        return self.find_all_in_section([(section_id, text, occurrence)])[0]

    def find_all_in_section(
        self, wanted: list[tuple[str, str, int]]
    ) -> list[tuple[int, int] | None]:
        """Find many (section_id, text, occurrence) at once; None where one is not shown.

        Occurrences of the same text in the same section share one forward walk through the
        section, so a search with many matches stays fast.
        """
        spans: list[tuple[int, int] | None] = [None] * len(wanted)
        groups: dict[tuple[str, str], dict[int, list[int]]] = {}
        for index, (section_id, text, occurrence) in enumerate(wanted):
            if text and section_id in self._section_ranges:
                by_occurrence = groups.setdefault((section_id, text), {})
                by_occurrence.setdefault(occurrence, []).append(index)
        # The document's raw text has one character per document position, so a plain string
        # search finds the same places as QTextDocument.find, many times faster.
        if not self._raw_text:
            # As QTextDocument.find does, a no-break space matches a space.
            self._raw_text = self.document().toRawText().replace("\u00a0", " ")
        raw = self._raw_text
        for (section_id, text), by_occurrence in groups.items():
            position, end = self._section_ranges[section_id]
            for occurrence in range(max(by_occurrence) + 1):
                found = raw.find(text, position, end)
                if found < 0:
                    break
                for index in by_occurrence.get(occurrence, ()):
                    spans[index] = (found, found + len(text))
                position = found + 1
        return spans

    # -- highlight layers ------------------------------------------------------------------

    def set_layer_format(self, name: str, text_format: QTextCharFormat) -> None:
        """How layer ``name`` marks its text (colours, underline); redraws it."""
        from PySide6.QtGui import QTextCharFormat

        self._layer_formats[name] = QTextCharFormat(text_format)
        self._layer_selections.pop(name, None)
        self._redraw_layers()

    def set_layer(self, name: str, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Mark ``spans`` (document positions) in layer ``name``, replacing what it marked.

        Layers are drawn in ``LAYER_ORDER``, so a feature never wipes another's marks.
        If ``current`` is a valid index, that span is brought into view.
        """
        if name not in LAYER_ORDER:
            raise ValueError(f"unknown highlight layer {name!r}")
        self._layers[name] = [span for span in spans if span[1] > span[0]]
        self._layer_selections.pop(name, None)
        self._redraw_layers()
        if 0 <= current < len(spans):
            self.ensure_visible(spans[current][0], spans[current][1])

    def clear_layer(self, name: str) -> None:
        """Remove every mark of layer ``name``."""
        if self._layers.pop(name, None) is not None:
            self._layer_selections.pop(name, None)
            self._redraw_layers()

    def layer(self, name: str) -> list[tuple[int, int]]:
        """The spans layer ``name`` marks now."""
        return list(self._layers.get(name, []))

    def clear_layers(self) -> None:
        """Remove every highlight of every layer."""
        self._layers.clear()
        self._layer_selections.clear()
        self._redraw_layers()

    def _redraw_layers(self) -> None:
        selections = []
        for name in LAYER_ORDER:
            if name not in self._layer_selections:
                self._layer_selections[name] = self._selections_of(name)
            selections.extend(self._layer_selections[name])
        self.setExtraSelections(selections)
        self._repaint_view()  # the rings reach outside the marked text

    def _selections_of(self, name: str) -> list[QTextEdit.ExtraSelection]:
        text_format = self._layer_formats.get(name)
        if text_format is None:
            return []
        document = self.document()
        selections = []
        for start, end in self._layers.get(name, ()):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, _KEEP)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = text_format  # type: ignore[attr-defined]
            selections.append(selection)
        return selections

    def select_span(self, start: int, end: int) -> None:
        """Put the text cursor on a span (selected), as a caret a screen reader can follow."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, _KEEP)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        """Deselect, leaving the caret where it is."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def ensure_visible(self, start: int, end: int | None = None) -> None:
        """Scroll text near or past the edge of the view to a third of the way down it."""
        line = self.fontMetrics().lineSpacing()
        height = self.viewport().height()
        first = QTextCursor(self.document())
        first.setPosition(start)
        last = QTextCursor(self.document())
        last.setPosition(start if end is None else end)
        top = self.cursorRect(first).top()
        bottom = self.cursorRect(last).bottom()
        if top >= line and bottom <= height - 2 * line:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - height // 3)

    def is_span_visible(self, start: int, end: int) -> bool:
        """True when the whole of the text between ``start`` and ``end`` is inside the view."""
        height = self.viewport().height()
        for position in (start, end):
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            rect = self.cursorRect(cursor)
            if rect.top() < 0 or rect.bottom() > height:
                return False
        return True

    @Slot(int, int, int)
    def _on_document_contents_change(self, _position: int, removed: int, added: int) -> None:
        if removed or added:  # text changed, not only its formats: positions moved
            self._raw_text = ""

    # -- links -------------------------------------------------------------------------------

    @Slot("QUrl")  # by name: the class is made when a link is first followed (issue #16)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        # Only links inside the leaflet are followed: the reader never opens a network link.
        if url.hasFragment() and not url.path() and not url.scheme():
            self.link_activated.emit(url.fragment())

    # -- the caret, links and headings (what a screen reader follows) -------------------------

    def place_caret(self, position: int) -> None:
        """Put the text caret at ``position`` (no selection); screen readers hear it move."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)

    def parts_revision(self) -> int:
        """A number that changes whenever the headings and links of the text may have."""
        return self._parts_revision

    def text_parts(self) -> list[TextPart]:
        """Every heading (with its level) and link (with its target) in reading order."""
        if self._parts is None:
            self._parts = self._find_parts()
        return list(self._parts)

    def _find_parts(self) -> list[TextPart]:
        parts: list[TextPart] = []
        block = self.document().begin()
        while block.isValid():
            parts.extend(_parts_of_block(block))
            block = block.next()
        return parts

    def links(self) -> list[TextPart]:
        """The links of the text, in reading order."""
        return [part for part in self.text_parts() if part.kind == "link"]

    def link_at_caret(self) -> TextPart | None:
        """The link the caret is on (or that is selected), else None.

        Only the caret's paragraph is looked at (a link never spans two): the caret moves at
        every key press, and is placed before the text's first paint (issue #16).
        """
        cursor = self.textCursor()
        position = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        for part in _parts_of_block(self.document().findBlock(position)):
            if part.kind == "link" and part.start <= position < part.end:
                return part
        return None

    def link_target_text(self, target: str) -> str:
        """Where a link goes, in words ("Goes to: [2] Riew KD, …")."""
        number = self._anchor_blocks.get(target)
        if number is None:
            return ""
        words = self.document().findBlockByNumber(number).text().strip()
        if len(words) > 80:
            words = words[:79].rsplit(" ", 1)[0] + "…"
        return f"Goes to: {words}"

    def follow_link(self, target: str) -> None:
        """Follow a link to ``target`` (an anchor of the leaflet), as a click would."""
        self.link_activated.emit(target)

    def focus_span(self, start: int, end: int) -> None:
        """Select a span with the caret at its start, bring it into view, take the keyboard."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(end)
        cursor.setPosition(start, _KEEP)
        self.setTextCursor(cursor)
        self.ensure_visible(start, end)
        from PySide6.QtCore import Qt

        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._on_cursor_position_changed()

    def go_to_link(self, step: int) -> bool:
        """Put the caret on the next (``step`` 1) or previous (-1) link; False if there is none."""
        links = self.links()
        cursor = self.textCursor()
        here = self.link_at_caret()
        position = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        if step > 0:
            after = here.end if here else position
            chosen = next((link for link in links if link.start >= after), None)
        else:
            before = here.start if here else position
            chosen = next((link for link in reversed(links) if link.end <= before), None)
        if chosen is None:
            return False
        self.focus_span(chosen.start, chosen.end)
        return True

    def set_link_colour(self, colour: str) -> None:
        """Colour every link of the text (the theme's link colour), now and after a new leaflet."""
        self._link_colour = colour
        self._colour_links(colour)

    def link_colours(self) -> set[str]:
        """The colours the links of the text are drawn in now."""
        colours = set()
        for link in self.links():
            cursor = QTextCursor(self.document())
            cursor.setPosition(link.start + 1)
            colours.add(cursor.charFormat().foreground().color().name())
        return colours

    def _palette_link_colour(self) -> str:
        from PySide6.QtGui import QGuiApplication, QPalette

        return QGuiApplication.palette().color(QPalette.ColorRole.Link).name()

    def _colour_links(self, colour: str) -> None:
        if self.link_colours() <= {colour}:
            # Already so: the palette colours links as the text is read. (A brush would also
            # make Qt's whole namespace of enums, about 15 ms, before the first paint.)
            return
        from PySide6.QtGui import QBrush, QTextCharFormat

        text_format = QTextCharFormat()
        text_format.setForeground(QBrush(QColor(colour)))
        cursor = QTextCursor(self.document())
        for link in self.links():
            cursor.setPosition(link.start)
            cursor.setPosition(link.end, _KEEP)
            cursor.mergeCharFormat(text_format)

    def set_layer_ring(self, name: str, colour: str) -> None:
        """Draw a ring of ``colour`` round every span of layer ``name`` ('' for none).

        The ring (RING_WIDTH thick, RING_GAP from the text) marks the current search match and
        the link with the keyboard focus by shape as well as by colour.
        """
        if colour:
            self._rings[name] = QColor(colour)
        else:
            self._rings.pop(name, None)
        self._repaint_view()

    def _repaint_view(self) -> None:
        """Repaint the whole viewport; before the first paint, which draws it all, nothing.

        (Asking PySide for the viewport that early would make it build every widget class:
        reading/viewportsize.py.)
        """
        if self._painted:
            self.viewport().update()

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """The rectangles (one per line, viewport coordinates) that hold a span of text."""
        document = self.document()
        layout = document.documentLayout()
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        rects: list[QRectF] = []
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            origin = layout.blockBoundingRect(block).topLeft()
            lines = block.layout()
            base = block.position()
            for index in range(lines.lineCount()):
                line = lines.lineAt(index)
                first = base + line.textStart()
                last = first + line.textLength()
                left, right = max(start, first), min(end, last)
                if left >= right:
                    continue
                x1 = line.cursorToX(left - base)[0]
                x2 = line.cursorToX(right - base)[0]
                top = origin.y() + line.y() + line.leading()
                height = line.ascent() + line.descent()
                rects.append(QRectF(origin.x() + min(x1, x2) + dx, top + dy, abs(x2 - x1), height))
            block = block.next()
        return rects

    def part_viewport_rect(self, start: int, end: int) -> QRect:
        """The rectangle round a span of text, in viewport coordinates."""
        rect = QRectF()
        for each in self.span_rects(start, end):
            rect = rect.united(each)
        if rect.isNull():
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            return self.cursorRect(cursor)
        return rect.toAlignedRect()

    def ring_rects(self, name: str) -> list[QRectF]:
        """Where the ring of layer ``name`` is drawn (outer edge), viewport coordinates."""
        if name not in self._rings:
            return []
        grow = RING_GAP + RING_WIDTH
        rects = []
        for start, end in self._layers.get(name, ()):
            for rect in self.span_rects(start, end):
                rects.append(rect.adjusted(-grow, -grow, grow, grow))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Draw the text, then the rings round the current match and the focused link."""
        super().paintEvent(event)
        self._painted = True
        self.painted.emit()
        if not any(self._layers.get(name) for name in self._rings):
            return  # nothing to ring (the usual case): no painter, no Qt enums
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPainter, QPen

        painter = QPainter(self.viewport())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH / 2
        for name in LAYER_ORDER:
            colour = self._rings.get(name)
            if colour is None:
                continue
            painter.setPen(QPen(colour, RING_WIDTH, Qt.PenStyle.SolidLine))
            for rect in self.ring_rects(name):
                painter.drawRect(rect.adjusted(half, half, -half, -half))
        painter.end()

    def focusInEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt's name)
        """Show the ring on a link the caret is on."""
        super().focusInEvent(event)
        self._on_cursor_position_changed()

    def focusOutEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt's name)
        """Without the keyboard, no link has the focus."""
        super().focusOutEvent(event)
        self._on_cursor_position_changed()

    @Slot()
    def _on_cursor_position_changed(self) -> None:
        link = self.link_at_caret() if self.hasFocus() else None
        if link is None:
            self.clear_layer("focus")
            self._focused_link = None
            return
        if self.layer("focus") != [(link.start, link.end)]:
            self.set_layer("focus", [(link.start, link.end)])
        if self._focused_link != link:
            self._focused_link = link
            self._announce_focused_link()

    def _announce_focused_link(self) -> None:
        """Tell assistive technology that a link now has the focus (as Tab in a page does)."""
        from PySide6.QtGui import QAccessible, QAccessibleEvent

        if not QAccessible.isActive():
            return
        reader = QAccessible.queryAccessibleInterface(self)
        child = reader.focusChild() if reader is not None else None
        if child is not None:
            QAccessible.updateAccessibility(QAccessibleEvent(child, QAccessible.Event.Focus))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt's names)
        """Tab leaves the text, as in any other control, instead of stepping through its links.

        QTextBrowser makes every link a Tab stop (eleven citations before the next control);
        links are reached with the caret, Ctrl+L and Ctrl+Shift+L instead.
        """
        return QWidget.focusNextPrevChild(self, next)
