"""The command line: --version, --help, and one clear line for a bad leaflet."""

from __future__ import annotations

import subprocess

import pytest
from clirunner import run_kyphoreader

from kyphoreader import __version__
from kyphoreader.options import parse_options
from kyphoreader.paths import default_leaflet_path


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return run_kyphoreader(*args, cwd=cwd)


def test_default_is_the_bundled_leaflet():
    assert parse_options([]).leaflet_path == default_leaflet_path()


def test_a_leaflet_path_can_be_given():
    assert str(parse_options(["other.md"]).leaflet_path) == "other.md"


def test_version(tmp_path):
    result = run_cli("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"kyphoreader {__version__}"


def test_help_mentions_the_leaflet_argument(tmp_path):
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "LEAFLET.md" in result.stdout and "--version" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"\xff\xfe## bad", "not UTF-8"),
        (b"just words\n", "no headings"),
    ],
)
def test_bad_leaflet_gives_one_line_and_non_zero_exit(tmp_path, content, expected):
    path = tmp_path / "leaflet.md"
    if content is not None:
        path.write_bytes(content)
    result = run_cli(str(path), cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kyphoreader: error: ")
    assert str(path) in lines[0] and expected in lines[0]
    assert "Traceback" not in result.stderr


def test_a_folder_is_refused(tmp_path):
    result = run_cli(str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "folder" in result.stderr and "Traceback" not in result.stderr


def test_a_window_is_only_used_for_errors_where_someone_can_see_it(monkeypatch):
    from kyphoreader.cli import has_display

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert not has_display()
    monkeypatch.setenv("DISPLAY", ":0")
    assert has_display()
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not has_display()
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    assert has_display()
