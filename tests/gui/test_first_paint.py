"""The text is painted first: what it does not need is imported only after its first paint.

Not timed (speed is in benchmarks/startup.py): the reader runs in a subprocess, as a user starts
it, and lists the modules it imported when its text first painted. Features that are not needed
to see the text (printing, search, speech, the glossary, the contents panel, menus and
dialogs) must not be among them, so their cost cannot creep back in front of the text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.gui,
    # Until the window defers what the text does not need (issue #16).
    pytest.mark.xfail(strict=True, reason="the whole window is still built before the paint"),
]

#: Modules (and packages: their sub-modules too) the first paint must not need.
NOT_BEFORE_FIRST_PAINT = [
    "markdown",  # the leaflet comes from the cache
    "kyphoreader.printing.pages",
    "kyphoreader.printing.output",
    "kyphoreader.printing.flow",
    "kyphoreader.printing.dialog",
    "PySide6.QtPrintSupport",
    "kyphoreader.search",
    "kyphoreader.readaloud",
    "PySide6.QtTextToSpeech",
    "PySide6.QtMultimedia",
    "kyphoreader.glossary",
    "tomllib",  # the glossary file
    "kyphoreader.reading.toc",
    "kyphoreader.app.actions",
    "kyphoreader.app.dialogs",
    "kyphoreader.app.about",
]


def start_reader(home: Path) -> tuple[list[str], list[str]]:
    """Start the reader until it is usable; return its output lines and the modules listed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KYPHOREADER_REPORT_MODULES="1")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env.pop("KYPHOREADER_CONFIG", None)
    result = subprocess.run(
        [sys.executable, "-m", "kyphoreader", "--quit-after-first-paint"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    [modules] = [json.loads(line.split(" ", 1)[1]) for line in lines if line.startswith("modules ")]
    return lines, modules


def imported(modules: list[str], name: str) -> list[str]:
    return [m for m in modules if m == name or m.startswith(f"{name}.")]


def test_only_what_the_text_needs_is_imported_before_its_first_paint(tmp_path):
    start_reader(tmp_path)  # the first start fills the leaflet cache
    lines, modules = start_reader(tmp_path)
    assert "kyphoreader.reading.view" in modules  # the list is the reader's own
    found = {name: imported(modules, name) for name in NOT_BEFORE_FIRST_PAINT}
    assert {name: hits for name, hits in found.items() if hits} == {}
    # The rest is built right after: the window becomes usable, the keys reach the text.
    order = [line.split()[0] for line in lines if line.split()[0] in ("first-paint", "usable")]
    assert order == ["first-paint", "usable"]
    [usable] = [line for line in lines if line.startswith("usable ")]
    assert usable.endswith("focus=reader")


def test_a_first_ever_start_parses_the_leaflet_but_builds_nothing_more_first(tmp_path):
    lines, modules = start_reader(tmp_path)  # empty cache, no settings
    assert imported(modules, "markdown")  # parsed before the paint: the text needs it
    found = {name: imported(modules, name) for name in NOT_BEFORE_FIRST_PAINT[1:]}
    assert {name: hits for name, hits in found.items() if hits} == {}
    assert lines[-1].startswith("usable ") and lines[-1].endswith("focus=reader")
