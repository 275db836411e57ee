"""A speech service that is running but stuck is reported, never waited on for ever."""

from __future__ import annotations

import socket
import sys
import threading
import time

import pytest

from kyphoreader.readaloud import speaker as speaker_module

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets"),
]


def serve(path, reply: bytes | None) -> socket.socket:
    """A fake speech-dispatcher on ``path`` that answers ``reply``, or never answers."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(4)

    def run() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            connection.recv(64)
            if reply is not None:
                connection.sendall(reply)
            else:
                time.sleep(5)  # accepted, and silent
            connection.close()

    threading.Thread(target=run, daemon=True).start()
    return server


def test_a_silent_service_counts_as_not_answering(tmp_path, monkeypatch):
    path = tmp_path / "speechd.sock"
    server = serve(path, None)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    started = time.monotonic()
    assert not speaker_module.speech_dispatcher_answers(timeout=0.5)
    assert time.monotonic() - started < 3
    server.close()


def test_an_answering_or_absent_service_is_left_to_the_engine(tmp_path, monkeypatch):
    path = tmp_path / "speechd.sock"
    server = serve(path, b"248-  LIST\r\n248 OK HELP SENT\r\n")
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    assert speaker_module.speech_dispatcher_answers(timeout=2)
    server.close()
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'none.sock'}")
    assert speaker_module.speech_dispatcher_answers(timeout=0.5)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="speechd is Linux's engine")
def test_read_aloud_says_plainly_that_a_stuck_service_cannot_speak(tmp_path, monkeypatch, qtbot):
    path = tmp_path / "speechd.sock"
    server = serve(path, None)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{path}")
    monkeypatch.setattr(speaker_module, "SPEECHD_ANSWER_SECONDS", 0.5)
    monkeypatch.setattr(speaker_module, "available_engines", lambda: ["speechd"])
    voice = speaker_module.Speaker()
    try:
        reason = voice.check()
    finally:
        voice.deleteLater()
        server.close()
    if "speechd" not in speaker_module._qt_tts().availableEngines():
        pytest.skip("Qt's speechd engine is not installed here")
    assert reason == speaker_module.SPEECHD_NOT_ANSWERING
