"""The installed wheel carries every resource, so the reader works outside the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def resource_files() -> list[str]:
    return sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()
    )


def test_resources_are_present():
    assert "resources/leaflets/kyphoplasty/leaflet.md" in resource_files()
    assert "resources/leaflets/kyphoplasty/glossary.toml" in resource_files()


@pytest.mark.slow
def test_wheel_carries_every_resource(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("kyphoreader-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in resource_files():
        assert f"kyphoreader/{resource}" in names, resource
    assert "kyphoreader/app/mainwindow.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    # The module that pauses the cycle collector, then runs cli.main (collector.py).
    assert "[gui_scripts]" in text and "kyphoreader = kyphoreader.__main__:main" in text
