"""A real accessibility client for the tests: Xvfb, a private session D-Bus, the AT-SPI bus.

The reader runs as a subprocess on the X server with Qt's AT-SPI bridge switched on, and the
tests look at it with pyatspi (the library the Orca screen reader uses) through
``atspi_client.py``, run by the system python3. Every piece is started here and stopped by its
process id; when a piece is missing the tests are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CLIENT = HERE / "atspi_client.py"
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER_PLACES = (
    "/usr/libexec/at-spi-bus-launcher",
    "/usr/lib/at-spi2-core/at-spi-bus-launcher",
    "/usr/lib/x86_64-linux-gnu/at-spi-bus-launcher",
)


def _missing() -> str:
    """What is missing for the accessibility tests ('' when nothing is)."""
    if not sys.platform.startswith("linux"):
        return "AT-SPI exists on Linux only"
    if shutil.which("Xvfb") is None:
        return "Xvfb is not installed (Debian package xvfb)"
    if shutil.which("dbus-daemon") is None:
        return "dbus-daemon is not installed (Debian package dbus)"
    if not any(Path(p).exists() for p in BUS_LAUNCHER_PLACES):
        return "at-spi-bus-launcher is not installed (Debian package at-spi2-core)"
    if not Path(SYSTEM_PYTHON).exists():
        return "there is no system python3 to run pyatspi"
    found = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if found.returncode != 0:
        return "pyatspi is not installed for the system python3 (Debian package python3-pyatspi)"
    return ""


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def atspi_environment(tmp_path_factory):
    """Start Xvfb, a session bus and the AT-SPI bus; yield the environment to run in."""
    reason = _missing()
    if reason:
        pytest.skip(f"no accessibility client: {reason}")
    home = tmp_path_factory.mktemp("a11y-home")
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "DBUS_", "AT_SPI", "XDG_")) and key != "DISPLAY"
    }
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        GSETTINGS_BACKEND="memory",
        NO_AT_BRIDGE="0",
    )
    started: list[subprocess.Popen] = []
    try:
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24", "-nolisten",
             "tcp"],
            pass_fds=(write_fd,), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        started.append(xvfb)
        os.close(write_fd)
        with os.fdopen(read_fd) as stream:
            display = stream.readline().strip()
        if not display:
            pytest.skip("no accessibility client: Xvfb did not start")
        env["DISPLAY"] = f":{display}"
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        started.append(bus)
        address = bus.stdout.readline().strip() if bus.stdout else ""
        if not address:
            pytest.skip("no accessibility client: the session D-Bus did not start")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        launcher = next(p for p in BUS_LAUNCHER_PLACES if Path(p).exists())
        started.append(
            subprocess.Popen(
                [launcher, "--launch-immediately"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
        time.sleep(0.5)
        yield env
    finally:
        for process in reversed(started):
            _stop(process)


class Reader:
    """The reader running under the accessibility bus, and a client that looks at it."""

    def __init__(self, env: dict[str, str], process: subprocess.Popen) -> None:
        self.env = env
        self.process = process

    def ask(self, *command: str, timeout: float = 60) -> object:
        """Run the AT-SPI client with ``command``; return what it printed (JSON)."""
        done = subprocess.run(
            [SYSTEM_PYTHON, str(CLIENT), *command],
            env=self.env, capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
        assert done.stdout.strip(), done.stderr[-2000:]
        answer = json.loads(done.stdout)
        assert not (isinstance(answer, dict) and "error" in answer), answer
        return answer

    def tree(self) -> list[dict]:
        """Every object of the reader's accessibility tree, depth first."""
        return self.ask("tree")  # type: ignore[return-value]


@pytest.fixture
def atspi_reader(atspi_environment, tmp_path):
    """Start the reader (at 1280x1024, fresh settings) and wait until it is on the bus."""
    yield from _start_on_the_bus(atspi_environment, tmp_path)


@pytest.fixture
def atspi_reader_from_kept_copy(atspi_environment, tmp_path):
    """The reader's usual start: its text painted from the copy kept by an earlier start."""
    yield from _start_on_the_bus(atspi_environment, tmp_path, earlier_start=True)


@pytest.fixture
def atspi_reader_turned_on_by_the_bus(atspi_environment, tmp_path):
    """The usual start with accessibility turned on as a screen reader turns it on.

    Orca sets the AT-SPI bus's ``ScreenReaderEnabled``; Qt learns it over D-Bus once its event
    loop runs, with no ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON``: the reading pane's interface is
    registered after the first paint then (reading/accessfactory.py).
    """
    if shutil.which("dbus-send") is None:
        pytest.skip("dbus-send is not installed (Debian package dbus-bin)")
    subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
         "org.freedesktop.DBus.Properties.Set", "string:org.a11y.Status",
         "string:ScreenReaderEnabled", "variant:boolean:true"],
        env=atspi_environment, capture_output=True, timeout=30, check=True,
    )  # fmt: skip
    yield from _start_on_the_bus(atspi_environment, tmp_path, earlier_start=True, always_on=False)


def _start_on_the_bus(
    atspi_environment, tmp_path, earlier_start: bool = False, always_on: bool = True
):
    env = dict(atspi_environment)
    if always_on:
        env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    env.update(
        QT_QPA_PLATFORM="xcb",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        PYTHONPATH=os.pathsep.join([str(HERE.parents[1]), env.get("PYTHONPATH", "")]),
    )
    if earlier_start:  # keeps the copy of the text (core/snapshot.py) and quits
        subprocess.run(
            [sys.executable, "-m", "kyphoreader", "--quit-after-first-paint"],
            env=env, cwd=str(tmp_path), capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        assert list((tmp_path / "cache" / "kyphoreader").glob("first-paint-*.txt"))
    log = (tmp_path / "reader.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-X", "faulthandler", "-m", "kyphoreader"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(tmp_path),
    )  # fmt: skip
    reader = Reader(env, process)
    try:
        reader.ask("wait-app")
        time.sleep(1.0)  # let the window show the leaflet
        yield reader
    finally:
        _stop(process)
        log.close()
    assert process.returncode in (0, -15), (tmp_path / "reader.log").read_text()
