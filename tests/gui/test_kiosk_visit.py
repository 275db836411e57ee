"""A whole visit to the real waiting-room program writes nothing under the user's folders.

The program runs as ``kyphoreader --kiosk`` in a subprocess with HOME, the XDG folders and
the temporary folder inside ``tmp_path``. A small driver, loaded before the program's own
``main``, acts as a visitor once the window is up: searches, changes size and colours,
follows a link, opens About, presses Print, types into the staff PIN box and cancels it,
copies text, and lets the idle reset run.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from clirunner import run_kyphoreader

from kyphoreader.kiosk.policy import hash_pin

pytestmark = pytest.mark.gui

PIN = "482913"
SECRET = "osteoporosis"  # what the visitor searched for: it must be found nowhere afterwards

DRIVER = textwrap.dedent(
    """
    import sys
    import time
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from kyphoreader.app.startup import create_application

    def visit():
        try:
            act()
        except BaseException:  # say what went wrong instead of leaving the test waiting
            import traceback

            print("failed: " + traceback.format_exc().replace("\\n", " | "), flush=True)
            QApplication.exit(1)

    def act():
        window = next(
            w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window"
        )
        mode = window.kiosk_mode
        # Full screen by the time a visitor can reach it: Qt's offscreen platform drops the
        # state at the first show and the window takes it back a turn of the event loop
        # later, which on a busy machine is after this driver's first turn.
        deadline = time.monotonic() + 5
        while not window.isFullScreen() and time.monotonic() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        assert window.isFullScreen()
        window.search_bar.field.setText({secret!r})
        window.search_bar.flush()
        window.search_session.go_to_next()
        window.actions_by_name["zoom_in"].trigger()
        window.actions_by_name["theme_dark"].trigger()
        window.navigation.jump_to("possible-complications")
        window.actions_by_name["about"].trigger()
        window.dialogs.close_all()
        window.actions_by_name["words_explained"].trigger()
        window.dialogs.close_all()
        window.actions_by_name["print"].trigger()
        window.dialogs.close_all()
        dialog = mode.ask_for_pin()
        dialog.field.setText("1234")
        dialog.reject()
        QApplication.clipboard().setText({secret!r})
        mode.reset_visit()  # what the idle countdown does at zero
        assert window.search_bar.text() == ""
        print("visited", flush=True)
        if sys.argv[1] == "pin":
            mode.enter_pin({pin!r})

    app = create_application()
    QTimer.singleShot(300, visit)
    from kyphoreader.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


def private_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KYPHOREADER"))}
    for name, folder in {
        "HOME": "home",
        "XDG_CONFIG_HOME": "home/.config",
        "XDG_CACHE_HOME": "home/.cache",
        "XDG_DATA_HOME": "home/.local/share",
        "XDG_STATE_HOME": "home/.local/state",
        "XDG_RUNTIME_DIR": "run",
        "TMPDIR": "tmp",
    }.items():
        path = tmp_path / folder
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        env[name] = str(path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def files_under(tmp_path: Path) -> list[Path]:
    """Every file in the home, runtime and temporary folders (etc/ holds the test's own)."""
    return sorted(p for p in tmp_path.rglob("*") if not p.is_dir() and p.parent != tmp_path / "etc")


@pytest.fixture
def visit_setup(tmp_path):
    config = tmp_path / "etc" / "clinic.toml"
    config.parent.mkdir()
    config.write_text(
        "[kiosk]\nenabled = true\nallow_print = true\n"
        f'pin = "{hash_pin(PIN, iterations=10_000)}"\n',
        encoding="utf-8",
    )
    driver = tmp_path / "etc" / "visitor.py"
    driver.write_text(DRIVER.format(secret=SECRET, pin=PIN), encoding="utf-8")
    return tmp_path, config, driver, private_env(tmp_path)


def read_line(process: subprocess.Popen, timeout: float = 120) -> str:
    """The next line the program prints, or what went wrong if none comes in time."""
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        process.kill()
        return f"nothing within {timeout} s: {process.stderr.read()[-2000:]}"
    return process.stdout.readline().strip()


def start(driver: Path, how: str, config: Path, env: dict, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(driver), how, "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=cwd,
    )


def test_a_whole_visit_writes_nothing_and_a_second_start_opens_no_window(visit_setup):
    tmp_path, config, driver, env = visit_setup
    reader = start(driver, "stay", config, env, tmp_path / "tmp")
    try:
        assert read_line(reader) == "visited"
        assert files_under(tmp_path) == []
        # A second kyphoreader on this PC, waiting room or not, opens no second window.
        for args in (["--kiosk"], []):
            began = time.monotonic()
            second = run_kyphoreader(*args, env_extra=env, cwd=tmp_path / "tmp", timeout=60)
            assert second.returncode == 0
            assert "already running" in second.stderr
            assert time.monotonic() - began < 30
        assert reader.poll() is None
        reader.send_signal(signal.SIGTERM)  # the PC shutting down
        assert reader.wait(timeout=30) == 0
    finally:
        if reader.poll() is None:
            reader.kill()
        reader.stdout.close()
        reader.stderr.close()
    assert files_under(tmp_path) == []


def test_the_staff_exit_writes_one_log_line_and_nothing_of_the_visit(visit_setup):
    tmp_path, config, driver, env = visit_setup
    reader = start(driver, "pin", config, env, tmp_path / "tmp")
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    assert out.strip() == "visited"
    [log] = files_under(tmp_path)
    assert log.name == "errors.log" and str(log).startswith(env["XDG_STATE_HOME"])
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("waiting-room mode: staff exit with the right PIN; the reader closes")
    assert SECRET not in log.read_text(encoding="utf-8")
