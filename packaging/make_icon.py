"""Render resources/icons/kyphoreader.svg to the icon file a platform's executable needs.

Run at build time by build.spec (the .ico and .icns are build output, not kept in git). It
draws the SVG as the reader itself does (kyphoreader/app/icon.py), without Qt SVG.

    python packaging/make_icon.py OUT.ico|OUT.icns|OUT.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402

from kyphoreader.app.icon import draw  # noqa: E402

SVG = ROOT / "resources" / "icons" / "kyphoreader.svg"


def render(size: int) -> QImage:
    """The icon at ``size`` pixels."""
    return draw(SVG.read_text(encoding="utf-8"), size)


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
