"""Fixtures of the fuzz tests: a fresh folder for each hostile leaflet."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def case_folder(tmp_path) -> Path:
    """An empty folder (with a space in its name) for one case's leaflet and its files."""
    folder = tmp_path / "leaflet folder"
    folder.mkdir()
    return folder
