"""Print benchmark: export of the whole leaflet as a large-print PDF at 18 pt and 28 pt.

Reports the median time of kyphoreader's export (layout, keeping headings with their text,
running title and page numbers, writing the file) next to a reference measured in the same
run: Qt's own QTextDocument.print_() of the same HTML to a QPdfWriter at the same size,
which re-flows the text but does none of the large-print page work.

    python benchmarks/printing.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QPdfWriter, QTextDocument  # noqa: E402

from kyphoreader.core.document import PRINT_CSS, print_document_html  # noqa: E402
from kyphoreader.core.leaflet import load_leaflet  # noqa: E402
from kyphoreader.paths import default_leaflet_path  # noqa: E402
from kyphoreader.printing.options import PrintOptions  # noqa: E402
from kyphoreader.printing.pages import LAYOUT_DPI, export_pdf, page_layout  # noqa: E402
from kyphoreader.reading.typography import load_reading_typeface, reading_font  # noqa: E402

TARGET_S = 1.0


def reference_export(html: str, points: float, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageLayout(page_layout("A4"))
    writer.setResolution(LAYOUT_DPI)
    document = QTextDocument()
    document.setDefaultStyleSheet(PRINT_CSS)
    document.setDefaultFont(reading_font(points))
    document.setHtml(html)
    document.print_(writer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    _app = QGuiApplication(sys.argv[:1])
    load_reading_typeface()
    leaflet = load_leaflet(default_leaflet_path())
    html = print_document_html(leaflet, None, "1 January 2030")
    print(f"large-print PDF export of the whole leaflet, median of {args.repeats}")
    with tempfile.TemporaryDirectory() as scratch:
        for points in (18, 28):
            ours, reference, pages = [], [], 0
            for _ in range(args.repeats):
                started = time.perf_counter()
                pages = export_pdf(leaflet, PrintOptions(points, "A4"), Path(scratch) / "k.pdf")
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                reference_export(html, points, Path(scratch) / "q.pdf")
                reference.append(time.perf_counter() - started)
            mine, theirs = statistics.median(ours), statistics.median(reference)
            print(
                f"  {points} pt ({pages:2d} pages): {mine * 1000:7.1f} ms (target < "
                f"{TARGET_S * 1000:.0f} ms); Qt print_(): {theirs * 1000:6.1f} ms; "
                f"ratio {mine / theirs:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
