"""The cycle collector pauses while the reader starts, and always runs again (collector.py)."""

from __future__ import annotations

import gc

import pytest

from kyphoreader import cli, collector


@pytest.fixture
def collector_restored():
    """Leave the collector as the test found it, whatever the test did."""
    was_enabled = gc.isenabled()
    yield
    collector.resume_collection()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_a_pause_stops_the_collector_until_resumed(collector_restored):
    gc.enable()
    collector.pause_collection()
    assert not gc.isenabled() and collector.is_paused()
    collector.resume_collection()
    assert gc.isenabled() and not collector.is_paused()


def test_resuming_never_turns_on_a_collector_someone_else_turned_off(collector_restored):
    gc.disable()
    collector.pause_collection()  # nothing to pause
    collector.resume_collection()
    assert not gc.isenabled()


def test_a_command_with_no_window_runs_with_the_collector_on(collector_restored, capsys):
    gc.enable()
    collector.pause_collection()  # as the entry point does
    status = cli.main(["--search", "cement"])
    assert status == 0
    assert "\t" in capsys.readouterr().out  # it did search
    assert gc.isenabled()


def test_every_way_of_starting_the_reader_pauses_the_collector_first():
    import subprocess
    import sys
    from pathlib import Path

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    scripts = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["gui-scripts"]
    assert scripts["kyphoreader"] == "kyphoreader.__main__:main"  # the installed command
    # The installed command imports the module (python -m and the bundles run it as a script).
    probe = "import gc, kyphoreader.__main__ as entry; print(gc.isenabled(), callable(entry.main))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["False", "True"]
