"""Start-up benchmark: process start to first painted window, kyphoreader vs a minimal program.

The reference is a minimal PySide6 program (a QApplication and a QTextBrowser showing the same
article) measured in the same run, alternating with kyphoreader, so the ratio is meaningful on
a noisy machine. Runs offscreen unless a DISPLAY is set.

    python benchmarks/startup.py [--runs 15] [--check]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "data" / "source_article.txt"
TARGET_RATIO = 1.3

MINIMAL_PROGRAM = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv[:1])
browser = QTextBrowser()
with open(sys.argv[1], encoding="utf-8") as handle:
    browser.setPlainText(handle.read())
browser.resize(1024, 768)
reporter = FirstPaint()
browser.viewport().installEventFilter(reporter)
browser.show()
sys.exit(app.exec())
"""


def time_to_first_paint(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``command`` to the first paint it reports."""
    started = time.time()
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    for line in result.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"{command[:3]} reported no paint:\n{result.stdout}\n{result.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each program")
    parser.add_argument("--check", action="store_true", help="exit 1 if over the target ratio")
    args = parser.parse_args()

    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as scratch:
        minimal = Path(scratch) / "minimal.py"
        minimal.write_text(MINIMAL_PROGRAM, encoding="utf-8")
        env["XDG_CONFIG_HOME"] = scratch  # keep the benchmark away from real user settings
        reference_cmd = [sys.executable, str(minimal), str(ARTICLE)]
        reader_cmd = [sys.executable, "-m", "kyphoreader", "--quit-after-first-paint"]
        # One unmeasured run of each warms the file cache for both alike.
        time_to_first_paint(reference_cmd, env)
        time_to_first_paint(reader_cmd, env)
        reference, reader = [], []
        for _ in range(args.runs):
            reference.append(time_to_first_paint(reference_cmd, env))
            reader.append(time_to_first_paint(reader_cmd, env))

    reference_median = statistics.median(reference)
    reader_median = statistics.median(reader)
    ratio = reader_median / reference_median
    platform = "offscreen" if env.get("QT_QPA_PLATFORM") == "offscreen" else "display"
    print(f"start-up to first paint ({platform}, {args.runs} alternating runs each, medians)")
    print(f"  minimal PySide6 QTextBrowser: {reference_median * 1000:7.1f} ms")
    print(f"  kyphoreader:                  {reader_median * 1000:7.1f} ms")
    print(f"  ratio: {ratio:.2f} (target <= {TARGET_RATIO})")
    return 1 if args.check and ratio > TARGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
