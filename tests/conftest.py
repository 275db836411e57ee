"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

TESTS_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS_DIR))

from kyphoreader.core.leaflet import Leaflet, load_leaflet  # noqa: E402
from kyphoreader.paths import default_leaflet_path  # noqa: E402

DATA_DIR = TESTS_DIR / "data"


@pytest.fixture(scope="session")
def bundled_leaflet() -> Leaflet:
    return load_leaflet(default_leaflet_path())


@pytest.fixture
def sample_leaflet() -> Leaflet:
    return load_leaflet(DATA_DIR / "sample.md")


@pytest.fixture
def settings_store(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "kyphoreader.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def mock_speech(monkeypatch):
    """Read aloud through Qt's silent test engine, as if it were the computer's only one.

    A window test that presses Read aloud needs it: the computer's real engine would speak
    through the user's own speech service (or, with no sound, give up after seconds).
    """
    from kyphoreader.readaloud import speaker

    monkeypatch.setattr(speaker, "available_engines", lambda include_test_engine=False: ["mock"])


@pytest.fixture
def open_window(qtbot, bundled_leaflet):
    """Open a main window on ``store`` showing the bundled leaflet, as the app starts one."""
    from kyphoreader.app.mainwindow import MainWindow

    def open_on(store):
        win = MainWindow(store)
        qtbot.addWidget(win)
        win.show_leaflet(bundled_leaflet)
        win.restore_last_section()
        with qtbot.waitExposed(win):
            win.show()
        return win

    return open_on


@pytest.fixture
def window(qtbot, settings_store, open_window):
    win = open_window(settings_store)
    win.resize(1024, 768)
    return win


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    """Delete the windows a test closed, so they do not pile up and slow the suite."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
