"""The application's icon, drawn from ``resources/icons/kyphoreader.svg`` without Qt SVG.

The icon is a few rounded rectangles. Drawing them with QPainter spares every start Qt's
SVG library and icon plugin: about 1 MB of memory and a few milliseconds (issue #16). Only
what the icon uses is understood: ``<rect>`` elements with x, y, width, height, rx and a
fill, on the rectangle or on the ``<g>`` around it, in a ``viewBox`` of the ``<svg>``. The
build (``packaging/make_icon.py``) draws the executables' icons the same way, so the SVG
stays the one drawing of the icon.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap

#: The sizes drawn for title bars, task bars and switchers.
SIZES = (16, 24, 32, 48, 64, 128, 256)
_ELEMENT = re.compile(r"<(svg|g|rect)\b([^>]*?)(/?)>|</g>")
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')


class Box(NamedTuple):
    """One rounded rectangle of the icon, in the drawing's own units."""

    x: float
    y: float
    width: float
    height: float
    radius: float
    fill: str


def read_boxes(svg: str) -> tuple[float, list[Box]]:
    """The drawing's width (its viewBox, which is square) and its rectangles, in order.

    Raises:
        ValueError: if the drawing is not one this module can draw.
    """
    width = 0.0
    fills = [""]
    boxes: list[Box] = []
    for match in _ELEMENT.finditer(svg):
        tag, attributes, closed = match.group(1), match.group(2) or "", match.group(3)
        values = dict(_ATTRIBUTE.findall(attributes))
        if tag is None:  # </g>
            fills.pop()
        elif tag == "svg":
            _left, _top, width, _height = (float(v) for v in values["viewBox"].split())
        elif tag == "g":
            if not closed:
                fills.append(values.get("fill", fills[-1]))
        else:
            boxes.append(
                Box(
                    float(values["x"]),
                    float(values["y"]),
                    float(values["width"]),
                    float(values["height"]),
                    float(values.get("rx", "0")),
                    values.get("fill", fills[-1]),
                )
            )
    if width <= 0 or not boxes or len(fills) != 1:
        raise ValueError("not an icon of rounded rectangles in a square viewBox")
    return width, boxes


def draw(svg: str, size: int) -> QImage:
    """The icon drawn at ``size`` by ``size`` pixels, on a transparent background."""
    width, boxes = read_boxes(svg)
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / width, size / width)
    painter.setPen(QColor(0, 0, 0, 0))
    for box in boxes:
        painter.setBrush(QColor(box.fill))
        rect = QRectF(box.x, box.y, box.width, box.height)
        painter.drawRoundedRect(rect, box.radius, box.radius)
    painter.end()
    return image


def application_icon(svg: str) -> QIcon:
    """The icon at every size a desktop asks for."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(QPixmap.fromImage(draw(svg, size)))
    return icon
