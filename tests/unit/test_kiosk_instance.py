"""One waiting-room reader per user: the second start finds the first, even after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid

import pytest

from kyphoreader.kiosk import instance


@pytest.fixture
def name():
    return f"kyphoreader-test-{uuid.uuid4().hex[:12]}"


def test_the_second_claim_finds_the_first_and_asks_it_to_show(name):
    first = instance.claim(name)
    assert first is not None and first.fileno() >= 0
    try:
        assert instance.claim(name) is None
        assert instance.tell_running(name)
        assert first.take_requests() == 2  # the refused claim asked too
        assert first.take_requests() == 0
    finally:
        first.close()
    assert not instance.tell_running(name)
    again = instance.claim(name)
    assert again is not None
    again.close()


def test_a_crashed_reader_does_not_block_the_next(name, tmp_path):
    code = (
        "import sys, time\n"
        "from kyphoreader.kiosk import instance\n"
        f"lock = instance.claim({name!r})\n"
        "print('held' if lock else 'none', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert instance.tell_running(name)
        os.kill(holder.pid, signal.SIGKILL)  # a crash: no clean-up runs
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.stdout.close()
    lock = instance.claim(name)
    assert lock is not None
    lock.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets are Linux's")
def test_nothing_is_written_to_the_file_system(name, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    lock = instance.claim(name)
    assert lock is not None
    assert list(tmp_path.iterdir()) == []
    lock.close()


def test_names_are_per_user():
    assert instance.instance_name().startswith("kyphoreader-kiosk-")
    if hasattr(os, "getuid"):
        assert instance.instance_name().startswith(f"kyphoreader-kiosk-{os.getuid()}")


def test_a_reader_that_hangs_up_at_once_still_counts_as_running(name, monkeypatch):
    """The running reader takes the connection itself as the request and may close it before
    the second start has sent anything; the second start must still end."""
    import socket

    def hung_up(_self, _data):
        raise BrokenPipeError(32, "Broken pipe")

    first = instance.claim(name)
    try:
        monkeypatch.setattr(socket.socket, "sendall", hung_up)
        assert instance.tell_running(name)
    finally:
        first.close()
