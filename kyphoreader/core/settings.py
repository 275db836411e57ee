"""Preferences that survive a restart, read from and written to a QSettings-like store.

The store is passed in (a ``QSettings`` in the app, a temporary INI file in tests), so this
module has no Qt import. Anything unreadable, out of range or of the wrong type falls back to
its default: a damaged settings file must never stop the reader from starting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kyphoreader.reading.fontscale import DEFAULT_LEVEL, LEVELS
from kyphoreader.reading.theme import DEFAULT_LINE_SPACING, DEFAULT_THEME, LINE_SPACINGS, THEMES

#: Bump when the meaning of stored window state changes, so old state is ignored, not misread.
STATE_VERSION = 1

KEY_STATE_VERSION = "window/state_version"
KEY_GEOMETRY = "window/geometry"
KEY_WINDOW_STATE = "window/state"
KEY_LAST_SECTION = "reader/last_section"
KEY_TEXT_SIZE = "reader/text_size_percent"
KEY_THEME = "reader/theme"
KEY_LINE_SPACING = "reader/line_spacing_percent"


class SettingsStore(Protocol):
    """The part of ``QSettings`` this module uses."""

    def value(self, key: str, defaultValue: Any = None) -> Any:  # noqa: N803 (Qt's name)
        """The value stored under ``key``, or ``defaultValue``."""
        ...

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802 (Qt's name)
        """Store ``value`` under ``key``."""
        ...

    def sync(self) -> None:
        """Write what was stored to lasting storage, if the store has any."""
        ...


@dataclass
class Settings:
    """Everything the reader remembers between runs."""

    geometry: bytes = b""
    window_state: bytes = b""
    last_section: str = ""
    text_size: int = DEFAULT_LEVEL
    theme: str = DEFAULT_THEME
    line_spacing: int = DEFAULT_LINE_SPACING

    def reading_defaults(self) -> Settings:
        """These settings with size, theme and spacing back to their defaults."""
        return Settings(self.geometry, self.window_state, self.last_section)


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
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _one_of(value: Any, allowed: tuple[int, ...], default: int) -> int:
    number = _as_int(value)
    return number if number in allowed else default


def load_settings(store: SettingsStore) -> Settings:
    """Read settings from ``store``; every bad or missing value becomes its default."""
    try:
        same_version = _as_int(store.value(KEY_STATE_VERSION)) == STATE_VERSION
        theme = _as_str(store.value(KEY_THEME))
        return Settings(
            geometry=_as_bytes(store.value(KEY_GEOMETRY)) if same_version else b"",
            window_state=_as_bytes(store.value(KEY_WINDOW_STATE)) if same_version else b"",
            last_section=_as_str(store.value(KEY_LAST_SECTION)),
            text_size=_one_of(store.value(KEY_TEXT_SIZE), LEVELS, DEFAULT_LEVEL),
            theme=theme if theme in THEMES else DEFAULT_THEME,
            line_spacing=_one_of(
                store.value(KEY_LINE_SPACING), LINE_SPACINGS, DEFAULT_LINE_SPACING
            ),
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
        store.setValue(KEY_TEXT_SIZE, settings.text_size)
        store.setValue(KEY_THEME, settings.theme)
        store.setValue(KEY_LINE_SPACING, settings.line_spacing)
        store.sync()
    except Exception:  # noqa: BLE001 - losing preferences is better than crashing on exit
        return False
    status = getattr(store, "status", None)
    if callable(status):
        return int(getattr(status(), "value", status())) == 0
    return True
