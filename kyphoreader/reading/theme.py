"""Colour themes and the contrast arithmetic that proves they are readable.

Plain Python: each theme is a set of colours; a test computes WCAG contrast ratios from them
(text at least 7:1, links, highlights, the current-section mark, the mark on explained words,
the ring round the current search match and focus rings at least 3:1 against what surrounds
them; disabled and placeholder text at least 4.5:1).

The sentence being read aloud is marked by a tint behind the text and an underline: the tint
stands 3:1 apart from both search highlights, the underline 3:1 apart from the page and the
tint. (On a light page a third solid highlight colour 3:1 apart from the page and from two
dark search colours, each carrying 7:1 text, does not exist; the underline carries the
contrast against the page instead.)
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple would compile each field's
# annotation from its text, which doubles the cost of defining it before the first paint.

from typing import NamedTuple

#: Line spacings offered, as a percentage of the font's own line height (WCAG 1.4.8: >= 150).
LINE_SPACINGS = (150, 175, 200, 250)
DEFAULT_LINE_SPACING = 150


class Theme(NamedTuple):
    """The colours of the whole window for one theme (``#rrggbb`` strings).

    A named tuple, not a dataclass: it is made before the first paint, where a dataclass
    costs half a millisecond to define (issue #16).
    """

    name: str
    label: str
    text: str
    background: str
    panel_text: str
    panel_background: str
    button_background: str
    button_border: str
    link: str
    hit_text: str
    hit_background: str
    current_hit_text: str
    current_hit_background: str
    selection_text: str
    selection_background: str
    focus: str
    placeholder: str
    reading_text: str
    reading_background: str
    reading_underline: str
    glossary_text: str
    glossary_background: str
    current_hit_ring: str
    disabled_text: str


THEMES: dict[str, Theme] = {
    theme.name: theme
    for theme in (
        Theme(
            name="default",
            label="Default (dark on cream)",
            text="#1a1a1a",
            background="#fffdf5",
            panel_text="#1a1a1a",
            panel_background="#f1eee4",
            button_background="#fffdf5",
            button_border="#5c5a52",
            link="#0a4a94",
            hit_text="#ffffff",
            hit_background="#7a4100",
            current_hit_text="#ffffff",
            current_hit_background="#0b3d91",
            selection_text="#ffffff",
            selection_background="#0b3d91",
            focus="#b00060",
            placeholder="#4d4b45",
            reading_text="#1a1a1a",
            reading_background="#ffe9a8",
            reading_underline="#6a1b9a",
            glossary_text="#ffffff",
            glossary_background="#1e5631",
            current_hit_ring="#1a1a1a",
            disabled_text="#5c5a52",
        ),
        Theme(
            name="high_contrast",
            label="High contrast (yellow on black)",
            text="#ffff00",
            background="#000000",
            panel_text="#ffffff",
            panel_background="#000000",
            button_background="#000000",
            button_border="#ffffff",
            link="#00ffff",
            hit_text="#000000",
            hit_background="#ffffff",
            current_hit_text="#000000",
            current_hit_background="#00ff00",
            selection_text="#000000",
            selection_background="#ffff00",
            focus="#00ffff",
            placeholder="#d0d0d0",
            reading_text="#ffffff",
            reading_background="#00008b",
            reading_underline="#ff66ff",
            glossary_text="#000000",
            glossary_background="#ff9cff",
            current_hit_ring="#ffff00",
            disabled_text="#c0c0c0",
        ),
        Theme(
            name="dark",
            label="Dark",
            text="#e8e6e3",
            background="#121212",
            panel_text="#e8e6e3",
            panel_background="#1e1e1e",
            button_background="#2a2a2a",
            button_border="#a8a8a8",
            link="#9cc3ff",
            hit_text="#000000",
            hit_background="#ffd54f",
            current_hit_text="#000000",
            current_hit_background="#ff9e80",
            selection_text="#000000",
            selection_background="#9cc3ff",
            focus="#ffd54f",
            placeholder="#b8b6b3",
            reading_text="#ffffff",
            reading_background="#1f3a5f",
            reading_underline="#7fdbff",
            glossary_text="#000000",
            glossary_background="#a5d6a7",
            current_hit_ring="#ffffff",
            disabled_text="#a8a8a8",
        ),
    )
}
DEFAULT_THEME = "default"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def theme_named(name: str) -> Theme:
    """Return the theme called ``name``, or the default theme for an unknown name."""
    return THEMES.get(name, THEMES[DEFAULT_THEME])
