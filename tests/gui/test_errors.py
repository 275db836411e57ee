"""An unexpected error is shown kindly and logged, never as a traceback."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from kyphoreader.app.dialogs import DialogHost
from kyphoreader.app.errors import install_error_handler

pytestmark = pytest.mark.gui


@pytest.fixture
def restore_excepthook():
    saved = sys.excepthook
    yield
    sys.excepthook = saved


def raise_and_capture():
    try:
        raise RuntimeError("a fault in a slot")
    except RuntimeError:
        return sys.exc_info()


def test_an_unexpected_error_is_shown_kindly_and_logged(
    qtbot, tmp_path, monkeypatch, restore_excepthook
):
    window = QWidget()
    qtbot.addWidget(window)
    dialogs = DialogHost(window)
    log = tmp_path / "logs" / "errors.log"
    install_error_handler(dialogs, log)
    sys.excepthook(*raise_and_capture())
    [box] = dialogs.open_dialogs()
    assert isinstance(box, QMessageBox) and box.windowTitle() == "Something went wrong"
    assert "nothing you were reading has been lost" in box.text()
    assert "Traceback" not in box.text() and str(log) in box.text()
    assert "RuntimeError: a fault in a slot" in log.read_text(encoding="utf-8")


def test_an_unwritable_log_is_still_reported_kindly(
    qtbot, tmp_path, monkeypatch, restore_excepthook
):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    window = QWidget()
    qtbot.addWidget(window)
    dialogs = DialogHost(window)
    install_error_handler(dialogs, blocker / "errors.log")
    sys.excepthook(*raise_and_capture())
    [box] = dialogs.open_dialogs()
    assert "could not be written" in box.text()
