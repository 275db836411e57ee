"""The clinic file (``clinic.toml``): a clinic's contact details, defaults and waiting-room mode.

Qt-free. The format is described in ``shared/design/clinic-config.md`` and the README. Reading
never fails: a missing file gives the built-in defaults, a file that is not TOML gives the
defaults and a problem saying so, and a wrong value falls back to its default with a problem
naming it. Unknown keys give a warning, so a newer file still works on an older reader. Text
from the file is plain text; callers must never treat it as HTML or Markdown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

# Where the file is looked for lives with the other paths (the start-up checks it cheaply).
from kyphoreader.paths import (  # noqa: F401 - part of this module's interface
    CLINIC_FILE_NAME,
    CONFIG_ENV,
    find_clinic_file,
    system_config_paths,
)

#: A clinic file is a few lines; anything bigger is not one.
MAX_CLINIC_FILE_BYTES = 64 * 1024
#: Longest text value kept from the file (a phone number, a sentence on urgent help).
MAX_TEXT_CHARS = 1000
#: The statement on other formats when the clinic file gives none.
DEFAULT_FORMATS = (
    "Ask the person who gave you this leaflet for it in large print, audio or another format."
)
#: Shortest countdown before a waiting-room reset (WCAG 2.2.1 asks for at least 20 s).
MIN_WARNING_SECONDS = 20
#: Shortest idle time before the waiting-room warning.
MIN_IDLE_SECONDS = 30


@dataclass(frozen=True)
class ClinicDetails:
    """Who gives out the leaflet and how to reach them (``[clinic]``)."""

    name: str = ""
    phone: str = ""
    hours: str = ""
    email: str = ""
    address: str = ""
    urgent: str = ""
    formats: str = ""

    @property
    def is_set(self) -> bool:
        """True when the clinic gave at least a name or a phone number."""
        return bool(self.name or self.phone)

    @property
    def formats_statement(self) -> str:
        """The sentence on other formats: the clinic's own, or the default one."""
        return self.formats or DEFAULT_FORMATS


@dataclass(frozen=True)
class ReadingDefaults:
    """The clinic's starting text size, colours and spacing (``[reading]``)."""

    text_size: int = 100
    theme: str = "default"  # the reader's theme name: default, high_contrast or dark
    line_spacing: int = 150


@dataclass(frozen=True)
class PrintDefaults:
    """The clinic's paper and starting print size (``[print]``); paper '' means not set."""

    paper: str = ""
    text_size: float = 18.0


@dataclass(frozen=True)
class KioskSettings:
    """The waiting-room mode (``[kiosk]``)."""

    enabled: bool = False
    idle_seconds: int = 120
    warning_seconds: int = 30
    allow_print: bool = False
    pin: str = ""


@dataclass(frozen=True)
class ClinicConfig:
    """Everything read from a clinic file, and what was wrong with it.

    Attributes:
        path: the file read, or None when there was none.
        broken: True when the file exists but could not be read as TOML at all.
        problems: one plain sentence per value that was ignored or fell back to its default.
    """

    clinic: ClinicDetails = ClinicDetails()
    reading: ReadingDefaults = ReadingDefaults()
    print: PrintDefaults = PrintDefaults()
    kiosk: KioskSettings = KioskSettings()
    path: Path | None = None
    broken: bool = False
    problems: tuple[str, ...] = field(default_factory=tuple)


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    # Control characters other than line breaks have no place in contact details.
    cleaned = "".join(c for c in value if c in "\n\t" or c.isprintable())
    return cleaned.strip()[:MAX_TEXT_CHARS]


