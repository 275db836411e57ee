"""Text-size benchmark: from pressing A+ (or A-) to the re-laid-out, repainted view.

Steps a real (offscreen) main window showing the bundled leaflet up from 100 % to 400 % and
back down, timing each step including the repaint, and reports the median. The reference,
measured in the same run, is a plain QTextBrowser with the same HTML whose default font is
changed by the same steps (Qt's own re-layout with no spacing, headings or column work).

    python benchmarks/textsize.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextBrowser  # noqa: E402

from kyphoreader.app.mainwindow import MainWindow  # noqa: E402
from kyphoreader.app.startup import create_application  # noqa: E402
from kyphoreader.core.document import leaflet_document_html  # noqa: E402
from kyphoreader.core.leaflet import load_leaflet  # noqa: E402
from kyphoreader.paths import default_leaflet_path  # noqa: E402
from kyphoreader.reading.fontscale import LEVELS  # noqa: E402
from kyphoreader.reading.view import DEFAULT_POINT_SIZE, reading_font  # noqa: E402

TARGET_MS = 16.0


def settle(app: QApplication, widget) -> None:  # noqa: ANN001
    widget.repaint()  # paint now, so the time includes drawing the re-laid-out text
    app.processEvents()


def time_window(app: QApplication, window: MainWindow, rounds: int) -> list[float]:
    samples = []
    steps = len(LEVELS) - LEVELS.index(100) - 1
    for _ in range(rounds):
        for action in [window.larger_text] * steps + [window.smaller_text] * steps:
            started = time.perf_counter()
            action()
            window.reader.document().documentLayout().documentSize()
            settle(app, window.reader.viewport())
            samples.append(time.perf_counter() - started)
    return samples


def time_reference(app: QApplication, browser: QTextBrowser, rounds: int) -> list[float]:
    samples = []
    sizes = [level for level in LEVELS if level > 100]
    for _ in range(rounds):
        for percent in sizes + list(reversed(sizes[:-1])) + [100]:
            started = time.perf_counter()
            browser.document().setDefaultFont(reading_font(DEFAULT_POINT_SIZE * percent / 100))
            browser.document().documentLayout().documentSize()
            settle(app, browser.viewport())
            samples.append(time.perf_counter() - started)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = create_application()
    leaflet = load_leaflet(default_leaflet_path())
    with tempfile.TemporaryDirectory() as scratch:
        window = MainWindow(QSettings(str(Path(scratch) / "k.ini"), QSettings.Format.IniFormat))
        window.resize(1024, 768)
        window.show_leaflet(leaflet)
        window.show()
        app.processEvents()
        ours = statistics.median(time_window(app, window, args.rounds)) * 1000
        browser = QTextBrowser()
        browser.resize(1024, 768)
        browser.setHtml(leaflet_document_html(leaflet))
        browser.show()
        app.processEvents()
        reference = statistics.median(time_reference(app, browser, args.rounds)) * 1000
    print(f"text size step (A+ / A-) to re-laid-out view, median of {args.rounds} rounds 100-400 %")
    print(f"  kyphoreader:          {ours:6.2f} ms  (target < {TARGET_MS:.0f} ms)")
    print(f"  plain QTextBrowser:   {reference:6.2f} ms")
    print(f"  ratio: {ours / reference:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
