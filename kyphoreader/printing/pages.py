"""Lay the leaflet out on pages in large print, and paint it to a PDF file or a printer.

Qt GUI and print support only, no widgets or dialogs: the same code paints the print
preview, the printer and the PDF, with or without a display. Text is re-flowed at the chosen
size (never scaled); every page has the title at the top and "Page n of N" at the bottom at
the body size; no heading is left at the foot of a page, and a paragraph's first or last line
is not left alone at the foot or head of a page.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLayout,
)
from PySide6.QtPrintSupport import QPrinter

from kyphoreader import APP_NAME
from kyphoreader.core.document import COLOPHON_ANCHOR, PRINT_CSS, print_document_html
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.printing.options import MARGIN_MM, PrintOptions, chosen_sections
from kyphoreader.reading.typography import load_reading_typeface, reading_font, set_text

#: Body line height on paper, in percent (RNIB: 1.5 to 2 times the word spacing).
PRINT_LINE_SPACING = 150
#: Resolution pages are laid out at, whatever they are painted on, so that a printer, the
#: preview and the PDF break pages in exactly the same places (text stays vector in a PDF).
LAYOUT_DPI = 1200
#: A paragraph of at most this many lines moves whole rather than leave one line alone.
MAX_LINES_TO_MOVE = 8
_MAX_PASSES = 200


class PrintError(Exception):
    """Printing or exporting failed; the message says what to do."""


def page_layout(paper: str) -> QPageLayout:
    """Portrait A4 or Letter with the large-print margins on every side."""
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def today_text() -> str:
    """Today's date as printed on the last page, e.g. "23 November 2026"."""
    today = dt.date.today()
    return f"{today.day} {today:%B %Y}"


