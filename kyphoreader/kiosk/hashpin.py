"""``kyphoreader --hash-pin``: read the staff PIN twice, print the clinic-file line to paste."""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from kyphoreader import APP_NAME
from kyphoreader.kiosk.policy import PinError, check_new_pin, hash_pin

PROMPT = "Staff PIN (at least 6 characters): "
PROMPT_AGAIN = "The same PIN again: "


def _read_twice(stdin: TextIO) -> tuple[str, str]:
    """Two PINs: typed without echo at a terminal, else the first two lines of standard input."""
    if stdin.isatty():
        return getpass.getpass(PROMPT), getpass.getpass(PROMPT_AGAIN)
    first = stdin.readline()
    second = stdin.readline()
    if not first.endswith("\n") or not second:
        raise PinError("give the PIN twice, on two lines of standard input")
    return first.rstrip("\r\n"), second.rstrip("\r\n")


def run_hash_pin(
    stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Read the PIN twice and print ``pin = "…"`` for ``[kiosk]``. Returns the exit status.

    Only the line goes to standard output (``kyphoreader --hash-pin >> clinic.toml`` works);
    mistakes go to standard error in one line, with exit status 2.
    """
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        first, second = _read_twice(stdin)
        pin = check_new_pin(first)
        if second.strip() != pin:
            raise PinError("the two PINs are not the same; nothing was printed")
        line = hash_pin(pin)
    except PinError as error:
        print(f"{APP_NAME}: error: {error}", file=stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print(f"{APP_NAME}: error: no PIN was given", file=stderr)
        return 2
    print(f'pin = "{line}"', file=stdout)
    if stdin.isatty():
        print("Put this line in the [kiosk] section of the clinic file.", file=stderr)
    return 0
