"""Regenerate docs/screenshot.png: the bundled leaflet in the main window, drawn offscreen.

QT_QPA_PLATFORM=offscreen python docs/make_screenshot.py [SECTION_ID]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from kyphoreader.app.mainwindow import MainWindow  # noqa: E402
from kyphoreader.app.startup import create_application  # noqa: E402
from kyphoreader.core.leaflet import load_leaflet  # noqa: E402
from kyphoreader.paths import default_leaflet_path  # noqa: E402

OUTPUT = Path(__file__).resolve().parent / "screenshot.png"


def main() -> int:
    app = create_application()
    with tempfile.TemporaryDirectory() as scratch:
        window = MainWindow(QSettings(str(Path(scratch) / "k.ini"), QSettings.Format.IniFormat))
        window.show_leaflet(load_leaflet(default_leaflet_path()))
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        if len(sys.argv) > 1:
            window.reader.go_to(sys.argv[1])
            app.processEvents()
        window.grab().save(str(OUTPUT))
    print(OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
