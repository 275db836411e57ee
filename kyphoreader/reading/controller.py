"""Appearance: text size, colours and line spacing, applied to every window and every dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from kyphoreader.reading.fontscale import FontScale, interface_points, nearest_level
from kyphoreader.reading.style import apply_theme, set_font_everywhere
from kyphoreader.reading.theme import (
    DEFAULT_LINE_SPACING,
    DEFAULT_THEME,
    LINE_SPACINGS,
    Theme,
    theme_named,
)
from kyphoreader.reading.typography import reading_font
from kyphoreader.reading.view import DEFAULT_POINT_SIZE, ReaderView


class AppearanceDefaults(NamedTuple):
    """Where Reset (and a waiting-room reset) returns to: the built-in or the clinic's values.

    A named tuple: it is made before the first paint (see ``reading.theme.Theme``).
    """

    text_size: int = 100
    theme: str = DEFAULT_THEME
    line_spacing: int = DEFAULT_LINE_SPACING


class AppearanceController(QObject):
    """Owns the text size, theme and line spacing, and applies them everywhere at once.

    "Everywhere" is the reader, the application's palette and style sheet, every widget of the
    window's chrome (given by ``chrome``), and every dialog the dialog host opens.

    Signals:
        changed(): size, theme or spacing changed (the window updates its menus; settings save).
        theme_applied(object): the Theme now in use (features colour their highlight layers).
    """

    changed = Signal()
    theme_applied = Signal(object)

    def __init__(
        self,
        reader: ReaderView,
        chrome: Callable[[], list[QWidget]],
        defaults: AppearanceDefaults = AppearanceDefaults(),  # noqa: B008 - an immutable tuple
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._chrome = chrome
        self.defaults = defaults
        self.font_scale = FontScale(defaults.text_size)
        self._theme = theme_named(defaults.theme).name
        self._line_spacing = defaults.line_spacing
        self._applied_theme = ""
        self._applied_interface_points = 0.0

    # -- state -------------------------------------------------------------------------------

    @property
    def text_size(self) -> int:
        """Text size as a percentage of the default."""
        return self.font_scale.percent

    @property
    def theme(self) -> Theme:
        """The colour theme in use."""
        return theme_named(self._theme)

    @property
    def line_spacing(self) -> int:
        """Body line height as a percentage of the font's own."""
        return self._line_spacing

    def body_points(self) -> float:
        """The reader's body text size in points."""
        return self.font_scale.points(DEFAULT_POINT_SIZE)

    def interface_font_points(self) -> float:
        """The size of labels, buttons and panels that goes with the text size."""
        return interface_points(self.font_scale.percent)

    def restore(self, text_size: int, theme: str, line_spacing: int) -> None:
        """Take saved values (already checked by the settings loader) and apply them."""
        self.font_scale.set(text_size)
        self._theme = theme_named(theme).name
        if line_spacing in LINE_SPACINGS:
            self._line_spacing = line_spacing
        self.apply()

    def reset(self) -> None:
        """Back to the defaults (the clinic's, where it set them)."""
        self.font_scale.set(nearest_level(self.defaults.text_size))
        self._theme = theme_named(self.defaults.theme).name
        self._line_spacing = (
            self.defaults.line_spacing
            if self.defaults.line_spacing in LINE_SPACINGS
            else DEFAULT_LINE_SPACING
        )
        self._changed()

    # -- changing ----------------------------------------------------------------------------

    @Slot()
    def larger_text(self) -> None:
        """One step bigger (text and interface), up to the largest size."""
        self.font_scale.bigger()
        self._changed()

    @Slot()
    def smaller_text(self) -> None:
        """One step smaller, down to the smallest size."""
        self.font_scale.smaller()
        self._changed()

    @Slot()
    def normal_text(self) -> None:
        """Back to the default text size."""
        self.font_scale.set(nearest_level(self.defaults.text_size))
        self._changed()

    def set_text_size(self, percent: int) -> None:
        """Set the text size to ``percent`` of the default (snapped to an offered size)."""
        self.font_scale.set(percent)
        self._changed()

    def set_theme(self, name: str) -> None:
        """Colour everything with the theme called ``name``."""
        self._theme = theme_named(name).name
        self._changed()

    def set_line_spacing(self, percent: int) -> None:
        """Set the body line spacing (150 to 250 percent of the font's line height)."""
        if percent in LINE_SPACINGS:
            self._line_spacing = percent
            self._changed()

    @Slot(int)
    def step(self, direction: int) -> None:
        """Bigger for a positive ``direction``, smaller for a negative one (Ctrl+wheel)."""
        if direction > 0:
            self.larger_text()
        elif direction < 0:
            self.smaller_text()

    def _changed(self) -> None:
        self.apply()
        self.changed.emit()

    # -- applying ----------------------------------------------------------------------------

    def apply(self) -> None:
        """Show the text, and size and colour every window and dialog, as the state says."""
        theme = self.theme
        theme_changed = theme.name != self._applied_theme
        if theme_changed:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, theme)
            self._applied_theme = theme.name
        if theme_changed:
            self._reader.set_link_colour(theme.link)
            self._reader.set_layer_ring("current_match", theme.current_hit_ring)
            self._reader.set_layer_ring("focus", theme.focus)
        self._reader.set_text_appearance(self.body_points(), self._line_spacing)
        points = self.interface_font_points()
        # A new style sheet re-polishes every widget and drops fonts set before it, so the
        # interface font is set again after every theme change, not only when its size changes.
        if theme_changed or points != self._applied_interface_points:
            self._applied_interface_points = points
            for widget in self._chrome():
                self.style_widget(widget)
        if theme_changed:
            self.theme_applied.emit(theme)

    def interface_font(self):  # noqa: ANN201 - QFont, imported lazily by callers
        """The font of labels, buttons and panels."""
        return reading_font(self.interface_font_points())

    def style_widget(self, widget: QWidget) -> None:
        """Give ``widget`` (a panel, toolbar, menu bar or dialog) the interface font throughout."""
        from PySide6.QtWidgets import QMenu

        font = self.interface_font()
        set_font_everywhere(widget, font)
        for menu in widget.findChildren(QMenu):
            menu.setFont(font)
