"""A leaflet's pictures reach the screen and the page, and Qt is never asked to load a file.

Before issue 17 an ``<img src="/dev/zero">`` made Qt read /dev/zero until the process aborted,
and a picture that named a pipe hung the reader.
"""

from __future__ import annotations

import os

import pytest
from pngs import png
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument, QTextImageFormat

from kyphoreader.core.leaflet import load_leaflet
from kyphoreader.core.safehtml import make_safe
from kyphoreader.printing.options import PrintOptions
from kyphoreader.reading.view import ReaderView

pytestmark = pytest.mark.gui

HOSTILE = """title: Pictures

## Pictures

Before the pictures.

![A spine](spine.png)

<img src="/dev/zero"> ![zero](file:///dev/zero) ![pipe](pipe.png) ![up](../up.png)

<link rel="stylesheet" href="/dev/zero"><p style="background-image: url(/dev/zero)">Styled.</p>

<table background="/dev/zero"><tr><td background="pipe.png">Cell.</td></tr></table>

After the pictures.
"""


@pytest.fixture
def hostile_leaflet(tmp_path):
    folder = tmp_path / "leaflet"
    folder.mkdir()
    (folder / "spine.png").write_bytes(png(120, 80))
    os.mkfifo(folder / "pipe.png")
    (tmp_path / "up.png").write_bytes(png(10, 10))
    path = folder / "leaflet.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return load_leaflet(path)


class RecordingReader(ReaderView):
    """The reader, noting every resource Qt asks it for."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        super().__init__()

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802 (Qt's name)
        self.asked.append(name.toString())
        return super().loadResource(kind, name)


def images(document: QTextDocument) -> list[QTextImageFormat]:
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            text_format = iterator.fragment().charFormat()
            if text_format.isImageFormat():
                found.append(text_format.toImageFormat())
            iterator += 1
        block = block.next()
    return found


def test_the_reader_shows_the_leaflets_picture_and_never_loads_a_file(qtbot, hostile_leaflet):
    reader = RecordingReader()
    qtbot.addWidget(reader)
    reader.resize(800, 600)
    reader.show_leaflet(hostile_leaflet)
    reader.show()
    qtbot.waitExposed(reader)
    shown = images(reader.document())
    assert len(shown) == 1 and shown[0].name().startswith("data:image/png;base64,")
    picture = reader.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(shown[0].name())
    )
    assert picture is not None and picture.width() == 120  # the real picture, decoded
    assert all(url.startswith("data:") for url in reader.asked), reader.asked
    text = reader.toPlainText()
    assert text.count("[Image not shown:") == 4
    assert "Before the pictures." in text and "After the pictures." in text


def test_the_printed_copy_has_the_picture_and_loads_no_file(qapp, hostile_leaflet, tmp_path):
    import pymupdf

    from kyphoreader.printing.output import export_pdf
    from kyphoreader.printing.pages import PagedLeaflet

    paged = PagedLeaflet(hostile_leaflet, PrintOptions(18, "A4"))
    names = [image.name() for piece in paged.pieces for image in images(piece.document)]
    assert len(names) == 1 and names[0].startswith("data:image/png;base64,")
    export_pdf(hostile_leaflet, PrintOptions(18, "A4"), tmp_path / "copy.pdf")
    with pymupdf.open(tmp_path / "copy.pdf") as document:
        text = " ".join(page.get_text() for page in document)
        pictures = [image for page in document for image in page.get_images()]
    assert len(pictures) == 1
    assert text.count("[Image not shown:") == 4 and "After the pictures." in text


@pytest.mark.parametrize(
    ("markup", "cells"),
    [
        ("<table>Before<tr><td>In</td></tr></table>", ["Before", "In"]),
        ("<table><tr>Row<td>In</td></tr></table>", ["Row", "In"]),
        ("<table><tr><td>a<td>b<tr><td>c</table>", ["a", "b", "c"]),
    ],
)
def test_words_in_a_table_outside_its_cells_get_a_cell_so_qt_shows_them(qapp, markup, cells):
    safe = make_safe(markup, None)
    document = QTextDocument()
    document.setHtml(safe.html)
    assert document.toPlainText().split() == cells
