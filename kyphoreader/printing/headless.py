"""Write a large-print PDF with no window and no display: ``kyphoreader --export-pdf``."""

from __future__ import annotations

import os
import sys

from kyphoreader import APP_NAME
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.options import Options
from kyphoreader.printing.options import PrintOptionError


def export_pdf(options: Options, leaflet: Leaflet) -> int:
    """Write the large-print PDF without a window. Returns the exit status."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    from PySide6.QtGui import QGuiApplication

    from kyphoreader.printing.pages import PrintError
    from kyphoreader.printing.pages import export_pdf as write_pdf

    _application = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert options.export_pdf is not None
    try:
        pages = write_pdf(leaflet, options.print_options, options.export_pdf)
    except (PrintError, PrintOptionError) as error:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        return 2
    print(
        f"Wrote {options.export_pdf}: {pages} pages at {options.print_options.point_size:g} pt "
        f"on {options.print_options.paper}"
    )
    return 0
