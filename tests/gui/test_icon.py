"""The application icon is drawn from its SVG without Qt SVG, and looks as Qt SVG draws it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kyphoreader.paths import resource_path

pytestmark = pytest.mark.gui

SVG = resource_path("icons/kyphoreader.svg").read_text(encoding="utf-8")


def test_the_icon_is_drawn_as_qt_svg_draws_it(qapp):
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from kyphoreader.app.icon import draw

    for size in (32, 256):
        ours = draw(SVG, size).convertToFormat(QImage.Format.Format_ARGB32)
        theirs = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        theirs.fill(0)
        painter = QPainter(theirs)
        QSvgRenderer(SVG.encode()).render(painter)
        painter.end()
        theirs = theirs.convertToFormat(QImage.Format.Format_ARGB32)
        differing = [
            (x, y)
            for y in range(size)
            for x in range(size)
            if ours.pixel(x, y) != theirs.pixel(x, y)
        ]
        assert len(differing) <= size * size // 500, differing[:10]  # edges may round apart
        # The page is cream and the vertebrae are magenta, where the drawing puts them.
        assert ours.pixelColor(size // 2, size * 40 // 256).name() == "#fffdf5"
        assert ours.pixelColor(size // 2, size * 127 // 256).name() == "#b00060"


def test_a_drawing_it_cannot_draw_is_refused():
    from kyphoreader.app.icon import read_boxes

    width, boxes = read_boxes(SVG)
    assert width == 256 and len(boxes) == 7 and boxes[2].fill == "#b00060"
    for broken in ("", "<svg><rect x='1'/></svg>", '<svg viewBox="0 0 10 10"><g></svg>'):
        with pytest.raises((ValueError, KeyError)):
            read_boxes(broken)


def test_the_reader_has_its_icon_without_loading_qt_svg(tmp_path):
    code = (
        "import sys\n"
        "from kyphoreader.app.startup import create_application\n"
        "app = create_application()\n"
        "icon = app.windowIcon()\n"
        "print(icon.isNull(), max(size.width() for size in icon.availableSizes()),\n"
        "      [m for m in sys.modules if 'Svg' in m])\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "256", "[]"]
