"""Resources are found in a checkout, an installed wheel and a PyInstaller bundle alike."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kyphoreader import paths


def test_default_leaflet_exists():
    assert paths.default_leaflet_path().is_file()


@pytest.mark.parametrize("name", ["../pyproject.toml", "/etc/passwd", "leaflets/../../x", ""])
def test_names_that_leave_the_resources_folder_are_refused(name):
    with pytest.raises(ValueError):
        paths.resource_path(name)


def test_frozen_bundle_uses_meipass(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_path("leaflets/a.md") == tmp_path / "resources" / "leaflets" / "a.md"


def test_leaflet_is_found_from_any_working_folder(tmp_path):
    code = "from kyphoreader.paths import default_leaflet_path as d; print(d().is_file())"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
