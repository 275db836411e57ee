"""``kyphoreader --kiosk`` under a real X server with a window manager (Xvfb and Openbox).

What only a real display shows: the window manager makes the window full screen, and its
close requests (Alt+F4, a pager's "close", Ctrl+Q, Ctrl+W, Escape) and an attempt to leave
full screen do not close or shrink the reader; the staff chord and PIN, typed as keys, do
close it. Skipped, with the reason, where Xvfb, Openbox, xdotool, xprop or wmctrl are
missing (.ci/run installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_kiosk_visit import private_env

from kyphoreader.kiosk.policy import hash_pin

pytestmark = pytest.mark.gui

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "wmctrl")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
PIN = "482913"
SIZE = (1280, 800)


def wait_for(check, timeout: float = 20.0, what: str = ""):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def x(env: dict, *command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=20)
    return result.stdout.strip() if result.returncode == 0 else ""


@pytest.fixture
def display(tmp_path):
    if MISSING:
        pytest.skip(
            f"needs {', '.join(MISSING)} (apt-get install xvfb openbox xdotool x11-utils wmctrl)"
        )
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24",
         "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    with os.fdopen(read) as stream:
        number = stream.readline().strip()
    env = private_env(tmp_path)
    env.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
    manager = subprocess.Popen(
        ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(lambda: "window id" in x(env, "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"),
                 what="openbox")  # fmt: skip
        yield env
    finally:
        for process in (manager, server):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def is_full_screen(env: dict, window: str) -> bool:
    state = x(env, "xprop", "-id", window, "_NET_WM_STATE")
    geometry = x(env, "xdotool", "getwindowgeometry", window)
    return "_NET_WM_STATE_FULLSCREEN" in state and f"{SIZE[0]}x{SIZE[1]}" in geometry


def test_kiosk_under_a_window_manager_stays_full_screen_until_the_pin(display, tmp_path):
    env = display
    config = tmp_path / "clinic.toml"
    config.write_text(
        f'[kiosk]\nenabled = true\npin = "{hash_pin(PIN, iterations=10_000)}"\n',
        encoding="utf-8",
    )
    reader = subprocess.Popen(
        [sys.executable, "-m", "kyphoreader", "--config", str(config)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        window = wait_for(
            lambda: x(env, "xdotool", "search", "--onlyvisible", "--class", "kyphoreader").split(
                "\n"
            )[0],
            timeout=60,
            what="the reader's window",
        )
        wait_for(lambda: is_full_screen(env, window), what="full screen")
        x(env, "xdotool", "windowactivate", "--sync", window)

        def still_there(attempt: str) -> None:
            time.sleep(0.8)
            assert reader.poll() is None, f"{attempt} closed the reader"
            wait_for(lambda: is_full_screen(env, window), what=f"full screen after {attempt}")

        close_with_alt_f4(env)
        still_there("Alt+F4")
        for keys in ("ctrl+q", "ctrl+w", "Escape", "ctrl+o"):
            x(env, "xdotool", "key", keys)
            still_there(keys)
        x(env, "wmctrl", "-i", "-c", window)  # the window manager's polite close request
        still_there("a close request")
        x(env, "wmctrl", "-i", "-r", window, "-b", "remove,fullscreen")
        still_there("leaving full screen")
        windows = x(env, "xdotool", "search", "--onlyvisible", "--class", "kyphoreader")
        assert windows.split("\n") == [window]  # no file dialog or other window opened

        # Staff: the chord, the PIN, Enter.
        x(env, "xdotool", "windowactivate", "--sync", window)
        x(env, "xdotool", "key", "ctrl+alt+shift+q")
        wait_for(
            lambda: len(x(env, "xdotool", "search", "--onlyvisible", "--class",
                          "kyphoreader").split("\n")) == 2,
            what="the PIN box",
        )  # fmt: skip
        x(env, "xdotool", "type", "--delay", "20", PIN)
        x(env, "xdotool", "key", "Return")
        assert reader.wait(timeout=30) == 0
    finally:
        if reader.poll() is None:
            reader.kill()
        out, err = reader.communicate(timeout=10)
    log = list(Path(env["XDG_STATE_HOME"]).rglob("errors.log"))
    assert len(log) == 1, err
    assert "staff exit with the right PIN" in log[0].read_text(encoding="utf-8")

    # The same keys do close the ordinary reader: they really reached the window manager.
    ordinary = subprocess.Popen(
        [sys.executable, "-m", "kyphoreader"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    try:
        other = wait_for(
            lambda: x(env, "xdotool", "search", "--onlyvisible", "--class", "kyphoreader"),
            timeout=60,
            what="the ordinary reader's window",
        )
        x(env, "xdotool", "windowactivate", "--sync", other)
        close_with_alt_f4(env)
        assert ordinary.wait(timeout=30) == 0
    finally:
        if ordinary.poll() is None:
            ordinary.kill()
            ordinary.wait(timeout=10)


def close_with_alt_f4(env: dict) -> None:
    """Alt+F4 as a person presses it (xdotool's "alt+F4" does not reach Openbox's binding)."""
    x(env, "xdotool", "mousemove", str(SIZE[0] // 2), str(SIZE[1] // 2), "click", "1")
    x(env, "xdotool", "keydown", "Alt_L", "key", "F4", "keyup", "Alt_L")
