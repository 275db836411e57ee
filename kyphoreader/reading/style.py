"""Apply a colour theme to the whole application: palette, buttons and focus ring."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kyphoreader.reading.theme import Theme


def palette_for(theme: Theme) -> QPalette:
    """A palette that colours every widget (panels, toolbar, dialogs) in ``theme``."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.panel_background,
        QPalette.ColorRole.WindowText: theme.panel_text,
        QPalette.ColorRole.Base: theme.background,
        QPalette.ColorRole.AlternateBase: theme.panel_background,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.button_background,
        QPalette.ColorRole.ButtonText: theme.panel_text,
        QPalette.ColorRole.BrightText: theme.text,
        QPalette.ColorRole.Highlight: theme.selection_background,
        QPalette.ColorRole.HighlightedText: theme.selection_text,
        QPalette.ColorRole.Link: theme.link,
        QPalette.ColorRole.LinkVisited: theme.link,
        QPalette.ColorRole.ToolTipBase: theme.background,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.placeholder,
    }
    for role, colour in roles.items():
        palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    disabled = QColor(theme.panel_text)
    disabled.setAlphaF(0.55)
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def stylesheet_for(theme: Theme) -> str:
    """Big, clearly bordered buttons and a thick focus ring in the theme's colours."""
    return f"""
QToolBar {{ spacing: 6px; padding: 4px; }}
QToolButton {{
    color: {theme.panel_text}; background: {theme.button_background};
    border: 2px solid {theme.button_border}; border-radius: 6px;
    padding: 6px 12px; min-width: 44px; min-height: 44px;
}}
QToolButton:checked {{ border-width: 4px; }}
QToolButton:hover {{ border-color: {theme.focus}; }}
QToolButton:focus, QLineEdit:focus, QTreeView:focus, QTextBrowser:focus,
QPushButton:focus {{ border: 4px solid {theme.focus}; }}
QLineEdit {{
    color: {theme.text}; background: {theme.background};
    border: 2px solid {theme.button_border}; border-radius: 6px; padding: 4px 8px;
}}
QPushButton {{
    color: {theme.panel_text}; background: {theme.button_background};
    border: 2px solid {theme.button_border}; border-radius: 6px;
    padding: 6px 16px; min-height: 44px;
}}
QComboBox {{
    color: {theme.panel_text}; background: {theme.button_background};
    border: 2px solid {theme.button_border}; border-radius: 6px; padding: 4px 8px;
}}
QComboBox:focus {{ border: 4px solid {theme.focus}; }}
"""


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Colour the whole application in ``theme``."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # honours the palette the same way on every platform
    app.setPalette(palette_for(theme))
    app.setStyleSheet(stylesheet_for(theme))


def set_font_everywhere(widget: QWidget, font: QFont) -> None:
    """Give ``widget`` and every widget inside it ``font``.

    Widgets styled by a style sheet do not take their parent's font, so it is set on each.
    Each is polished first: polishing later (at its first show) would put the style sheet's
    font back over this one.
    """
    for each in (widget, *widget.findChildren(QWidget)):
        each.ensurePolished()
        each.setFont(font)
