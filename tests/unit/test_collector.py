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
