"""What to print: the print size, the paper and the sections.

Plain Python, shared by the print dialog and the command line, so both check choices the same
way.
"""

from __future__ import annotations

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
#: Margin on every side, in millimetres (at least 2 cm; 25 mm is about one inch).
MARGIN_MM = 25.0
#: Countries that use US Letter paper by default.
_LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"})


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


def default_paper(country_code: str) -> str:
    """Letter in the countries that use it, A4 everywhere else."""
    return "Letter" if country_code.upper() in _LETTER_COUNTRIES else "A4"


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