def _one_of(*allowed: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        for option in allowed:
            if value.strip().casefold() == option.casefold():
                return option
        return None

    return check


def _int_between(low: int, high: int) -> Callable[[Any], int | None]:
    def check(value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        return value if low <= value <= high else None

    return check


def _number_between(low: float, high: float) -> Callable[[Any], float | None]:
    def check(value: Any) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        return float(value) if low <= value <= high else None

    return check


def _theme(value: Any) -> str | None:
    """The theme's name as the reader knows it ("high-contrast" is the theme high_contrast)."""
    name = _one_of("default", "high-contrast", "high_contrast", "dark")(value)
    return name.replace("-", "_") if name else None


def _boolean(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


_RULES: dict[str, tuple[type, dict[str, tuple[Callable[[Any], Any], str]]]] = {
    "clinic": (
        ClinicDetails,
        {
            name: (_text, "text")
            for name in ("name", "phone", "hours", "email", "address", "urgent", "formats")
        },
    ),
    "reading": (
        ReadingDefaults,
        {
            "text_size": (_int_between(50, 400), "a whole number from 50 to 400"),
            "theme": (_theme, "default, high-contrast or dark"),
            "line_spacing": (_int_between(150, 250), "a whole number from 150 to 250"),
        },
    ),
    "print": (
        PrintDefaults,
        {
            "paper": (_one_of("A4", "Letter"), "A4 or Letter"),
            "text_size": (_number_between(12, 36), "a number from 12 to 36"),
        },
    ),
    "kiosk": (
        KioskSettings,
        {
            "enabled": (_boolean, "true or false"),
            "idle_seconds": (_int_between(MIN_IDLE_SECONDS, 24 * 3600), "at least 30 seconds"),
            "warning_seconds": (
                _int_between(MIN_WARNING_SECONDS, 600),
                f"{MIN_WARNING_SECONDS} to 600 seconds",
            ),
            "allow_print": (_boolean, "true or false"),
            "pin": (_text, "the line kyphoreader --hash-pin prints"),
        },
    ),
}


def parse_clinic_config(data: Mapping[str, Any], path: Path | None = None) -> ClinicConfig:
    """Build a ClinicConfig from parsed TOML, keeping every good value and naming every bad one."""
    config = ClinicConfig(path=path)
    problems: list[str] = []
    for section_name, content in data.items():
        if section_name not in _RULES:
            problems.append(f"Unknown section [{section_name}] was ignored.")
            continue
        if not isinstance(content, Mapping):
            problems.append(f"[{section_name}] is not a section and was ignored.")
            continue
        kind, rules = _RULES[section_name]
        values: dict[str, Any] = {}
        for key, value in content.items():
            if key not in rules:
                problems.append(f"Unknown setting {section_name}.{key} was ignored.")
                continue
            check, expected = rules[key]
            checked = check(value)
            if checked is None:
                default = getattr(kind(), key)
                problems.append(
                    f"{section_name}.{key} should be {expected}; the default ({default!r}) is used."
                )
                continue
            values[key] = checked
        current = getattr(config, section_name)
        config = replace(config, **{section_name: replace(current, **values)})
    return replace(config, problems=tuple(problems))


def read_clinic_config(path: Path) -> ClinicConfig:
    """Read the clinic file at ``path``; never raises (see the module docstring)."""
    # Imported here: most starts have no clinic file and need no TOML parser.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        if not path.is_file():
            return ClinicConfig(
                path=path, broken=True, problems=(f"{path} is not a regular file.",)
            )
        if path.stat().st_size > MAX_CLINIC_FILE_BYTES:
            return ClinicConfig(
                path=path,
                broken=True,
                problems=(f"{path} is larger than {MAX_CLINIC_FILE_BYTES // 1024} KB.",),
            )
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        return ClinicConfig(path=path, broken=True, problems=(f"{path} cannot be read: {reason}.",))
    except tomllib.TOMLDecodeError as error:
        return ClinicConfig(
            path=path, broken=True, problems=(f"{path} is not a valid TOML file: {error}.",)
        )
    return parse_clinic_config(data, path)


def load_clinic_config(explicit: Path | None = None) -> ClinicConfig:
    """Find and read the clinic file; no file gives the built-in defaults."""
    path = find_clinic_file(explicit)
    return ClinicConfig() if path is None else read_clinic_config(path)


def config_summary(config: ClinicConfig) -> list[tuple[str, str]]:
    """(setting, value) pairs for About → Clinic settings, as plain text."""
    rows: list[tuple[str, str]] = [("Clinic file", str(config.path) if config.path else "none")]
    for section_name in ("clinic", "reading", "print", "kiosk"):
        section = getattr(config, section_name)
        for item in fields(section):
            value = getattr(section, item.name)
            if item.name == "pin":
                value = "set" if value else "not set"
            rows.append((f"{section_name}.{item.name}", str(value)))
    return rows
