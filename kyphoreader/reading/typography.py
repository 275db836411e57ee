"""How leaflet text is set, on screen and on paper.

Typeface, line spacing, paragraph gaps and heading sizes, applied to a QTextDocument. Qt GUI
only (no widgets), so printing and PDF export can use it without a window.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintDevice, QTextBlock

#: The typeface designed for low vision that ships with the reader, then fallbacks.
READING_FAMILIES = ["Atkinson Hyperlegible", "Verdana", "DejaVu Sans", "Arial", "sans-serif"]
_FONT_PACKAGE = "fontpkg_atkinson_hyperlegible"
_FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")
HEADING_LINE_HEIGHT = 120
#: The resolution in which QTextDocument takes block margins when laid out for a printer.
LOGICAL_DPI = 96
#: How much larger than body text each heading level is at the normal size (0.6 = 60 %).
HEADING_STEPS = {1: 0.6, 2: 0.35, 3: 0.18, 4: 0.1}
#: Body size (points) up to which headings keep their full step; above it the step shrinks
#: so that headings still fit a line at the largest sizes.
FULL_HEADING_STEP_UP_TO = 16.0
#: Qt::AlignLeft. Set as a number: ``Qt.AlignmentFlag`` would make Qt's whole namespace of
#: enums (about 15 ms) before the first paint of the text, where nothing else needs it.
_ALIGN_LEFT = 0x0001


@functools.lru_cache(maxsize=1)
def load_reading_typeface() -> bool:
    """Register Atkinson Hyperlegible with Qt once. False: a fallback sans-serif is used."""
    # The package's own folder rather than importlib.resources, whose import costs start-up
    # time; __file__ is right in a PyInstaller bundle too.
    try:
        import fontpkg_atkinson_hyperlegible as package  # a plain import, so PyInstaller sees it
    except ImportError:
        return False
    folder = Path(package.__file__ or "").parent / "files"
    loaded = [QFontDatabase.addApplicationFont(str(folder / name)) for name in _FONT_FILES]
    # The fonts' own families: listing every family of the system would take longer.
    return all(
        READING_FAMILIES[0] in QFontDatabase.applicationFontFamilies(font) for font in loaded
    )


def reading_font(point_size: float) -> QFont:
    """Return the sans-serif reading font at ``point_size``."""
    font = QFont()
    font.setFamilies(READING_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(point_size)
    return font


def heading_point_size(body_points: float, level: int) -> float:
    """The size of a heading of ``level`` over body text of ``body_points``."""
    step = HEADING_STEPS.get(level, HEADING_STEPS[max(HEADING_STEPS)])
    shrink = (FULL_HEADING_STEP_UP_TO / max(FULL_HEADING_STEP_UP_TO, body_points)) ** 0.5
    return body_points * (1 + max(0.08, step * shrink))


def set_text(
    document: QTextDocument,
    body_points: float,
    line_spacing: int,
    device: QPaintDevice | None = None,
) -> None:
    """Set every block of ``document``: line height, paragraph gap, heading size, alignment.

    Args:
        document: a document whose HTML is already loaded.
        body_points: body text size.
        line_spacing: body line height in percent of the font's line height (150 or more).
        device: the device the text is laid out for (a printer); None for the screen.
    """
    font = reading_font(body_points)
    document.setDefaultFont(font)
    if device is None:
        line = QFontMetricsF(font).lineSpacing()
    else:
        # A document laid out for a printer takes margins in 96-dpi pixels and scales them to
        # the device itself, so the printer's line height is converted back.
        line = QFontMetricsF(font, device).lineSpacing() * LOGICAL_DPI / device.logicalDpiY()
    heading_height = max(HEADING_LINE_HEIGHT, line_spacing - 30)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        fmt = QTextBlockFormat()
        if level > 0:
            _size_heading(cursor, block, heading_point_size(body_points, level))
            fmt.setLineHeight(
                heading_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
            fmt.setTopMargin(line * 1.2)
            fmt.setBottomMargin(line * 0.5)
        else:
            fmt.setLineHeight(
                line_spacing, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
            fmt.setTopMargin(0)
            fmt.setBottomMargin(line * line_spacing / 100)
        # Never justified or centred (what QTextBlockFormat.setAlignment(AlignLeft) sets).
        fmt.setProperty(QTextFormat.Property.BlockAlignment, _ALIGN_LEFT)
        cursor.setPosition(block.position())
        cursor.mergeBlockFormat(fmt)
        block = block.next()
    cursor.endEditBlock()


def _size_heading(cursor: QTextCursor, block: QTextBlock, size: float) -> None:
    """Make a heading bold at ``size`` points.

    Qt sizes HTML headings by a relative "size adjustment" that overrides any point size, so
    each fragment's format is replaced by a copy without it (anchors are kept).
    """
    fragments = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        fragments.append((fragment.position(), fragment.length(), fragment.charFormat()))
        iterator += 1
    for position, length, char_format in fragments:
        char_format.clearProperty(QTextFormat.Property.FontSizeAdjustment)
        char_format.setFontPointSize(size)
        char_format.setFontWeight(QFont.Weight.Bold.value)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(char_format)
    cursor.clearSelection()
