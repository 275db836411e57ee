"""Large-print PDFs of the bundled leaflet, exported once per size."""

from __future__ import annotations

import pytest
from pdfpages import read_pdf

from kyphoreader.printing.options import PrintOptions


@pytest.fixture(scope="session")
def exported(tmp_path_factory, bundled_leaflet):
    """{point size: (path, pages)} for the whole leaflet on A4 at 12, 18 and 28 pt."""
    from PySide6.QtWidgets import QApplication

    from kyphoreader.printing.pages import export_pdf

    _app = QApplication.instance() or QApplication([])
    folder = tmp_path_factory.mktemp("pdf")
    result = {}
    for size in (12, 18, 28):
        path = folder / f"leaflet-{size}.pdf"
        export_pdf(bundled_leaflet, PrintOptions(size, "A4"), path, printed_on="1 January 2030")
        result[size] = (path, read_pdf(path))
    return result
