"""At 200 % display scaling (QT_SCALE_FACTOR=2) on a 1280x1024 screen everything is in reach."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]
PROBE = Path(__file__).resolve().parent / "fit_probe.py"


def inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return x >= ax and y >= ay and x + w <= ax + aw and y + h <= ay + ah


def test_window_and_dialogs_fit_the_screen_at_200_percent(atspi_environment, tmp_path):
    env = dict(atspi_environment)
    env.update(
        QT_QPA_PLATFORM="xcb",
        QT_SCALE_FACTOR="2",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        PYTHONPATH=str(PROBE.parents[2]),
    )
    done = subprocess.run(
        [sys.executable, str(PROBE), str(tmp_path / "settings.ini")],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-3000:]
    report = json.loads(lines[-1])
    area = report["available"]
    assert report["scale"] == 2.0 and area[2] <= 640 and area[3] <= 512
    assert inside(report["window"], area), report["window"]
    names = [button["name"] for button in report["window_buttons"]]
    assert "A+ Larger text" in names and "A- Smaller text" in names
    for button in report["window_buttons"]:
        assert inside(button["rect"], area), button
    for dialog, closing in (("print", {"Print", "Cancel"}), ("about", {"Close"})):
        assert inside(report[dialog], area), (dialog, report[dialog])
        buttons = {b["name"]: b for b in report[f"{dialog}_buttons"]}
        for name in closing:
            assert inside(buttons[name]["rect"], area), (dialog, buttons[name])
