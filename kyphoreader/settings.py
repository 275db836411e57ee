"""Preferences that survive a restart, read from and written to a QSettings-like store.

The store is passed in (a ``QSettings`` in the app, a temporary INI file in tests), so this
module has no Qt import. Anything unreadable, out of range or of the wrong type falls back to
its default: a damaged settings file must never stop the reader from starting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

#: Bump when the meaning of stored window state changes, so old state is ignored, not misread.
STATE_VERSION = 1

KEY_STATE_VERSION = "window/state_version"
KEY_GEOMETRY = "window/geometry"
KEY_WINDOW_STATE = "window/state"
KEY_LAST_SECTION = "reader/last_section"


class SettingsStore(Protocol):
    """The part of ``QSettings`` this module uses."""

    def value(self, key: str, defaultValue: Any = None) -> Any: ...  # noqa: N803 (Qt's name)

    def setValue(self, key: str, value: Any) -> None: ...  # noqa: N802 (Qt's name)

    def sync(self) -> None: ...


@dataclass
class Settings:
    """Everything the reader remembers between runs."""

    geometry: bytes = b""
    window_state: bytes = b""
    last_section: str = ""


def _as_bytes(value: Any) -> bytes:
    """Accept bytes or a QByteArray; anything else counts as missing."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if type(value).__name__ == "QByteArray":
        return bytes(value.data())
    return b""


def _as_str(value: Any, limit: int = 200) -> str:
    return value if isinstance(value, str) and len(value) <= limit else ""


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def load_settings(store: SettingsStore) -> Settings:
    """Read settings from ``store``; every bad or missing value becomes its default."""
    try:
        same_version = _as_int(store.value(KEY_STATE_VERSION)) == STATE_VERSION
        return Settings(
            geometry=_as_bytes(store.value(KEY_GEOMETRY)) if same_version else b"",
            window_state=_as_bytes(store.value(KEY_WINDOW_STATE)) if same_version else b"",
            last_section=_as_str(store.value(KEY_LAST_SECTION)),
        )
    except Exception:  # noqa: BLE001 - a damaged store must never stop the reader starting
        return Settings()


def save_settings(store: SettingsStore, settings: Settings) -> bool:
    """Write ``settings`` to ``store``. Returns False if the store could not be written."""
    try:
        store.setValue(KEY_STATE_VERSION, STATE_VERSION)
        store.setValue(KEY_GEOMETRY, settings.geometry)
        store.setValue(KEY_WINDOW_STATE, settings.window_state)
        store.setValue(KEY_LAST_SECTION, settings.last_section)
        store.sync()
    except Exception:  # noqa: BLE001 - losing preferences is better than crashing on exit
        return False
    status = getattr(store, "status", None)
    if callable(status):
        return int(getattr(status(), "value", status())) == 0
    return True
