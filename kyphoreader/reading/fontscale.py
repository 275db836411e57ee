"""Text size as a percentage of the default, stepped through fixed levels and clamped.

Plain Python (qutebrowser's habit): the widget asks this object for the next size and never
does the arithmetic itself.
"""

from __future__ import annotations

#: Every size the reader offers, as a percentage of the default text size.
LEVELS = (50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 350, 400)
DEFAULT_LEVEL = 100
#: Named sizes for the Text size menu.
NAMED_SIZES = (
    ("Small", 75),
    ("Normal", 100),
    ("Large", 150),
    ("Extra large", 200),
    ("Huge", 300),
    ("Largest", 400),
)


def nearest_level(percent: float) -> int:
    """Return the offered level closest to ``percent`` (clamped to the range)."""
    return min(LEVELS, key=lambda level: (abs(level - percent), level))


class FontScale:
    """The current text size; ``bigger`` and ``smaller`` stop at the ends of the range.

    A plain class rather than a dataclass, which costs half a millisecond to define before the
    first paint (issue #16).
    """

    __slots__ = ("percent",)

    def __init__(self, percent: float = DEFAULT_LEVEL) -> None:
        self.percent: int = nearest_level(percent)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FontScale) and other.percent == self.percent

    def __repr__(self) -> str:
        return f"FontScale(percent={self.percent})"

    def bigger(self) -> int:
        """Step up one level (no change at the largest) and return the new percentage."""
        index = LEVELS.index(self.percent)
        self.percent = LEVELS[min(index + 1, len(LEVELS) - 1)]
        return self.percent

    def smaller(self) -> int:
        """Step down one level (no change at the smallest) and return the new percentage."""
        index = LEVELS.index(self.percent)
        self.percent = LEVELS[max(index - 1, 0)]
        return self.percent

    def reset(self) -> int:
        """Go back to the default size."""
        self.percent = DEFAULT_LEVEL
        return self.percent

    def set(self, percent: float) -> int:
        """Go to the offered level nearest ``percent``."""
        self.percent = nearest_level(percent)
        return self.percent

    @property
    def at_largest(self) -> bool:
        """True at the top of the range."""
        return self.percent == LEVELS[-1]

    @property
    def at_smallest(self) -> bool:
        """True at the bottom of the range."""
        return self.percent == LEVELS[0]

    def points(self, base_points: float) -> float:
        """The text size in points for a default of ``base_points``."""
        return base_points * self.percent / 100


#: Interface (toolbar, menus, panels) label sizes in points: they grow with the text, from
#: INTERFACE_POINTS at the default size up to MAX_INTERFACE_POINTS, which is larger than the
#: default body text, and never below MIN_INTERFACE_POINTS.
INTERFACE_POINTS = 14.0
MIN_INTERFACE_POINTS = 12.0
MAX_INTERFACE_POINTS = 22.0


def interface_points(text_percent: int) -> float:
    """The interface label size that goes with a text size (a percentage of the default)."""
    return min(
        MAX_INTERFACE_POINTS, max(MIN_INTERFACE_POINTS, INTERFACE_POINTS * text_percent / 100)
    )
