"""kyphoreader --self-test: one line, exit 0, and a clear failure when something is wrong."""

from __future__ import annotations

from clirunner import run_kyphoreader


def run_self_test(env_extra=None, cwd=None):
    return run_kyphoreader("--self-test", cwd=cwd, display=False, env_extra=env_extra)


def test_self_test_passes_with_no_display_and_prints_one_line(tmp_path):
    result = run_self_test(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("kyphoreader ") and "self-test passed" in line
    for step in ("loaded the leaflet", "showed it in the window", "searched", "PDF", "read aloud"):
        assert step in line
    assert line.count(" ms") == 5
    assert result.stderr.strip() == ""
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_self_test_reports_a_failure_plainly(tmp_path):
    # A platform plugin that does not exist: Qt cannot start, and the self-test must say so
    # in one line with a non-zero exit, not crash with a traceback.
    result = run_self_test({"QT_QPA_PLATFORM": "no-such-platform"}, cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # a plain failure, not an abort (negative)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "self-test FAILED" in lines[0]
    assert "no-such-platform" in lines[0]
    assert "Traceback" not in result.stderr
