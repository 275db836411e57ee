"""Lay a printed copy out on pages, check the result, and paint any one page.

Qt GUI only, no widgets: the same code lays out and paints the print preview, the printer and
the PDF, with or without a display. The copy is set in pieces (one text document per group of
sections) so that no position ever leaves the range Qt's text layout can hold, whatever the
leaflet's length; the pieces' lines are then put on pages by one pass of dynamic programming
that keeps headings with their text, leaves no paragraph's first or last line alone, keeps
"About this copy" with the contact box, and fills pages evenly. Text is re-flowed at the chosen
size (never scaled). ``layout_problems`` checks that every line is on exactly one page and that
nothing overlaps, before anything is printed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
    QTextLine,
    QTextListFormat,
)

from kyphoreader.core.clinic import ClinicDetails
from kyphoreader.core.document import PRINT_CSS, PrintPart, print_parts
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.glossary.terms import Glossary
from kyphoreader.printing.options import MARGIN_MM, PrintOptions, chosen_sections
from kyphoreader.reading.typography import (
    LOGICAL_DPI,
    load_reading_typeface,
    reading_font,
    set_text,
)

#: Body line height on paper, in percent (RNIB: 1.5 to 2 times the word spacing).
PRINT_LINE_SPACING = 150
#: Line height inside the contact box, in percent.
BOX_LINE_SPACING = 130
#: Resolution of page coordinates: every page is measured and painted in these pixels, so a
#: printer, the preview and the PDF break pages in exactly the same places.
LAYOUT_DPI = 1200
#: Highest position a piece's layout may reach. Qt's text layout loses positions past 2**23
#: pixels (blocks beyond it report y = 0); pieces stay at half of that.
MAX_LAYOUT_Y = 2.0**22
#: Lower resolutions a piece is laid out at when it is too long for LAYOUT_DPI.
_FALLBACK_DPIS = (300, 72, 18)
#: A piece holds sections up to about this many characters of HTML.
CHUNK_CHARS = 20_000
#: A non-last page less full than this is "near-empty" (issue 13).
MIN_FILL = 0.4
#: Lines that must stay together at each side of a page break inside a paragraph.
MIN_LINES_AT_BREAK = 2

# What a page break costs. Anything the guidance forbids costs so much that it happens only
# when nothing else is possible (a heading longer than a page, a box larger than a page).
_INSIDE_PARAGRAPH = 2.0
_INSIDE_TABLE = 1.0
_UNDERFULL = 1e5
_TITLE_ALONE = 5e5  # page 1 holds only the title block: only when nothing else fits
_SPLIT_GROUP = 1e5  # "About this copy" not kept with the contact box
_WIDOW = 1e6  # a paragraph's first or last line alone; a heading away from its text
_SPLIT_BOX = 1e7  # the contact box or a heading across two pages
_OVERFULL = 1e9  # one line taller than a page
_PER_PAGE = 1.0
_FILL_WEIGHT = 10.0
_EPSILON = 0.5  # page units: positions are kept in 1/64 pixel steps


class PrintError(Exception):
    """Printing or exporting failed; the message says what to do."""


class LayoutCheckError(PrintError):
    """The laid-out copy would not hold every line of the leaflet exactly once."""


def page_layout(paper: str) -> QPageLayout:
    """Portrait A4 or Letter with the large-print margins (one inch) on every side."""
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def today_text(day: dt.date | None = None) -> str:
    """A date as printed on the last page, e.g. "23 November 2026" (default: today)."""
    day = day or dt.date.today()
    return f"{day.day} {day:%B %Y}"


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "area", "wbr", "source"})


def split_html(html: str, budget: int) -> list[str]:
    """Cut an HTML fragment between top-level elements into pieces of about ``budget`` chars.

    Unbalanced HTML is cut only where it is balanced, or not at all.
    """
    if len(html) <= budget:
        return [html]
    pieces, start, depth = [], 0, 0
    for match in _TAG.finditer(html):
        closing, tag, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if tag in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth == 0 and closing and match.end() - start >= budget:
            pieces.append(html[start : match.end()])
            start = match.end()
    if html[start:].strip():
        pieces.append(html[start:])
    return pieces


@dataclass
class Piece:
    """One text document of the copy, laid out at ``dpi`` (``scale`` page units per pixel)."""

    role: str
    document: QTextDocument
    dpi: int
    scale: float
    device: QPdfWriter
    buffer: QBuffer
    offset: float = 0.0  # page units from the top of the flow to this piece's y = 0


@dataclass(eq=False)
class PlacedLine:
    """One line of text, where it is in its piece and in the flow of the copy."""

    piece: int
    block: QTextBlock
    line: QTextLine
    number: int  # line number in its block
    origin: QPointF  # the block's top-left in its piece
    top: float  # in the flow, page units
    bottom: float
    left: float  # page units from the body's left edge
    right: float


@dataclass(eq=False)
class Unit:
    """What a page break cannot cut: a line, or a row of lines side by side (a table row)."""

    lines: list[PlacedLine]
    top: float
    bottom: float
    penalty: float = 0.0  # the cost of a page break just before this unit
    role: str = "body"


@dataclass
class Page:
    """The units on one page and where the page starts in the flow."""

    first: int  # index of its first unit
    end: int  # index after its last unit
    top: float  # flow position at the top of the page body
    body_top: float  # page units from the top of the paint rectangle to the body
    body_height: float


@dataclass
class _Furniture:
    header: QTextLayout | None
    rule_y: float
    body_top_first: float
    body_top: float
    body_bottom: float
    footer_top: float
    line: float
    rule_width: float
    fonts: dict[str, QFont] = field(default_factory=dict)


class PagedLeaflet:
    """A copy of the leaflet laid out on pages at one print size and paper.

    Args:
        leaflet: the leaflet.
        options: print size, paper and sections.
        printed_on: the date printed on the last page (default: today).
        clinic: the clinic's contact details for the contact box (None: no clinic file).
        today: the date the next-review date is judged by (default: today).
        glossary: the leaflet's glossary: the copy ends with "Words explained" for the terms
            of its sections (None: no such section).
    """

    def __init__(
        self,
        leaflet: Leaflet,
        options: PrintOptions,
        printed_on: str | None = None,
        clinic: ClinicDetails | None = None,
        today: dt.date | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        load_reading_typeface()
        self.title = leaflet.title
        self.source_name = leaflet.source_name or leaflet.title
        self.options = options
        self._devices: dict[int, tuple[QPdfWriter, QBuffer]] = {}
        device = self._device(LAYOUT_DPI)
        page = device.pageLayout().paintRectPixels(LAYOUT_DPI)
        self.page_rect = QRectF(0, 0, page.width(), page.height())
        self.body_width = float(page.width())
        self.font = QFont(reading_font(options.point_size), device)
        self._furniture = self._make_furniture(device)
        sections = (
            None if not options.section_ids else chosen_sections(leaflet, options.section_ids)
        )
        parts = print_parts(
            leaflet, sections, printed_on or today_text(today), clinic, today, glossary
        )
        self.pieces: list[Piece] = [self._lay_out(role, html) for role, html in _group(parts)]
        self.lines: list[PlacedLine] = []
        self.units: list[Unit] = []
        self._last_block_heading = False
        self._last_role = "body"
        self._build_flow()
        self.pages: list[Page] = self._paginate()

    # -- pieces ------------------------------------------------------------------------------

    def _device(self, dpi: int) -> QPdfWriter:
        if dpi not in self._devices:
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            writer = QPdfWriter(buffer)
            # WORKAROUND: QAbstractTextDocumentLayout.setPaintDevice hands the device over to
            # C++ for good (PySide 6.11), so nothing freed it: every copy laid out, printed or
            # previewed kept its writer. As the buffer's child it goes with the buffer.
            writer.setParent(buffer)
            writer.setPageLayout(page_layout(self.options.paper))
            writer.setResolution(dpi)
            self._devices[dpi] = (writer, buffer)
        return self._devices[dpi][0]

    def _lay_out(self, role: str, html: str) -> Piece:
        """Lay ``html`` out at the highest resolution that keeps it inside Qt's range."""
        estimate = self._estimated_height(html)
        dpis = [LAYOUT_DPI, *_FALLBACK_DPIS]
        start = next(
            (i for i, dpi in enumerate(dpis) if estimate * dpi / LAYOUT_DPI < MAX_LAYOUT_Y / 2),
            len(dpis) - 1,
        )
        piece = None
        for dpi in dpis[start:]:
            piece = self._lay_out_at(role, html, dpi)
            if not _layout_overflows(piece):
                return piece
        assert piece is not None
        return piece  # still too long: layout_problems reports it, nothing is printed

    def _estimated_height(self, html: str) -> float:
        """A generous guess of the height of ``html`` at LAYOUT_DPI, from its length."""
        em = self.font.pointSizeF() * LAYOUT_DPI / 72
        per_line = max(1.0, self.body_width / (em * 0.3))
        return (len(html) / per_line + html.count("<")) * em * 1.2 * PRINT_LINE_SPACING / 100

    def _lay_out_at(self, role: str, html: str, dpi: int) -> Piece:
        device = self._device(dpi)
        document = QTextDocument()
        document.setUseDesignMetrics(True)  # the same line breaks at every resolution
        document.documentLayout().setPaintDevice(device)
        document.setDocumentMargin(0)
        document.setDefaultStyleSheet(PRINT_CSS)
        document.setHtml(html)
        set_text(document, self.options.point_size, PRINT_LINE_SPACING, device)
        _remove_underlines(document)
        # List items are indented by about two letters, whatever the size (Qt takes the
        # indent in 96-dpi pixels, but left and right margins in device pixels).
        document.setIndentWidth(self.options.point_size * LOGICAL_DPI / 72 * 1.6)
        if role == "contact":
            self._style_contact_box(document, dpi)
        document.setTextWidth(self.body_width * dpi / LAYOUT_DPI)
        document.documentLayout().documentSize()  # lay out every block now
        writer, buffer = self._devices[dpi]
        return Piece(role, document, dpi, LAYOUT_DPI / dpi, writer, buffer)

    def _style_contact_box(self, document: QTextDocument, dpi: int) -> None:
        """Inset the box's text from its border and set its lines a little closer together.

        The box must fit on one page even at 36 pt on Letter paper, so its lines are 130 %
        apart rather than the body's 150 %.
        """
        padding = self._box_padding() * dpi / LAYOUT_DPI
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            fmt = QTextBlockFormat()
            fmt.setLeftMargin(padding)
            fmt.setRightMargin(padding)
            fmt.setLineHeight(
                BOX_LINE_SPACING, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
            fmt.setBottomMargin(block.blockFormat().bottomMargin() / 3)
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(fmt)
            block = block.next()

    def _box_padding(self) -> float:
        return self._furniture.line * 0.35

    # -- furniture ---------------------------------------------------------------------------

    def _make_furniture(self, device: QPdfWriter) -> _Furniture:
        """Running title (pages after the first), rule, body area and page-number line."""
        bold = QFont(self.font)
        bold.setBold(True)
        line = QFontMetricsF(self.font, device).lineSpacing()
        width = self.body_width
        header = None
        rule_y = 0.0
        body_top = 0.0
        if self.title.strip():
            # The title is printed once on page 1 (as its heading); later pages carry it as a
            # running title, shortened with "…" if it does not fit on one line.
            metrics = QFontMetricsF(bold, device)
            text = metrics.elidedText(
                " ".join(self.title.split()), Qt.TextElideMode.ElideRight, width
            )
            header = _one_line(text, bold, device, width)
            rule_y = header.boundingRect().height() + line * 0.2
            body_top = rule_y + line * 0.5
        footer_top = self.page_rect.height() - line
        return _Furniture(
            header=header,
            rule_y=rule_y,
            body_top_first=0.0,
            body_top=body_top,
            body_bottom=footer_top - line * 0.4,
            footer_top=footer_top,
            line=line,
            rule_width=max(1.0, LAYOUT_DPI / 72),
            fonts={"body": self.font, "bold": bold},
        )

    # -- the flow of lines -------------------------------------------------------------------

    def _build_flow(self) -> None:
        """Place every line of every piece one after another in one flow (page units)."""
        flow_end: float | None = None
        previous_format: QTextBlockFormat | None = None
        previous_trailing = 0.0
        for index, piece in enumerate(self.pieces):
            scale = piece.scale
            layout = piece.document.documentLayout()
            first_block = _first_visible(piece.document)
            if flow_end is None or first_block is None:
                piece.offset = 0.0 if flow_end is None else flow_end
            else:
                # Qt collapses the margins between two blocks to the larger one; pieces are
                # separate documents, so the gap between them is added here the same way.
                top_margin = first_block.blockFormat().topMargin()
                bottom_margin = previous_format.bottomMargin() if previous_format else 0.0
                gap = max(top_margin, bottom_margin) * LAYOUT_DPI / LOGICAL_DPI
                first_top = layout.blockBoundingRect(first_block).top() * scale
                piece.offset = flow_end + previous_trailing + gap - first_top
            has_frames = bool(piece.document.rootFrame().childFrames())
            frame_lines: list[PlacedLine] = []
            current_frame = None
            block = piece.document.begin()
            while block.isValid():
                if not block.isVisible():
                    block = block.next()
                    continue
                frame = piece.document.frameAt(block.position()) if has_frames else None
                if frame is not None and frame == piece.document.rootFrame():
                    frame = None
                outer = _outermost_frame(frame, piece.document) if frame is not None else None
                if outer is not current_frame and frame_lines:
                    self._add_frame_units(frame_lines, piece.role)
                    frame_lines = []
                current_frame = outer
                placed = self._place_block(index, piece, block)
                if outer is not None:
                    frame_lines.extend(placed)
                else:
                    self._add_block_units(placed, block, piece.role)
                if placed:
                    flow_end = max(flow_end or 0.0, placed[-1].bottom)
                    previous_format = block.blockFormat()
                    previous_trailing = _trailing_space(block, placed[-1].line) * scale
                block = block.next()
            if frame_lines:
                self._add_frame_units(frame_lines, piece.role)
                previous_format = None
                previous_trailing = 0.0
        if self.units and self.units[-1].role == "contact":
            self._pad_contact_box()

    def _place_block(self, index: int, piece: Piece, block: QTextBlock) -> list[PlacedLine]:
        layout = block.layout()
        # Qt moves the block's rectangle to the layout's position in the document: its top-left
        # is where the block's lines are drawn from, inside frames (table cells) too.
        origin = piece.document.documentLayout().blockBoundingRect(block).topLeft()
        placed = []
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            top = origin.y() + line.y()
            left = (origin.x() + line.x()) * piece.scale
            placed.append(
                PlacedLine(
                    piece=index,
                    block=block,
                    line=line,
                    number=number,
                    origin=origin,
                    top=piece.offset + top * piece.scale,
                    bottom=piece.offset + (top + line.height()) * piece.scale,
                    left=left,
                    right=left + line.naturalTextWidth() * piece.scale,
                )
            )
        self.lines.extend(placed)
        return placed

    def _add_block_units(self, placed: list[PlacedLine], block: QTextBlock, role: str) -> None:
        count = len(placed)
        heading = block.blockFormat().headingLevel() > 0
        for number, line in enumerate(placed):
            if number == 0:
                penalty = self._penalty_between_blocks(role, heading)
            elif heading:
                penalty = _SPLIT_BOX
            elif role == "contact":
                penalty = _SPLIT_BOX
            elif number < MIN_LINES_AT_BREAK or count - number < MIN_LINES_AT_BREAK:
                penalty = _WIDOW
            elif role == "colophon":
                penalty = _SPLIT_GROUP
            else:
                penalty = _INSIDE_PARAGRAPH
            unit = Unit([line], line.top, line.bottom, penalty, role)
            self.units.append(unit)
        self._last_block_heading = heading
        self._last_role = role

    def _penalty_between_blocks(self, role: str, heading: bool) -> float:
        """The cost of a page break before a block, given the block before it."""
        if not self.units:
            return 0.0
        after_heading = self._last_block_heading
        previous_role = self._last_role
        if role == "contact":
            return _SPLIT_BOX if previous_role == "contact" else _SPLIT_GROUP
        if after_heading:
            return _WIDOW  # a heading (or the title) never ends a page
        if previous_role == "title" and role != "title":
            return _TITLE_ALONE  # the title block does not stand alone on page 1
        if role == "colophon" and previous_role == "colophon":
            return _SPLIT_GROUP
        return 0.0

    def _add_frame_units(self, lines: list[PlacedLine], role: str) -> None:
        """Lines side by side (table cells) become one unit per band of rows."""
        lines.sort(key=lambda item: item.top)
        first = True
        current: Unit | None = None
        for line in lines:
            if current is not None and line.top < current.bottom - _EPSILON:
                current.lines.append(line)
                current.bottom = max(current.bottom, line.bottom)
                continue
            penalty = self._penalty_between_blocks(role, False) if first else _INSIDE_TABLE
            current = Unit([line], line.top, line.bottom, penalty, role)
            self.units.append(current)
            first = False
        self._last_block_heading = False
        self._last_role = role

    def _pad_contact_box(self) -> None:
        """Make room for the border above and below the contact box."""
        box = [unit for unit in self.units if unit.role == "contact"]
        padding = self._box_padding()
        box[0].top -= padding
        box[-1].bottom += padding

    # -- pagination --------------------------------------------------------------------------

    def _paginate(self) -> list[Page]:
        """Choose page breaks by dynamic programming over the breaks between units.

        The cost of a page grows with its empty space; breaks that leave a heading, a lone
        line or a split contact box cost far more. Each break looks at most one page ahead,
        so the time grows in step with the leaflet.
        """
        units = self.units
        count = len(units)
        furniture = self._furniture
        first_height = furniture.body_bottom - furniture.body_top_first
        height = furniture.body_bottom - furniture.body_top
        if count == 0:
            return [Page(0, 0, 0.0, furniture.body_top_first, first_height)]
        tops = [unit.top for unit in units]
        bottoms = [unit.bottom for unit in units]
        penalties = [unit.penalty for unit in units]
        best = [math.inf] * (count + 1)
        came_from = [0] * (count + 1)
        best[0] = 0.0
        for start in range(count):
            so_far = best[start]
            if so_far == math.inf:
                continue
            capacity = first_height if start == 0 else height
            page_top = tops[start]
            bottom = -math.inf
            for end in range(start + 1, count + 1):
                bottom = max(bottom, bottoms[end - 1])
                used = bottom - page_top
                if used > capacity + _EPSILON:
                    if end > start + 1:
                        break
                    cost = _OVERFULL
                elif end == count:
                    cost = 0.0
                else:
                    fill = used / capacity
                    cost = _FILL_WEIGHT * (1.0 - fill) ** 2
                    if fill < MIN_FILL:
                        cost += _UNDERFULL
                total = so_far + cost + _PER_PAGE + (penalties[end] if end < count else 0.0)
                if total < best[end]:
                    best[end] = total
                    came_from[end] = start
        breaks = []
        end = count
        while end > 0:
            breaks.append(end)
            end = came_from[end]
        breaks.reverse()
        pages = []
        start = 0
        for end in breaks:
            first = start == 0
            pages.append(
                Page(
                    first=start,
                    end=end,
                    top=tops[start],
                    body_top=furniture.body_top_first if first else furniture.body_top,
                    body_height=first_height if first else height,
                )
            )
            start = end
        return pages

    # -- results -----------------------------------------------------------------------------

    def page_count(self) -> int:
        """The number of pages."""
        return len(self.pages)

    def page_fill(self, index: int) -> float:
        """How full the body of page ``index`` is, from 0 to 1."""
        page = self.pages[index]
        if page.end <= page.first:
            return 0.0
        bottom = max(unit.bottom for unit in self.units[page.first : page.end])
        return (bottom - page.top) / page.body_height

    def check(self) -> None:
        """Raise LayoutCheckError naming the leaflet if the copy is not complete and clean."""
        problems = layout_problems(self)
        if problems:
            raise LayoutCheckError(
                f"{self.source_name}: the printed copy would be incomplete or unreadable "
                f"({problems[0]}); nothing was printed"
            )

    # -- painting ----------------------------------------------------------------------------

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint page ``index`` (from 0): running title, text, contact box and page number.

        Painted in page units (LAYOUT_DPI pixels, origin at the top-left of the area inside the
        margins). The same function paints the PDF, the printer and the preview; ``paint_on``
        scales it to any device.
        """
        furniture = self._furniture
        page = self.pages[index]
        painter.save()
        painter.setPen(QPen(QColor("#000000")))
        if index > 0 and furniture.header is not None:
            furniture.header.draw(painter, QPointF(0, 0))
            painter.fillRect(
                QRectF(0, furniture.rule_y, self.body_width, furniture.rule_width),
                QColor("#000000"),
            )
        footer = _one_line(
            f"Page {index + 1} of {self.page_count()}",
            furniture.fonts["body"],
            self._layout_device(),
            self.body_width,
        )
        footer_width = footer.lineAt(0).naturalTextWidth()
        footer.draw(painter, QPointF(self.body_width - footer_width, furniture.footer_top))
        box_top = box_bottom = None
        for unit in self.units[page.first : page.end]:
            if unit.role == "contact":
                box_top = unit.top if box_top is None else box_top
                box_bottom = unit.bottom
            for placed in unit.lines:
                self._draw_line(painter, page, placed)
        if box_top is not None and box_bottom is not None:
            pen = QPen(QColor("#000000"))
            pen.setWidthF(furniture.rule_width * 1.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = pen.widthF() / 2
            painter.drawRect(
                QRectF(
                    half,
                    page.body_top + box_top - page.top + half,
                    self.body_width - 2 * half,
                    box_bottom - box_top - 2 * half,
                )
            )
        painter.restore()

    def _layout_device(self) -> QPdfWriter:
        return self._devices[LAYOUT_DPI][0]

    def _draw_line(self, painter: QPainter, page: Page, placed: PlacedLine) -> None:
        piece = self.pieces[placed.piece]
        painter.save()
        painter.translate(0, page.body_top + piece.offset - page.top)
        painter.scale(piece.scale, piece.scale)
        placed.line.draw(painter, placed.origin)
        if placed.number == 0 and placed.block.textList() is not None:
            self._draw_list_marker(painter, piece, placed)
        painter.restore()

    def _draw_list_marker(self, painter: QPainter, piece: Piece, placed: PlacedLine) -> None:
        """A list item's bullet (a solid disc, clear at large sizes) or its number."""
        block = placed.block
        text_list = block.textList()
        font = QFont(block.charFormat().font().resolve(piece.document.defaultFont()), piece.device)
        metrics = QFontMetricsF(font, piece.device)
        line = placed.line
        text_x = placed.origin.x() + line.x()
        baseline = placed.origin.y() + line.y() + line.ascent()
        style = text_list.format().style()
        if style.value <= QTextListFormat.Style.ListDisc.value and style.value >= (
            QTextListFormat.Style.ListSquare.value
        ):
            diameter = metrics.xHeight() * 0.7
            centre = QPointF(
                text_x - metrics.horizontalAdvance("  ") - diameter / 2,
                baseline - metrics.xHeight() / 2,
            )
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#000000"))
            painter.drawEllipse(centre, diameter / 2, diameter / 2)
            painter.restore()
            return
        marker = text_list.itemText(block)
        layout = _one_line(marker, font, piece.device, 1e6)
        width = layout.lineAt(0).naturalTextWidth() + metrics.horizontalAdvance(" ")
        layout.draw(painter, QPointF(text_x - width, baseline - layout.lineAt(0).ascent()))

    def paint_on(self, painter: QPainter, device, index: int) -> None:
        """Paint page ``index`` on ``device`` (a printer, a PDF writer or the preview's)."""
        scale = device.logicalDpiY() / LAYOUT_DPI
        painter.save()
        painter.scale(scale, scale)
        self.paint_page(painter, index)
        painter.restore()

    def paint(self, painter: QPainter, device) -> None:
        """Paint every page on ``device`` (which ``painter`` is open on), one after another."""
        for index in range(self.page_count()):
            if index:
                device.newPage()
            self.paint_on(painter, device, index)


def _group(parts: list[PrintPart]) -> list[tuple[str, str]]:
    """Pieces of at most about CHUNK_CHARS: sections together, each other part on its own."""
    groups: list[tuple[str, str]] = []
    for part in parts:
        role = "body" if part.kind in ("references", "glossary") else part.kind
        for html in split_html(part.html, CHUNK_CHARS):
            if not html.strip():
                continue
            if (
                groups
                and role == "body"
                and groups[-1][0] == "body"
                and len(groups[-1][1]) + len(html) <= CHUNK_CHARS
            ):
                groups[-1] = ("body", groups[-1][1] + "\n" + html)
            else:
                groups.append((role, html))
    return groups


def _one_line(text: str, font: QFont, device, width: float) -> QTextLayout:
    """``text`` laid out as one line for ``device`` (the running title, the page number)."""
    layout = QTextLayout(text, font, device)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(width)
    line.setPosition(QPointF(0, 0))
    layout.endLayout()
    return layout


def _remove_underlines(document: QTextDocument) -> None:
    """No underlines on paper, and black ink whatever colours the screen uses.

    Large-print guidance forbids underlines, and a link cannot be followed on paper. Text with
    no colour of its own would otherwise take the screen theme's in the print preview (yellow
    in High contrast), so every character is given black explicitly.
    """
    cursor = QTextCursor(document)
    cursor.select(QTextCursor.SelectionType.Document)
    fmt = QTextCharFormat()
    fmt.setFontUnderline(False)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
    fmt.setForeground(QBrush(QColor("#000000")))
    cursor.mergeCharFormat(fmt)


def _first_visible(document: QTextDocument) -> QTextBlock | None:
    block = document.begin()
    while block.isValid() and (not block.isVisible() or block.layout().lineCount() == 0):
        block = block.next()
    return block if block.isValid() else None


def _outermost_frame(frame, document: QTextDocument):
    root = document.rootFrame()
    while frame.parentFrame() is not None and frame.parentFrame() != root:
        frame = frame.parentFrame()
    return frame


def _trailing_space(block: QTextBlock, line: QTextLine) -> float:
    """The space Qt leaves under a block's last line (line height above 100 %), in pixels."""
    fmt = block.blockFormat()
    if fmt.lineHeightType() != QTextBlockFormat.LineHeightTypes.ProportionalHeight.value:
        return 0.0
    raw = math.ceil(line.ascent() + line.descent() + line.leading())
    return max(0.0, raw * fmt.lineHeight() / 100 - line.height())


def _layout_overflows(piece: Piece) -> bool:
    """True if a piece's layout left Qt's range (positions lost, or past MAX_LAYOUT_Y)."""
    layout = piece.document.documentLayout()
    if layout.documentSize().height() >= MAX_LAYOUT_Y:
        return True
    previous = -1.0
    block = piece.document.begin()
    root = piece.document.rootFrame()
    has_frames = bool(root.childFrames())
    while block.isValid():
        if block.isVisible() and block.layout().lineCount():
            if has_frames and piece.document.frameAt(block.position()) != root:
                block = block.next()
                continue
            top = layout.blockBoundingRect(block).top()
            if not math.isfinite(top) or top < previous:
                return True
            previous = top
        block = block.next()
    return False


def layout_problems(paged: PagedLeaflet) -> list[str]:
    """Everything wrong with a laid-out copy, in plain words (empty when it can be printed).

    Checks that every line of every block is on exactly one page, inside the page's body,
    that no two lines on a page overlap, and that no piece left Qt's layout range. Used
    before printing, saving a PDF and showing the preview.
    """
    problems: list[str] = []
    for piece in paged.pieces:
        if _layout_overflows(piece):
            problems.append("the text is too long for one part of the page layout")
            break
    expected = 0
    for piece in paged.pieces:
        block = piece.document.begin()
        while block.isValid():
            if block.isVisible():
                expected += block.layout().lineCount()
            block = block.next()
    seen: set[int] = set()
    placed_count = 0
    for index, page in enumerate(paged.pages):
        if page.end <= page.first and paged.units:
            problems.append(f"page {index + 1} is empty")
        page_lines = [line for unit in paged.units[page.first : page.end] for line in unit.lines]
        for line in page_lines:
            placed_count += 1
            seen.add(id(line))
            y_top = line.top - page.top
            y_bottom = line.bottom - page.top
            if y_top < -1 - paged._box_padding() or y_bottom > page.body_height + 1:
                problems.append(f"a line on page {index + 1} does not fit inside the page")
                break
            if line.left < -1 or line.right > paged.body_width + 1:
                problems.append(f"a line on page {index + 1} runs past the margin")
                break
        overlap = _first_overlap(page_lines)
        if overlap:
            problems.append(f"text overlaps on page {index + 1}")
    if placed_count != expected or len(seen) != placed_count or placed_count != len(paged.lines):
        problems.append(f"{placed_count} of the copy's {expected} lines are placed on pages")
    return problems


def _first_overlap(lines: list[PlacedLine]) -> bool:
    """True if two lines on one page share any area (lines side by side in a table do not)."""
    active: list[PlacedLine] = []
    for line in sorted(lines, key=lambda item: item.top):
        active = [other for other in active if other.bottom > line.top + _EPSILON]
        for other in active:
            if line.left < other.right - _EPSILON and other.left < line.right - _EPSILON:
                if line.right > line.left and other.right > other.left:
                    return True
        active.append(line)
    return False
