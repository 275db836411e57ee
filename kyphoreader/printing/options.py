"""What to print: the print size, the paper and the sections.

Plain Python, shared by the print dialog and the command line, so both check choices the same
way.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from kyphoreader.core.leaflet import Leaflet, Section

#: Print sizes offered by name (points), after large-print guidance (UKAAF, RNIB).
PRINT_PRESETS = (
    ("Standard", 12.0),
    ("Clear", 14.0),
    ("Large", 18.0),
    ("Extra large", 22.0),
    ("Giant", 28.0),
)
DEFAULT_PRINT_POINTS = 18.0
MIN_PRINT_POINTS = 12.0
MAX_PRINT_POINTS = 36.0
PAPERS = ("A4", "Letter")
#: Margin on every side, in millimetres: one inch, the least large-print guidance allows.
MARGIN_MM = 25.4
#: Territories whose locales measure in US units, the only ones that get US Letter by default:
#: those Qt's locale data marks QLocale.MeasurementSystem.ImperialUSSystem (a test checks them),
#: and Canada, where Letter is the paper in use although Qt's data marks it metric.
IMPERIAL_US_TERRITORIES = frozenset({"US", "UM", "CA"})
#: Locale names that mean "no locale" (a minimal PC, a kiosk image, a service account): A4.
_NO_LOCALE = frozenset({"", "C", "POSIX"})


class PrintOptionError(ValueError):
    """A print choice that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class PrintOptions:
    """One print job's choices. ``section_ids`` empty means the whole leaflet."""

    point_size: float = DEFAULT_PRINT_POINTS
    paper: str = "A4"
    section_ids: tuple[str, ...] = ()


def parse_print_size(text: str) -> float:
    """Read a print size such as ``18`` or ``18pt``.

    Raises:
        PrintOptionError: if it is not a number from 12 to 36.
    """
    cleaned = text.strip().lower().removesuffix("pt").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise PrintOptionError(
            f"print size must be a number of points from {MIN_PRINT_POINTS:g} to "
            f"{MAX_PRINT_POINTS:g}, not {text!r}"
        ) from None
    if not MIN_PRINT_POINTS <= value <= MAX_PRINT_POINTS:
        raise PrintOptionError(
            f"print size must be from {MIN_PRINT_POINTS:g} to {MAX_PRINT_POINTS:g} points, "
            f"not {value:g}"
        )
    return value


def parse_paper(text: str) -> str:
    """Read a paper name (A4 or Letter, any case).

    Raises:
        PrintOptionError: for any other paper.
    """
    for paper in PAPERS:
        if text.strip().lower() == paper.lower():
            return paper
    raise PrintOptionError(f"paper must be A4 or Letter, not {text!r}")


def locale_territory(locale_name: str) -> str:
    """The territory of a locale name such as ``en_US.UTF-8`` or ``en-CA`` ('' if none)."""
    name = locale_name.split(".")[0].split("@")[0].replace("-", "_")
    if name.upper() in _NO_LOCALE:
        return ""
    parts = [part for part in name.split("_") if part]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            return part.upper()
    return ""


def default_paper(clinic_paper: str, locale_name: str | None = None) -> str:
    """The paper to use when none was asked for: the clinic's, then the locale's.

    Args:
        clinic_paper: the clinic file's ``[print] paper`` ('' when not set).
        locale_name: the locale, e.g. ``en_GB.UTF-8``; only territories that measure in US
            units (``IMPERIAL_US_TERRITORIES``) get Letter; C, POSIX or none get A4. (Called
            with one argument, the old form, the argument is a two-letter country code.)
    """
    if locale_name is None:  # the old form: default_paper(country_code)
        clinic_paper, locale_name = "", f"xx_{clinic_paper}"
    if clinic_paper in PAPERS:
        return clinic_paper
    return "Letter" if locale_territory(locale_name) in IMPERIAL_US_TERRITORIES else "A4"


def starting_paper(clinic_paper: str, printer_paper: str, locale_name: str) -> str:
    """The paper the print dialog starts with: the clinic's, the printer's, else the locale's."""
    if clinic_paper in PAPERS:
        return clinic_paper
    if printer_paper in PAPERS:
        return printer_paper
    return default_paper("", locale_name)


def system_locale_name() -> str:
    """The locale that sets the paper, read as the C library does (Qt-free).

    ``LC_ALL``, then ``LC_PAPER``, then ``LANG``; on Windows, the user's locale. Python's own
    ``locale.getlocale()`` is not used: it reports ``C.UTF-8`` as ``en_US``.
    """
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        import ctypes
        import locale

        lcid = ctypes.windll.kernel32.GetUserDefaultLCID()  # type: ignore[attr-defined]
        return locale.windows_locale.get(lcid, "")
    return ""


def with_subsections(section: Section) -> list[str]:
    """The ids of a section and every section under it, in order."""
    ids = [section.id]
    for child in section.children:
        ids.extend(with_subsections(child))
    return ids


def chosen_sections(leaflet: Leaflet, section_ids: tuple[str, ...]) -> list[Section]:
    """The sections to print with their sub-sections, in the leaflet's order (all if none).

    Raises:
        PrintOptionError: naming any id the leaflet does not have, and the ids it has.
    """
    known = leaflet.section_ids
    unknown = [section_id for section_id in section_ids if section_id not in known]
    if unknown:
        raise PrintOptionError(
            f"no section {', '.join(repr(u) for u in unknown)} in this leaflet; "
            f"its sections are: {', '.join(known)}"
        )
    if not section_ids:
        return list(leaflet.walk())
    wanted: set[str] = set()
    for section in leaflet.walk():
        if section.id in section_ids:
            wanted.update(with_subsections(section))
    return [section for section in leaflet.walk() if section.id in wanted]
