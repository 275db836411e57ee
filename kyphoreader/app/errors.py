"""Show an unexpected error kindly and keep its details in a log file, never a traceback."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported when an error is shown: the log needs none (start-up)
    from kyphoreader.app.dialogs import DialogHost

MESSAGE = (
    "Something went wrong inside the reader. You can keep reading: nothing you were reading "
    "has been lost.\n\nIf it happens again, please tell the clinic. The details were saved in:\n"
    "{log}"
)


def _now() -> str:
    """The local time to the second, for the log (datetime is imported when there is one)."""
    import datetime as dt

    return dt.datetime.now().isoformat(timespec="seconds")


def default_log_path() -> Path:
    """Where unexpected errors are recorded (e.g. ~/.local/state/kyphoreader/log/errors.log)."""
    from kyphoreader.paths import default_log_dir

    return default_log_dir() / "errors.log"


def record_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None, log: Path
) -> bool:
    """Append the error's details to ``log``. Returns False if the log cannot be written."""
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as stream:
            stream.write(f"--- {_now()}\n")
            stream.write("".join(traceback.format_exception(kind, error, trace)))
    except OSError:
        return False
    return True


def record_message(message: str, log: Path | None = None) -> bool:
    """Append one line (a bad clinic file, say) to the log. Returns False if it cannot."""
    target = log or default_log_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as stream:
            stream.write(f"--- {_now()} {message}\n")
    except OSError:
        return False
    return True


def install_error_handler(dialogs: DialogHost, log: Path | None = None) -> None:
    """From now on, report unexpected errors in a message box (through ``dialogs``) and a log."""
    target = log or default_log_path()

    def handle(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        from PySide6.QtWidgets import QMessageBox

        saved = record_error(kind, error, trace, target)
        where = str(target) if saved else "(the log file could not be written)"
        dialogs.message(
            QMessageBox.Icon.Critical, "Something went wrong", MESSAGE.format(log=where)
        )

    sys.excepthook = handle
