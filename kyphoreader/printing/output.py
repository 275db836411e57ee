"""Send a laid-out copy to its destination: a PDF file or a printer, checked first."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from kyphoreader import APP_NAME
from kyphoreader.core.clinic import ClinicDetails
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.glossary.terms import Glossary
from kyphoreader.printing.options import PrintOptions
from kyphoreader.printing.pages import LAYOUT_DPI, PagedLeaflet, PrintError, page_layout


def export_pdf(
    leaflet: Leaflet,
    options: PrintOptions,
    path: str | Path,
    printed_on: str | None = None,
    clinic: ClinicDetails | None = None,
    today: dt.date | None = None,
    glossary: Glossary | None = None,
) -> int:
    """Write a large-print PDF of the leaflet. Returns the number of pages.

    With ``glossary``, the copy ends with "Words explained" for the terms of its sections.

    The copy is laid out and checked first (``layout_problems``); a copy that would not be
    complete is never written. The PDF goes to a temporary file beside ``path`` and is renamed
    into place, so a failure never leaves a half-written file.

    Raises:
        LayoutCheckError: the copy would be incomplete; no file is written.
        PrintError: if the file cannot be written.
        PrintOptionError: for a section the leaflet does not have.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise PrintError(f"{target}: this is a folder; give a file name such as leaflet.pdf")
    if not folder.is_dir():
        raise PrintError(f"{target}: the folder {folder} does not exist")
    paged = PagedLeaflet(leaflet, options, printed_on, clinic, today, glossary)
    paged.check()
    temporary = folder / f".{target.name}.{os.getpid()}.part"
    try:
        temporary.touch()
    except OSError as error:
        raise PrintError(f"{target}: cannot write here ({error.strerror or error})") from None
    try:
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
    leaflet: Leaflet,
    options: PrintOptions,
    printer: QPrinter,
    printed_on: str | None = None,
    clinic: ClinicDetails | None = None,
    glossary: Glossary | None = None,
) -> int:
    """Print the leaflet on ``printer`` (already chosen by the user). Returns the page count.

    With ``glossary``, the copy ends with "Words explained" for the terms of its sections.

    Raises:
        LayoutCheckError: the copy would be incomplete; nothing is sent to the printer.
        PrintError: if the printer cannot be started or reports an error.
    """
    paged = PagedLeaflet(leaflet, options, printed_on, clinic, glossary=glossary)
    paged.check()
    paint_copy(paged, printer)
    return paged.page_count()


def paint_copy(paged: PagedLeaflet, printer: QPrinter) -> None:
    """Paint a laid-out, checked copy on ``printer``: a real printer or the print preview's.

    The one path from pages to a printer, so the preview shows exactly what prints.

    Raises:
        PrintError: if the printer cannot be started or reports an error.
    """
    printer.setPageLayout(page_layout(paged.options.paper))
    printer.setDocName(paged.title)
    printer.setCreator(APP_NAME)
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
