"""Search benchmark: time per keystroke, in the search engine alone and through the window.

Types each query one letter at a time, on the bundled leaflet and on a synthetic leaflet 100
times its size, and reports medians (and the 90th percentile):

- engine: the Qt-free ``SearchIndex.find`` alone (what ``kyphoreader --search`` runs). Its
  reference, measured in the same run, is a plain case-insensitive substring scan of every
  section's text for the typed text: no folding, words, fuzziness or ranking.
- window: a real (offscreen) main window computing the hits and updating the highlights,
  the results list and the contents. Its reference is Qt's own literal QTextDocument.find of
  the same text through the whole document: a plain find-in-page.

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
from kyphoreader.core.limits import SIZE_UNLIMITED  # noqa: E402
from kyphoreader.paths import default_leaflet_path  # noqa: E402
from kyphoreader.search.index import SearchIndex  # noqa: E402
from kyphoreader.search.synonyms import load_synonyms_for  # noqa: E402

#: Query mixes, each typed one letter at a time: words and lay phrases (the first mix this
#: benchmark had), and questions in a reader's own words with a sound-alike spelling.
MIXES = {
    "words": ["kyfoplasty", "cement leak", "broken bone", "pain killers", "fracture"],
    "questions": [
        "why am I still in pain after kyphoplasty",
        "blood clot in my lung",
        "infecshun",
        "can I drive after kyphoplasty",
    ],
}
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
    # Far past the size limits a leaflet must keep: search is measured well beyond them.
    leaflet = parse_leaflet("\n\n".join(parts), str(default_leaflet_path()), limits=SIZE_UNLIMITED)
    return leaflet


def keystrokes(query: str) -> list[str]:
    return [query[:n] for n in range(1, len(query) + 1)]


def time_engine(index: SearchIndex, queries: list[str], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        for query in queries:
            for typed in keystrokes(query):
                started = time.perf_counter()
                index.find(typed).hits  # noqa: B018 - every hit, as the window asks for
                samples.append(time.perf_counter() - started)
    return samples


def time_scan(leaflet: Leaflet, queries: list[str], repeats: int) -> list[float]:
    texts = [f"{s.heading}\n{s.text}".casefold() for s in leaflet.walk()]
    samples = []
    for _ in range(repeats):
        for query in queries:
            for typed in keystrokes(query):
                needle = typed.casefold()
                started = time.perf_counter()
                for text in texts:
                    position = text.find(needle)
                    while position >= 0:
                        position = text.find(needle, position + 1)
                samples.append(time.perf_counter() - started)
    return samples


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


def summary(samples: list[float]) -> tuple[float, float]:
    """Median and 90th percentile, in milliseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.9)] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = create_application()
    synonyms = load_synonyms_for(default_leaflet_path())
    with tempfile.TemporaryDirectory() as scratch:
        store = QSettings(str(Path(scratch) / "k.ini"), QSettings.Format.IniFormat)
        print(f"search per keystroke, medians (90th percentile) over {args.repeats} repeats")
        for label, leaflet in (
            ("bundled", load_leaflet(default_leaflet_path())),
            ("100x", synthetic_leaflet(100)),
        ):
            index = SearchIndex(leaflet, synonyms)
            index.find("warm up")
            window = MainWindow(store)
            window.resize(1024, 768)
            window.show_leaflet(leaflet)
            window.show()
            app.processEvents()
            window.search_session.search("warm up")  # builds the index, as the first search does
            words = len(window.reader.document().toPlainText().split())
            print(f"  {label} leaflet ({words} words)")
            for mix, queries in MIXES.items():
                engine, engine_p90 = summary(time_engine(index, queries, args.repeats))
                scan, _ = summary(time_scan(leaflet, queries, args.repeats))
                ours, ours_p90 = summary(time_window(window, queries, args.repeats))
                document = window.reader.document()
                reference, _ = summary(time_reference(document, queries, args.repeats))
                print(
                    f"    {mix:9s} engine {engine:6.2f} ms ({engine_p90:6.2f}), plain substring "
                    f"scan {scan:5.2f} ms, ratio {engine / scan:5.1f}"
                )
                print(
                    f"    {mix:9s} window {ours:6.2f} ms ({ours_p90:6.2f}) (target < "
                    f"{TARGETS_MS[label]:.0f} ms), Qt literal find {reference:5.2f} ms, "
                    f"ratio {ours / reference:5.1f}"
                )
            window.close()
            window.deleteLater()
    return 0


if __name__ == "__main__":
    sys.exit(main())
