"""Read a local file only if it is a regular file of bounded size, without ever blocking.

A leaflet, its images and its lay-word list are files a clinic copies around; any of them may
turn out to be a named pipe (which blocks a plain ``open`` until someone writes to it), a
device such as ``/dev/zero`` (endless) or a link to one. Everything the reader takes from
the disk for a leaflet goes through ``read_regular_file``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: Open flags: never block on a pipe swapped in after the check, never become a controlling
#: terminal, and no text translation on Windows (where O_NONBLOCK does not exist).
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 64 * 1024


class FileRefusedError(Exception):
    """A file was not read; the message says why in plain words (without the file's name)."""


def size_text(size: int) -> str:
    """A size limit in words a reader knows: "512 bytes", "128 KB", "1 MB", "1.5 MB"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:g} {unit}" if size * 10 % scale == 0 else f"{size:,} bytes"
    return f"{size:,} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _refuse_special(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _kind(mode)
        if kind == "a folder":
            raise FileRefusedError("this is a folder, not a file")
        if kind == "not an ordinary file":
            raise FileRefusedError("this is not an ordinary file")
        raise FileRefusedError(f"this is {kind}, not an ordinary file")


def _too_large(limit: int, size: int | None = None) -> FileRefusedError:
    found = f" ({size:,} bytes)" if size is not None else ""
    return FileRefusedError(f"the file is too large{found}; at most {size_text(limit)} is allowed")


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """Return the contents of ``path`` if it is a regular file of at most ``limit`` bytes.

    Links are followed, but only to a regular file. The file is checked before it is opened
    and again once it is open (it may have been swapped), it is opened without blocking, and
    at most ``limit + 1`` bytes are ever read, so a file that grows while it is read is caught.

    Raises:
        FileNotFoundError: if there is no such file (so callers can treat it as absent).
        FileRefusedError: if it is a folder, pipe, device or socket, is too large, or cannot be
            read; the message says which.
    """
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise
    except PermissionError:
        raise FileRefusedError("the file cannot be read (permission denied)") from None
    except (OSError, ValueError) as error:
        raise FileRefusedError(f"the file cannot be read ({_reason(error)})") from None
    _refuse_special(before.st_mode)
    if before.st_size > limit:
        raise _too_large(limit, before.st_size)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise
    except PermissionError:
        raise FileRefusedError("the file cannot be read (permission denied)") from None
    except OSError as error:
        raise FileRefusedError(f"the file cannot be read ({_reason(error)})") from None
    try:
        _refuse_special(os.fstat(descriptor).st_mode)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(_CHUNK, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except BlockingIOError:
        raise FileRefusedError("the file cannot be read now (it is busy)") from None
    except OSError as error:
        raise FileRefusedError(f"the file cannot be read ({_reason(error)})") from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _reason(error: BaseException) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error) or "unknown"
