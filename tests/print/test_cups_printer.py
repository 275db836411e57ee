"""Print through the real system print service (CUPS) to the cups-pdf virtual printer.

.ci/run installs CUPS and cups-pdf, starts the scheduler and adds the printer; elsewhere this
test is skipped with the reason.

cups-pdf re-renders the job through Ghostscript, which turns the fonts into Type 3 glyphs
without a text map, so its PDF cannot be read back as text. The test therefore checks that
the printed PDF has the same pages as the exported PDF, whose text is checked word for word
(tests/print/test_pdf_export.py): same page count and size, and on every page the same lines
of text in the same places.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pymupdf
import pytest

from kyphoreader.printing.options import PrintOptions

CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def cups_pdf_printer():
    from PySide6.QtPrintSupport import QPrinterInfo

    for info in QPrinterInfo.availablePrinters():
        if "cups-pdf" in info.makeAndModel().lower() or info.printerName() == "kyphoreader-pdf":
            return info
    return None


def cups_pdf_output_dir() -> Path:
    folder = "${HOME}/PDF"
    if CUPS_PDF_CONF.exists():
        found = re.search(r"^Out\s+(\S+)", CUPS_PDF_CONF.read_text(), re.MULTILINE)
        if found:
            folder = found.group(1)
    return Path(folder.replace("${HOME}", os.path.expanduser("~")))


@pytest.mark.gui
def test_print_action_code_prints_through_cups(qapp, bundled_leaflet, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from kyphoreader.printing.output import export_pdf, print_leaflet

    info = cups_pdf_printer()
    if info is None:
        pytest.skip("no CUPS cups-pdf printer here (.ci/run sets one up with cups-pdf)")
    output = cups_pdf_output_dir()
    before = set(output.glob("*.pdf")) if output.exists() else set()
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat  # the real print path
    pages = print_leaflet(bundled_leaflet, PrintOptions(18, "A4"), printer)
    assert pages > 5
    deadline = time.monotonic() + 90
    new: list[Path] = []
    while time.monotonic() < deadline:
        new = sorted(set(output.glob("*.pdf")) - before) if output.exists() else []
        if new and new[-1].stat().st_size > 0:
            time.sleep(1)  # let cups-pdf finish writing
            break
        time.sleep(0.5)
    assert new, f"cups-pdf wrote nothing into {output} within 90 s"
    reference = tmp_path / "reference.pdf"
    export_pdf(bundled_leaflet, PrintOptions(18, "A4"), reference)
    with pymupdf.open(new[-1]) as printed, pymupdf.open(reference) as expected:
        assert printed.page_count == expected.page_count == pages
        for number in range(pages):
            assert printed[number].rect == expected[number].rect
            similarity = _correlation(_ink_rows(printed[number]), _ink_rows(expected[number]))
            assert similarity > 0.9, f"page {number + 1} differs from the exported PDF"


def _ink_rows(page) -> list[int]:
    """How much dark ink each pixel row of the page holds (its lines of text)."""
    pixmap = page.get_pixmap(dpi=36, colorspace=pymupdf.csGRAY)
    width = pixmap.width
    samples = pixmap.samples
    return [
        sum(1 for value in samples[row * width : (row + 1) * width] if value < 160)
        for row in range(pixmap.height)
    ]


def _correlation(first: list[int], second: list[int]) -> float:
    count = min(len(first), len(second))
    first, second = first[:count], second[:count]
    mean_a, mean_b = sum(first) / count, sum(second) / count
    covariance = sum((a - mean_a) * (b - mean_b) for a, b in zip(first, second, strict=False))
    spread_a = sum((a - mean_a) ** 2 for a in first) ** 0.5
    spread_b = sum((b - mean_b) ** 2 for b in second) ** 0.5
    return covariance / (spread_a * spread_b) if spread_a and spread_b else 0.0
