"""Preferences that survive a restart, read from and written to a store passed in.

The store is a ``QSettings`` at home, a ``MemoryStore`` that writes nothing in the waiting
room, and a temporary INI file in tests, so this module has no Qt import. Anything unreadable,
out of range or of the wrong type falls back to its default: a damaged settings file must never
stop the reader from starting.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, Protocol

from kyphoreader.readaloud.pace import DEFAULT_RATE, RATES
from kyphoreader.reading.fontscale import DEFAULT_LEVEL, LEVELS
from kyphoreader.reading.theme import DEFAULT_LINE_SPACING, DEFAULT_THEME, LINE_SPACINGS, THEMES

#: Bump when the meaning of stored window state changes, so old state is ignored, not misread.
STATE_VERSION = 1

KEY_STATE_VERSION = "window/state_version"
KEY_GEOMETRY = "window/geometry"
KEY_WINDOW_STATE = "window/state"
KEY_LAST_SECTION = "reader/last_section"  # + "/<leaflet key>": one per leaflet
KEY_TEXT_SIZE = "reader/text_size_percent"
KEY_THEME = "reader/theme"
KEY_LINE_SPACING = "reader/line_spacing_percent"
KEY_READ_ALOUD_SPEED = "readaloud/speed"  # one of readaloud.pace.RATES
KEY_READ_ALOUD_VOICE = "readaloud/voice"  # a voice's name; '' is the language's usual voice


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


class MemoryStore:
    """A store that keeps values in memory only: the waiting-room mode writes nothing to disk."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def value(self, key: str, defaultValue: Any = None) -> Any:  # noqa: N803 (Qt's name)
        """The value stored under ``key``, or ``defaultValue``."""
        return self._values.get(key, defaultValue)

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802 (Qt's name)
        """Keep ``value`` under ``key`` until the program ends."""
        self._values[key] = value

    def sync(self) -> None:
        """Nothing to write."""

    def allKeys(self) -> list[str]:  # noqa: N802 (Qt's name)
        """Every key stored."""
        return list(self._values)

    def clear(self) -> None:
        """Forget everything."""
        self._values.clear()


def leaflet_key(source_name: str) -> str:
    """A short, stable name for a leaflet, to remember things per leaflet.

    Made from the leaflet's folder and file name (``kyphoplasty-leaflet``), so the same leaflet
    keeps its place wherever the reader is installed, and two leaflets do not share one.
    """
    path = PurePath(source_name.replace("\\", "/"))
    raw = f"{path.parent.name}-{path.stem}" if path.parent.name else path.stem
    key = "".join(c if c.isalnum() or c in "-_" else "_" for c in raw.casefold())
    return key.strip("-_")[:80] or "leaflet"


class Settings:
    """Everything the reader remembers between runs.

    ``last_sections`` maps a leaflet's key (``leaflet_key``) to the section read last in it.
    ``read_aloud_speed`` is one of ``readaloud.pace.RATES``; ``read_aloud_voice`` a voice's
    name, '' for the usual voice of the leaflet's language.

    A plain class rather than a dataclass, which costs half a millisecond to define before the
    first paint (issue #16); it compares and prints as one would.
    """

    _FIELDS = (
        "geometry",
        "window_state",
        "last_sections",
        "text_size",
        "theme",
        "line_spacing",
        "read_aloud_speed",
        "read_aloud_voice",
    )
    __slots__ = _FIELDS

    def __init__(
        self,
        geometry: bytes = b"",
        window_state: bytes = b"",
        last_sections: dict[str, str] | None = None,
        text_size: int = DEFAULT_LEVEL,
        theme: str = DEFAULT_THEME,
        line_spacing: int = DEFAULT_LINE_SPACING,
        read_aloud_speed: int = DEFAULT_RATE,
        read_aloud_voice: str = "",
    ) -> None:
        self.geometry = geometry
        self.window_state = window_state
        self.last_sections: dict[str, str] = {} if last_sections is None else last_sections
        self.text_size = text_size
        self.theme = theme
        self.line_spacing = line_spacing
        self.read_aloud_speed = read_aloud_speed
        self.read_aloud_voice = read_aloud_voice

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and other._values() == self._values()

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"Settings({values})"

    def reading_defaults(self) -> Settings:
        """These settings with size, theme and spacing back to their defaults."""
        return Settings(self.geometry, self.window_state, dict(self.last_sections))

    def last_section(self, leaflet: str) -> str:
        """The section last read in the leaflet with key ``leaflet``, or ''."""
        return self.last_sections.get(leaflet, "")


def _as_bytes(value: Any) -> bytes:
    """Accept hexadecimal text (as saved), bytes or a QByteArray; anything else is missing."""
    if isinstance(value, str):
        try:
            return bytes.fromhex(value)
        except ValueError:
            return b""
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


#: At most this many leaflets' last sections are remembered.
MAX_REMEMBERED_LEAFLETS = 50


def _last_sections(store: SettingsStore) -> dict[str, str]:
    keys = getattr(store, "allKeys", None)
    names = keys() if callable(keys) else []
    prefix = f"{KEY_LAST_SECTION}/"
    found: dict[str, str] = {}
    for key in names:
        if isinstance(key, str) and key.startswith(prefix):
            section = _as_str(store.value(key))
            if section and len(found) < MAX_REMEMBERED_LEAFLETS:
                found[key[len(prefix) :]] = section
    return found


def load_settings(store: SettingsStore, defaults: Settings | None = None) -> Settings:
    """Read settings from ``store``; every bad or missing value becomes its default.

    Args:
        store: where the settings are kept.
        defaults: the values to fall back to (the clinic's reading defaults, say); the
            built-in ones if not given.
    """
    base = defaults or Settings()
    try:
        same_version = _as_int(store.value(KEY_STATE_VERSION)) == STATE_VERSION
        theme = _as_str(store.value(KEY_THEME))
        return Settings(
            geometry=_as_bytes(store.value(KEY_GEOMETRY)) if same_version else b"",
            window_state=_as_bytes(store.value(KEY_WINDOW_STATE)) if same_version else b"",
            last_sections=_last_sections(store),
            text_size=_one_of(store.value(KEY_TEXT_SIZE), LEVELS, base.text_size),
            theme=theme if theme in THEMES else base.theme,
            line_spacing=_one_of(store.value(KEY_LINE_SPACING), LINE_SPACINGS, base.line_spacing),
            read_aloud_speed=_one_of(
                store.value(KEY_READ_ALOUD_SPEED), RATES, base.read_aloud_speed
            ),
            read_aloud_voice=_as_str(store.value(KEY_READ_ALOUD_VOICE), limit=100),
        )
    except Exception:  # noqa: BLE001 - a damaged store must never stop the reader starting
        return Settings(
            text_size=base.text_size,
            theme=base.theme,
            line_spacing=base.line_spacing,
            read_aloud_speed=base.read_aloud_speed,
        )


def save_settings(store: SettingsStore, settings: Settings) -> bool:
    """Write ``settings`` to ``store``. Returns False if the store could not be written."""
    try:
        store.setValue(KEY_STATE_VERSION, STATE_VERSION)
        # As text: QSettings keeps Python bytes as a pickle, and reading one back imports
        # pickle before the first paint (issue #16).
        store.setValue(KEY_GEOMETRY, settings.geometry.hex())
        store.setValue(KEY_WINDOW_STATE, settings.window_state.hex())
        for leaflet, section in settings.last_sections.items():
            store.setValue(f"{KEY_LAST_SECTION}/{leaflet}", section)
        store.setValue(KEY_TEXT_SIZE, settings.text_size)
        store.setValue(KEY_THEME, settings.theme)
        store.setValue(KEY_LINE_SPACING, settings.line_spacing)
        store.setValue(KEY_READ_ALOUD_SPEED, settings.read_aloud_speed)
        store.setValue(KEY_READ_ALOUD_VOICE, settings.read_aloud_voice)
        store.sync()
    except Exception:  # noqa: BLE001 - losing preferences is better than crashing on exit
        return False
    status = getattr(store, "status", None)
    if callable(status):
        return int(getattr(status(), "value", status())) == 0
    return True
