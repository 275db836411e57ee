"""Run kyphoreader's command line as a user would, in a subprocess (test helper)."""

from __future__ import annotations

import os
import subprocess
import sys


def run_kyphoreader(*args: str, cwd=None, display: bool = True, env_extra=None, timeout=180):
    """Run ``python -m kyphoreader ARGS``; without ``display`` no display variables are set."""
    env = dict(os.environ)
    if not display:
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            env.pop(name, None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "kyphoreader", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
    )
