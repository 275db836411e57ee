"""Render resources/icons/kyphoreader.svg to the icon file a platform's executable needs.

Run at build time by build.spec (the .ico and .icns are build output, not kept in git).

    python packaging/make_icon.py OUT.ico|OUT.icns|OUT.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "kyphoreader.svg"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def main(out: str) -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not render(256).save(str(target)):
        print(f"could not write {target}", file=sys.stderr)
        return 1
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
