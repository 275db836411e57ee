"""Limits benchmark: the largest leaflets the limits allow, opened in the window and exported.

Issue 17 asks for limits such that the largest allowed leaflet opens in under 5 s and exports
in under 10 s on the 2-core build machine. Each shape of leaflet at the limits (the same ones
the fuzz tests use, tests/fuzz/hostile.py) is written to a file, then timed: loading (reading,
checking, parsing, making the HTML safe), opening in a real offscreen main window until the
text is painted, one search, and the large-print PDF export at 18 and 36 pt. Reported next to
the bundled leaflet measured the same way in the same run.

    python benchmarks/limits.py [--repeats 3]
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
TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path[:0] = [str(TESTS), str(TESTS / "fuzz")]

from hostile import largest_leaflets  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from kyphoreader.app.mainwindow import MainWindow  # noqa: E402
from kyphoreader.app.startup import create_application  # noqa: E402
from kyphoreader.core.leaflet import load_leaflet  # noqa: E402
from kyphoreader.core.limits import LIMITS  # noqa: E402
from kyphoreader.paths import default_leaflet_path  # noqa: E402
from kyphoreader.printing.options import PrintOptions  # noqa: E402
from kyphoreader.printing.output import export_pdf  # noqa: E402

OPEN_TARGET_S = 5.0
EXPORT_TARGET_S = 10.0


def median_time(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(app, path: Path, scratch: Path, repeats: int) -> dict[str, float]:
    leaflet = load_leaflet(path)
    result = {"load": median_time(lambda: load_leaflet(path), repeats)}

    def open_window() -> None:
        window = MainWindow(QSettings(str(scratch / "k.ini"), QSettings.Format.IniFormat))
        window.show_leaflet(load_leaflet(path))
        window.resize(1024, 768)
        window.show()
        app.processEvents()
        window.reader.viewport().repaint()
        started = time.perf_counter()
        window.search_session.search("kyfoplasty pain")
        app.processEvents()
        result["search"] = time.perf_counter() - started
        window.close()
        window.deleteLater()
        app.processEvents()

    result["open"] = median_time(open_window, repeats) - result["search"]
    for size in (18, 36):
        out = scratch / "k.pdf"
        result[f"pages{size}"] = export_pdf(leaflet, PrintOptions(size, "A4"), out)
        result[f"export{size}"] = median_time(
            lambda size=size, out=out: export_pdf(leaflet, PrintOptions(size, "A4"), out), repeats
        )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    app = create_application()
    print(
        f"Limits: {LIMITS.max_bytes // 1024} KB, lines of {LIMITS.max_line_chars:,} characters, "
        f"{LIMITS.max_headings} headings, {LIMITS.max_blocks:,} blocks, nesting "
        f"{LIMITS.max_nesting} ({LIMITS.max_table_nesting} for tables)"
    )
    header = f"{'leaflet':16s} {'KB':>4s} {'load':>6s} {'open':>6s} {'search':>6s}"
    print(header + f" {'18 pt export':>18s} {'36 pt export':>18s}")
    worst_open = worst_export = 0.0
    reference: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        shapes = {"bundled": default_leaflet_path().read_text(encoding="utf-8")}
        shapes.update(largest_leaflets())
        for name, text in shapes.items():
            path = scratch / f"{name}.md"
            path.write_text(text, encoding="utf-8")
            found = measure(app, path, scratch, args.repeats)
            if name == "bundled":
                reference = found
            else:
                worst_open = max(worst_open, found["load"] + found["open"])
                worst_export = max(worst_export, found["export18"], found["export36"])
            print(
                f"{name:16s} {len(text.encode()) // 1024:4d} {found['load']:6.2f} "
                f"{found['open']:6.2f} {found['search']:6.2f} "
                f"{found['export18']:6.2f} s {found['pages18']:4.0f} p "
                f"{found['export36']:6.2f} s {found['pages36']:4.0f} p"
            )
    bundled_open = reference["load"] + reference["open"]
    bundled_export = max(reference["export18"], reference["export36"])
    print(
        f"Largest allowed: opens in at most {worst_open:.2f} s ({worst_open / bundled_open:.1f} x "
        f"the bundled leaflet; target < {OPEN_TARGET_S:g} s), exports in at most "
        f"{worst_export:.2f} s ({worst_export / bundled_export:.1f} x; target < "
        f"{EXPORT_TARGET_S:g} s)"
    )
    return 0 if worst_open < OPEN_TARGET_S and worst_export < EXPORT_TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
