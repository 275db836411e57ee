"""Starting the window: a bad leaflet explained in a window, and a clean end on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from kyphoreader.app import startup
from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.options import parse_options

pytestmark = pytest.mark.gui


def test_a_bad_leaflet_given_to_the_window_is_explained_and_the_bundled_one_shown(
    qtbot, tmp_path, monkeypatch
):
    bad = tmp_path / "broken leaflet.md"
    bad.write_bytes(b"\xff\xfe\x00 not text")
    seen = {}

    def fake_exec(_app=None):
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = windows[-1]
        qtbot.addWidget(window)
        boxes = [d for d in window.dialogs.open_dialogs() if isinstance(d, QMessageBox)]
        seen["title"] = window.windowTitle()
        seen["boxes"] = [(b.windowTitle(), b.text(), b.font().pointSizeF()) for b in boxes]
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(startup, "QSettings", lambda: _temp_settings(tmp_path))
    monkeypatch.setattr(startup, "install_shutdown_handlers", lambda window: None)
    options = parse_options([str(bad)])
    assert startup.run_after_error(options, f"{bad} is not UTF-8 text") == 0
    assert "kyphoplasty" in seen["title"].lower()
    [(title, text, points)] = seen["boxes"]
    assert title == "This leaflet cannot be opened"
    assert str(bad) in text and "shown instead" in text
    assert points >= 14  # large text, like the rest of the interface


def _temp_settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.mark.skipif(sys.platform.startswith("win"), reason="no SIGTERM on Windows")
def test_sigterm_closes_the_reader_with_its_settings_saved(tmp_path):
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("KYPHOREADER_CONFIG", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kyphoreader"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    settings = tmp_path / "config" / "kyphoreader" / "kyphoreader.conf"
    try:
        deadline = time.monotonic() + 60
        while not settings.exists() and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)
        assert settings.exists(), "the reader never saved its settings"
        settings.unlink()  # only a save on the way out can bring it back
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    text = settings.read_text(encoding="utf-8")
    assert "last_section" in text and "what-this-leaflet-is-about" in text


def test_the_collector_runs_again_even_if_the_window_never_settles(tmp_path):
    """Paused by the entry point; a window never shown (started minimised) must not keep it off."""
    import os
    import subprocess
    import sys

    script = """
import gc, sys
import kyphoreader.__main__  # pauses the collector, as every start does
from PySide6.QtCore import QTimer
from kyphoreader.app import startup
startup.COLLECTOR_FALLBACK_MS = 50
app = startup.create_application(icon=False)
paused = not gc.isenabled()
QTimer.singleShot(500, app.quit)
app.exec()
print(paused, gc.isenabled())
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
