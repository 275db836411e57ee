"""Compare a page as the print preview shows it with the same page of a PDF (test helper).

The two are drawn by different rasterisers (Qt for the preview, MuPDF for the PDF), so their
anti-aliasing differs; they are compared by what a reader sees: the bands of ink that make
the lines of text (where each starts and ends, how tall it is, how far it reaches left and
right) and a small grey copy of the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pymupdf
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

#: A pixel darker than this is ink.
INK = 128
_INK_BYTE = re.compile(rb"[\x00-\x7f]")


@dataclass(frozen=True)
class Band:
    """Rows of a page that hold ink with no blank row between them (a line of text, a rule)."""

    top: int
    bottom: int  # last row, inclusive
    left: int
    right: int  # last column, inclusive

    @property
    def height(self) -> int:
        return self.bottom - self.top + 1


def grey_rows(image: QImage) -> list[bytes]:
    """The rows of ``image`` as bytes of grey values."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())
    stride = grey.bytesPerLine()
    width = grey.width()
    return [data[y * stride : y * stride + width] for y in range(grey.height())]


def ink_bands(image: QImage) -> list[Band]:
    """The bands of ink on a page, top to bottom."""
    bands: list[Band] = []
    start = None
    left = right = 0
    rows = grey_rows(image)
    for y, row in enumerate([*rows, b""]):
        match = _INK_BYTE.search(row) if row else None
        if match is not None:
            last = len(row) - 1 - _INK_BYTE.search(row[::-1]).start()
            if start is None:
                start, left, right = y, match.start(), last
            else:
                left, right = min(left, match.start()), max(right, last)
        elif start is not None:
            bands.append(Band(start, y - 1, left, right))
            start = None
    return bands


def paper_rect(image: QImage) -> tuple[int, int, int, int]:
    """(x, y, width, height) of the white paper in a picture of the preview."""
    white = QColor("#ffffff").rgb()
    middle_row = [x for x in range(image.width()) if image.pixel(x, image.height() // 2) == white]
    x0, x1 = min(middle_row), max(middle_row)
    column = (x0 + 2) if x0 + 2 < image.width() else x0
    rows = [y for y in range(image.height()) if image.pixel(column, y) == white]
    y0, y1 = min(rows), max(rows)
    return x0, y0, x1 - x0 + 1, y1 - y0 + 1


def paper_of(image: QImage) -> QImage:
    """The white paper cut out of a picture of the preview."""
    return image.copy(*paper_rect(image))


def render_scene_page(view, page_item) -> QImage:
    """Page ``page_item`` of a QPrintPreviewWidget's scene, drawn as its view draws it now.

    The scene is drawn with the view's own scale, that is at the zoom the preview is set to.
    """
    scale = view.transform().m11()
    source = page_item.sceneBoundingRect()
    image = QImage(
        round(source.width() * scale), round(source.height() * scale), QImage.Format.Format_RGB32
    )
    image.fill(QColor("#808080"))
    painter = QPainter(image)
    painter.setRenderHints(view.renderHints())
    view.scene().render(painter, QRectF(0, 0, image.width(), image.height()), source)
    painter.end()
    return paper_of(image)


def render_pdf_page(path, index: int, width: int) -> QImage:
    """Page ``index`` of the PDF at ``path``, drawn by MuPDF ``width`` pixels wide."""
    with pymupdf.open(path) as document:
        page = document[index]
        zoom = width / page.rect.width
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return QImage(
            pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888
        ).copy()


def mean_difference(first: QImage, second: QImage, width: int = 100) -> float:
    """Mean difference (0-255) between small grey copies of two pictures of one page.

    Both are scaled to the same size (``width`` pixels wide, the first's proportions), so
    each small pixel averages the same part of the page in both.
    """
    height = round(first.height() * width / first.width())

    def small(image: QImage) -> list[bytes]:
        return grey_rows(
            image.scaled(
                width,
                height,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    a, b = small(first), small(second)
    total = 0
    for row_a, row_b in zip(a, b, strict=True):
        total += sum(abs(x - y) for x, y in zip(row_a, row_b, strict=True))
    return total / (height * width)
