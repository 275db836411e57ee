"""One waiting-room reader per user: a second start asks the running one to show itself, then ends.

Qt-free (the Qt build leaves QtNetwork out, so no QLocalServer). Nothing persistent is written
and a crashed reader never blocks the next one:

- Linux: a Unix socket in the abstract namespace, which has no file and disappears with the
  process that holds it;
- Windows: a named mutex in the session's namespace, released by Windows when the process
  ends (a second start cannot raise the first, which is full screen anyway);
- macOS and other Unix systems: a Unix socket file in the user's runtime or temporary
  folder, removed on exit; one left by a crash answers nobody and is replaced.

The name is keyed by the user (the numeric user id and runtime folder where there are
those), so two people's readers on one PC do not meet.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

# socket and tempfile are imported where they are used: an ordinary start only looks for a
# running waiting room, and on Linux that is a read of /proc/net/unix (start-up time).

#: What a second start sends to the running reader.
SHOW_REQUEST = b"show\n"
_ERROR_ALREADY_EXISTS = 183
_SYNCHRONIZE = 0x00100000


def instance_name() -> str:
    """The name the running waiting-room reader is found by, one per user.

    Where the user has a runtime folder (``XDG_RUNTIME_DIR``, one per user and boot) its
    name is part of the key too, so a test run with its own runtime folder stays apart.
    """
    if hasattr(os, "getuid"):
        key = str(os.getuid())
        runtime = os.environ.get("XDG_RUNTIME_DIR", "")
        if runtime:
            key += f"-{_fnv1a(runtime.encode('utf-8', 'replace')):08x}"
    else:  # Windows
        user = os.environ.get("USERNAME", "") or os.environ.get("USER", "") or "user"
        key = re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:64]
    return f"kyphoreader-kiosk-{key}"


def _fnv1a(data: bytes) -> int:
    """A short, stable checksum (32-bit FNV-1a) that needs no import."""
    value = 0x811C9DC5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _abstract_name_listed(name: str) -> bool | None:
    """Whether Linux lists a socket with this abstract name; None if it cannot tell."""
    try:
        with open("/proc/net/unix", encoding="utf-8", errors="replace") as table:
            return any(line.rstrip().endswith(f" @{name}") for line in table)
    except OSError:
        return None


def _uses_abstract_socket() -> bool:
    return sys.platform.startswith("linux")


def _socket_path(name: str) -> Path:
    import tempfile

    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    folder = Path(runtime) if runtime and Path(runtime).is_dir() else Path(tempfile.gettempdir())
    return folder / f"{name}.sock"


def _address(name: str) -> str:
    return f"\0{name}" if _uses_abstract_socket() else str(_socket_path(name))


class InstanceLock:
    """Held by the running waiting-room reader; other starts find it until ``close()``."""

    def __init__(
        self, sock: socket.socket | None = None, handle: int = 0, path: Path | None = None
    ) -> None:
        self._socket = sock
        self._handle = handle
        self._path = path

    def fileno(self) -> int:
        """The listening socket to watch for show requests, or -1 where there is none."""
        return self._socket.fileno() if self._socket is not None else -1

    def take_requests(self) -> int:
        """Answer every waiting second start. Returns how many asked to be shown."""
        count = 0
        if self._socket is None:
            return count
        while True:
            try:
                connection, _address = self._socket.accept()
            except (BlockingIOError, InterruptedError):
                return count
            except OSError:
                return count
            connection.close()
            count += 1

    def close(self) -> None:
        """Let another reader start (at exit)."""
        if self._socket is not None:
            self._socket.close()
            self._socket = None
            if self._path is not None:
                with contextlib.suppress(OSError):
                    self._path.unlink()
        if self._handle:
            import ctypes

            ctypes.windll.kernel32.CloseHandle(self._handle)  # type: ignore[attr-defined]
            self._handle = 0


def tell_running(name: str | None = None) -> bool:
    """Ask the running waiting-room reader of this user to show itself.

    Returns:
        True if one is running (this start should then end), False if none is.
    """
    name = name or instance_name()
    if sys.platform.startswith("win"):
        return _windows_mutex_exists(name)
    if _uses_abstract_socket():
        if _abstract_name_listed(name) is False:
            return False
    elif not _socket_path(name).exists():
        return False
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(2.0)
        try:
            client.connect(_address(name))
        except OSError:
            return False
        # Someone listens: that is the answer. The reader may already have taken the
        # connection as the request and closed it, so a failed send does not matter.
        with contextlib.suppress(OSError):
            client.sendall(SHOW_REQUEST)
    return True


def claim(name: str | None = None) -> InstanceLock | None:
    """Become the running waiting-room reader of this user.

    Returns:
        The lock to hold until exit, or None if another reader of this user already runs
        (it has been asked to show itself).
    """
    name = name or instance_name()
    if sys.platform.startswith("win"):
        return _claim_windows_mutex(name)
    import socket

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path = None if _uses_abstract_socket() else _socket_path(name)
    try:
        try:
            server.bind(_address(name))
        except OSError as error:
            if error.errno != errno.EADDRINUSE or tell_running(name):
                server.close()
                return None if error.errno == errno.EADDRINUSE else InstanceLock()
            if path is None:  # an abstract name is only taken while its holder lives
                server.close()
                return None
            path.unlink()  # left by a reader that crashed: nobody answers on it
            server.bind(str(path))
        server.listen(8)
        server.setblocking(False)
    except OSError:
        # No socket (a read-only temporary folder, say): run without the guard rather
        # than not at all.
        server.close()
        return InstanceLock()
    return InstanceLock(server, path=path)


def _kernel32():  # noqa: ANN202 - ctypes library, Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateMutexW.restype = wintypes.HANDLE
    kernel32.CreateMutexW.argtypes = [ctypes.c_void_p, wintypes.BOOL, wintypes.LPCWSTR]
    kernel32.OpenMutexW.restype = wintypes.HANDLE
    kernel32.OpenMutexW.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.LPCWSTR]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    return kernel32


def _windows_mutex_exists(name: str) -> bool:
    kernel32 = _kernel32()
    handle = kernel32.OpenMutexW(_SYNCHRONIZE, False, f"Local\\{name}")
    if not handle:
        return False
    kernel32.CloseHandle(handle)
    return True


def _claim_windows_mutex(name: str) -> InstanceLock | None:
    import ctypes

    kernel32 = _kernel32()
    handle = kernel32.CreateMutexW(None, False, f"Local\\{name}")
    if not handle:
        return InstanceLock()
    if ctypes.get_last_error() == _ERROR_ALREADY_EXISTS:  # type: ignore[attr-defined]
        kernel32.CloseHandle(handle)
        return None
    return InstanceLock(handle=handle)