class PagedLeaflet:
    """The leaflet laid out on the pages of one device at one print size."""

    def __init__(
        self, leaflet: Leaflet, options: PrintOptions, printed_on: str | None = None
    ) -> None:
        load_reading_typeface()
        self.title = leaflet.title
        self.options = options
        # Lay out against a PDF writer into memory at a fixed resolution: the page breaks
        # then do not depend on the printer, and painting scales to the real device.
        self._buffer = QBuffer()
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        device = QPdfWriter(self._buffer)
        device.setPageLayout(page_layout(options.paper))
        device.setResolution(LAYOUT_DPI)
        self._layout_device = device
        resolution = LAYOUT_DPI
        page = device.pageLayout().paintRectPixels(resolution)
        self.page_rect = QRectF(0, 0, page.width(), page.height())
        self.font = QFont(reading_font(options.point_size), device)
        self.header_font = QFont(self.font)
        self.header_font.setBold(True)
        metrics = QFontMetricsF(self.font, device)
        self.line = metrics.lineSpacing()
        self.rule_width = max(1.0, resolution / 72)  # one point
        title_box = QFontMetricsF(self.header_font, device).boundingRect(
            QRectF(0, 0, self.page_rect.width(), 1e9), _WRAP_FLAGS, self.title
        )
        self.header_rect = QRectF(0, 0, self.page_rect.width(), title_box.height())
        header_space = title_box.height() + self.line * 0.8
        footer_space = self.line * 1.6
        self.footer_rect = QRectF(
            0, self.page_rect.height() - self.line, self.page_rect.width(), self.line
        )
        self.body_rect = QRectF(
            0,
            header_space,
            self.page_rect.width(),
            self.page_rect.height() - header_space - footer_space,
        )
        sections = (
            None if not options.section_ids else chosen_sections(leaflet, options.section_ids)
        )
        self.document = QTextDocument()
        self.document.documentLayout().setPaintDevice(device)
        self.document.setDocumentMargin(0)
        self.document.setDefaultStyleSheet(PRINT_CSS)
        self.document.setHtml(print_document_html(leaflet, sections, printed_on or today_text()))
        set_text(self.document, options.point_size, PRINT_LINE_SPACING, device)
        self.document.setPageSize(self.body_rect.size())
        self._keep_things_together()

    # -- pagination --------------------------------------------------------------------------

    def page_count(self) -> int:
        """The number of pages."""
        return self.document.pageCount()

    def _page_of(self, y: float) -> int:
        # Qt keeps layout positions in 1/64 pixel steps, so a line moved to the top of a page
        # can sit a hair above the exact page boundary: allow half a pixel.
        return int((y + 0.5) // self.body_rect.height())

    def _line_pages(self, block: QTextBlock) -> list[int]:
        top = self.document.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        return [self._page_of(top + layout.lineAt(i).y()) for i in range(layout.lineCount())]

    def _break_before(self, block: QTextBlock) -> None:
        """Start a new page at ``block``; the headings and text that follow it go with it."""
        fmt = QTextBlockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).mergeBlockFormat(fmt)
        following = block.next()
        while following.isValid():
            policy = following.blockFormat().pageBreakPolicy()
            if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                cleared = QTextBlockFormat(following.blockFormat())
                cleared.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
                QTextCursor(following).setBlockFormat(cleared)
            if following.blockFormat().headingLevel() == 0:
                break
            following = following.next()

    def _keep_things_together(self) -> None:
        """Move headings, lone lines and the closing block to the next page until none is left.

        Qt's rich text cannot keep a heading with the next line by itself, so the layout is
        checked and a page break set before each offending block, then checked again.
        """
        moved: set[int] = set()
        for _ in range(_MAX_PASSES):
            target = self._first_block_to_move(moved)
            if target is None:
                return
            moved.add(target.blockNumber())
            self._break_before(target)

    def _first_block_to_move(self, moved: set[int]) -> QTextBlock | None:
        self.document.documentLayout().documentSize()  # lay out every block before looking
        block = self.document.begin()
        colophon = None
        while block.isValid():
            pages = self._line_pages(block)
            number = block.blockNumber()
            if COLOPHON_ANCHOR in _anchor_names(block):
                colophon = block
            if pages and number not in moved:
                if block.blockFormat().headingLevel() > 0:
                    following = block.next()
                    next_pages = self._line_pages(following) if following.isValid() else []
                    if pages[0] != pages[-1] or (next_pages and next_pages[0] != pages[-1]):
                        return self._heading_run_start(block, moved)
                elif len(pages) > 1 and (
                    pages[0] != pages[1]  # a first line alone at the foot of a page
                    or (len(pages) <= MAX_LINES_TO_MOVE and pages[-1] != pages[-2])  # last, head
                ):
                    previous = block.previous()
                    if previous.isValid() and previous.blockFormat().headingLevel() > 0:
                        return self._heading_run_start(previous, moved)
                    return block
            block = block.next()
        if colophon is not None and colophon.blockNumber() not in moved:
            first = self._line_pages(colophon)[0]
            last_block = self.document.lastBlock()
            if self._line_pages(last_block) and self._line_pages(last_block)[-1] != first:
                return colophon
        return None

    def _heading_run_start(self, heading: QTextBlock, moved: set[int]) -> QTextBlock:
        """A heading that follows another heading moves with it (a section and sub-section)."""
        start = heading
        previous = start.previous()
        while (
            previous.isValid()
            and previous.blockFormat().headingLevel() > 0
            and previous.blockNumber() not in moved
        ):
            start = previous
            previous = start.previous()
        return start

    # -- painting ----------------------------------------------------------------------------

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint page ``index`` (from 0): header, the text that falls on it, and footer."""
        painter.save()
        painter.setPen(QPen(QColor("#000000")))
        painter.setFont(self.header_font)
        painter.drawText(self.header_rect, _WRAP_FLAGS, self.title)
        rule_y = self.header_rect.bottom() + self.line * 0.3
        painter.fillRect(
            QRectF(0, rule_y, self.page_rect.width(), self.rule_width), QColor("#000000")
        )
        painter.setFont(self.font)
        footer = f"Page {index + 1} of {self.page_count()}"
        painter.drawText(
            self.footer_rect,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            footer,
        )
        height = self.body_rect.height()
        painter.translate(self.body_rect.left(), self.body_rect.top() - index * height)
        painter.setClipRect(QRectF(0, index * height, self.body_rect.width(), height))
        # Lines are drawn one by one, only those that belong to this page. Qt's own document
        # drawing draws every line of a block that touches the page, so the lines of a
        # paragraph that runs on would also be in this page of the PDF, hidden by the clip
        # but still read out by screen readers and copied with the text.
        painter.setPen(QPen(QColor("#000000")))
        for block, layout, lines in self._page_lines(index):
            origin = layout.position()
            for number in lines:
                layout.lineAt(number).draw(painter, origin)
            if block.textList() is not None and lines and lines[0] == 0:
                self._draw_bullet(painter, block, layout)
        painter.restore()

    def _page_lines(self, index: int) -> list[tuple[QTextBlock, QTextLayout, list[int]]]:
        """The blocks with lines on page ``index``, and which of their lines those are."""
        found = []
        block = self.document.begin()
        while block.isValid():
            layout = block.layout()
            top = layout.position().y()
            lines = [
                number
                for number in range(layout.lineCount())
                if self._page_of(top + layout.lineAt(number).y()) == index
            ]
            if lines:
                found.append((block, layout, lines))
            block = block.next()
        return found

    def _draw_bullet(self, painter: QPainter, block: QTextBlock, layout: QTextLayout) -> None:
        """Draw a list item's bullet: a solid disc, clear at large print sizes."""
        first = layout.lineAt(0)
        font = QFont(block.charFormat().font(), self._layout_device)
        metrics = QFontMetricsF(font, self._layout_device)
        diameter = metrics.xHeight() * 0.7
        centre_x = layout.position().x() + first.x() - metrics.horizontalAdvance("  ") - diameter
        centre_y = layout.position().y() + first.y() + first.ascent() - metrics.xHeight() / 2
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        painter.drawEllipse(QPointF(centre_x, centre_y), diameter / 2, diameter / 2)
        painter.restore()

    def paint(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        """Paint every page on ``device`` (which ``painter`` is open on), one after another."""
        scale = device.logicalDpiY() / LAYOUT_DPI
        for index in range(self.page_count()):
            if index:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            self.paint_page(painter, index)
            painter.restore()


_WRAP_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


def _anchor_names(block: QTextBlock) -> list[str]:
    names: list[str] = []
    iterator = block.begin()
    while not iterator.atEnd():
        names.extend(iterator.fragment().charFormat().anchorNames())
        iterator += 1
    return names


def export_pdf(
    leaflet: Leaflet, options: PrintOptions, path: str | Path, printed_on: str | None = None
) -> int:
    """Write a large-print PDF of the leaflet. Returns the number of pages.

    The PDF is written to a temporary file beside ``path`` and renamed into place, so a
    failure never leaves a half-written file.

    Raises:
        PrintError: if the file cannot be written.
        PrintOptionError: for a section the leaflet does not have.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise PrintError(f"{target}: this is a folder; give a file name such as leaflet.pdf")
    if not folder.is_dir():
        raise PrintError(f"{target}: the folder {folder} does not exist")
    temporary = folder / f".{target.name}.{os.getpid()}.part"
    try:
        temporary.touch()
    except OSError as error:
        raise PrintError(f"{target}: cannot write here ({error.strerror or error})") from None
    try:
        paged = PagedLeaflet(leaflet, options, printed_on)
        writer = QPdfWriter(str(temporary))
        writer.setPageLayout(page_layout(options.paper))
        writer.setResolution(LAYOUT_DPI)
        writer.setTitle(leaflet.title)
        writer.setCreator(APP_NAME)
        painter = QPainter()
        if not painter.begin(writer):
            raise PrintError(f"{target}: cannot write the PDF")
        paged.paint(painter, writer)
        painter.end()
        del writer  # closes the file
        os.replace(temporary, target)
    except OSError as error:
        raise PrintError(f"{target}: cannot write ({error.strerror or error})") from None
    finally:
        temporary.unlink(missing_ok=True)
    return paged.page_count()


def print_leaflet(
    leaflet: Leaflet, options: PrintOptions, printer: QPrinter, printed_on: str | None = None
) -> int:
    """Print the leaflet on ``printer`` (already chosen by the user). Returns the page count.

    Raises:
        PrintError: if the printer cannot be started or reports an error.
    """
    printer.setPageLayout(page_layout(options.paper))
    printer.setDocName(leaflet.title)
    printer.setCreator(APP_NAME)
    paged = PagedLeaflet(leaflet, options, printed_on)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            f"The printer {printer.printerName() or ''} could not be started. Check that it is "
            "switched on and connected, or save the leaflet as a PDF instead."
        )
    paged.paint(painter, printer)
    if not painter.end() or printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(
            "The printer reported an error and the leaflet may not have printed. "
            "Check the printer, or save the leaflet as a PDF instead."
        )
    return paged.page_count()
