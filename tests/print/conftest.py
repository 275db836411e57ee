"""Large-print PDFs of the bundled leaflet, exported once per test session and read back."""

from __future__ import annotations

import pytest
from pdfpages import read_pdf

from kyphoreader.core.clinic import ClinicDetails
from kyphoreader.glossary.terms import load_glossary_for
from kyphoreader.paths import default_leaflet_path
from kyphoreader.printing.options import PrintOptions

PRINTED_ON = "1 January 2030"
#: The example clinic of shared/design/clinic-config.md.
CLINIC = ClinicDetails(
    name="Spinal Unit, Riverside Hospital",
    phone="01632 960 123",
    hours="Monday to Friday, 9am to 5pm",
    formats="Ask at reception for this leaflet in large print, audio or another language.",
)
#: Sections chosen for the "chosen sections" copies: they cite references [1], [2], [4], [5]
#: and [9] but not the others, and hold neither the references nor the key points.
CHOSEN = ("possible-complications", "other-causes", "how-kyphoplasty-is-done")
SIZES = (12, 14, 18, 22, 28, 36)
PAPERS = ("A4", "Letter")


@pytest.fixture(scope="session")
def glossary():
    """The bundled leaflet's glossary: every copy ends with "Words explained"."""
    return load_glossary_for(default_leaflet_path())


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


@pytest.fixture(scope="session")
def exported(tmp_path_factory, bundled_leaflet, glossary):
    """{point size: (path, pages)} for the whole leaflet on A4 at 12, 18 and 28 pt."""
    from kyphoreader.printing.output import export_pdf

    _application = _app()
    folder = tmp_path_factory.mktemp("pdf")
    result = {}
    for size in (12, 18, 28):
        path = folder / f"leaflet-{size}.pdf"
        export_pdf(
            bundled_leaflet,
            PrintOptions(size, "A4"),
            path,
            printed_on=PRINTED_ON,
            glossary=glossary,
        )
        result[size] = (path, read_pdf(path))
    return result


@pytest.fixture(scope="session")
def copies(tmp_path_factory, bundled_leaflet, glossary):
    """Every size and paper, whole and chosen sections, with the example clinic: a function
    (size, paper, chosen) -> (path, pages, html), each PDF made once when first asked for."""
    from kyphoreader.core.document import print_document_html
    from kyphoreader.printing.options import chosen_sections
    from kyphoreader.printing.output import export_pdf

    _application = _app()
    folder = tmp_path_factory.mktemp("copies")
    made = {}

    def get(size, paper, chosen):
        key = (size, paper, chosen)
        if key not in made:
            sections = CHOSEN if chosen else ()
            path = folder / f"copy-{size}-{paper}-{'some' if chosen else 'all'}.pdf"
            export_pdf(
                bundled_leaflet,
                PrintOptions(size, paper, sections),
                path,
                printed_on=PRINTED_ON,
                clinic=CLINIC,
                glossary=glossary,
            )
            html = print_document_html(
                bundled_leaflet,
                chosen_sections(bundled_leaflet, sections) if chosen else None,
                PRINTED_ON,
                CLINIC,
                glossary=glossary,
            )
            made[key] = (path, read_pdf(path), html)
        return made[key]

    return get
