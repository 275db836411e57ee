"""Search benchmark: time per keystroke to compute hits and update the highlights.

Types each query one letter at a time into a real (offscreen) main window, on the bundled
leaflet and on a synthetic leaflet 100 times its size, and reports medians. The reference,
measured in the same run, is Qt's own literal QTextDocument.find of the same text through the
whole document: a plain find-in-page with no folding, fuzziness or highlighting.

    python benchmarks/search.py [--repeats 5]
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
from PySide6.QtGui import QTextDocument  # noqa: E402

from kyphoreader.app.mainwindow import MainWindow  # noqa: E402
from kyphoreader.app.startup import create_application  # noqa: E402
from kyphoreader.core.leaflet import Leaflet, load_leaflet, parse_leaflet  # noqa: E402
from kyphoreader.paths import default_leaflet_path  # noqa: E402

QUERIES = ["kyfoplasty", "cement leak", "broken bone", "pain killers", "fracture"]
TARGETS_MS = {"bundled": 16.0, "100x": 50.0}


def synthetic_leaflet(copies: int) -> Leaflet:
    """The bundled leaflet's body repeated ``copies`` times, as one leaflet file."""
    text = default_leaflet_path().read_text(encoding="utf-8")
    front, _sep, body = text.partition("\n## ")
    body = "## " + body
    parts = [front]
    for number in range(copies):
        parts.append(
            body.replace("\n## ", f"\n## Part {number + 1}: ").replace(
                "## What this", f"## Part {number + 1}: What this", 1
            )
        )
    leaflet = parse_leaflet("\n\n".join(parts), source_name=str(default_leaflet_path()))
    return leaflet


def keystrokes(query: str) -> list[str]:
    return [query[:n] for n in range(1, len(query) + 1)]


def time_window(window: MainWindow, queries: list[str], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        for query in queries:
            for typed in keystrokes(query):
                started = time.perf_counter()
                window.search_session.search(typed)
                samples.append(time.perf_counter() - started)
            window.search_session.clear()
    return samples


def time_reference(document: QTextDocument, queries: list[str], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        for query in queries:
            for typed in keystrokes(query):
                started = time.perf_counter()
                cursor = document.find(typed)
                while not cursor.isNull():
                    cursor = document.find(typed, cursor)
                samples.append(time.perf_counter() - started)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = create_application()
    with tempfile.TemporaryDirectory() as scratch:
        store = QSettings(str(Path(scratch) / "k.ini"), QSettings.Format.IniFormat)
        print(f"search per keystroke (hits + highlights), medians over {args.repeats} repeats")
        for label, leaflet in (
            ("bundled", load_leaflet(default_leaflet_path())),
            ("100x", synthetic_leaflet(100)),
        ):
            window = MainWindow(store)
            window.resize(1024, 768)
            window.show_leaflet(leaflet)
            window.show()
            app.processEvents()
            window.search_session.search(
                "warm up"
            )  # builds the index once, as the first search does
            ours = statistics.median(time_window(window, QUERIES, args.repeats)) * 1000
            reference = (
                statistics.median(time_reference(window.reader.document(), QUERIES, args.repeats))
                * 1000
            )
            words = len(window.reader.document().toPlainText().split())
            print(
                f"  {label:8s} ({words:6d} words): {ours:7.2f} ms  "
                f"(target < {TARGETS_MS[label]:.0f} ms); Qt literal find: {reference:6.2f} ms; "
                f"ratio {ours / reference:5.1f}"
            )
            window.close()
            window.deleteLater()
    return 0


if __name__ == "__main__":
    sys.exit(main())
