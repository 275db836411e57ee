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
    # Disabled text keeps 4.5:1: its own colour instead of a faded one.
    disabled = QColor(theme.disabled_text)
    for role in (
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


#: Width of the keyboard focus ring on every control (WCAG 2.4.13 asks for at least 2 px).
FOCUS_RING_PX = 4
#: Width of scroll bars, and the smallest length of their thumb.
SCROLL_BAR_PX = 18
SCROLL_THUMB_MIN_PX = 44


def stylesheet_for(theme: Theme) -> str:
    """Big, clearly bordered controls and a thick focus ring on every kind of control.

    Every control that can take the keyboard carries a ring of FOCUS_RING_PX in the theme's
    focus colour when it has it. Bordered controls (buttons, boxes) have a border half as wide
    inside a margin of the same width when they have not: the outer half of the ring then
    replaces the panel colour, a change of 3:1 or more in every theme (WCAG 2.4.13), and nothing
    moves as the focus does. Disabled controls have their own text colour
    (still 4.5:1) and a dashed border; scroll bars are SCROLL_BAR_PX wide with a thumb that
    stands out 3:1 from its track.
    """
    ring = FOCUS_RING_PX
    half = ring // 2
    return f"""
QToolBar {{ spacing: 4px; padding: 2px; }}
QToolButton {{
    color: {theme.panel_text}; background: {theme.button_background};
    margin: {half}px; border: {half}px solid {theme.button_border}; border-radius: 6px;
    padding: 4px 6px; min-width: 40px; min-height: 40px;
}}
QToolButton:checked {{ background: {theme.panel_background}; }}
QToolButton:hover {{ border-color: {theme.focus}; }}
QToolButton:disabled, QPushButton:disabled {{
    color: {theme.disabled_text}; background: {theme.panel_background};
    border-style: dashed; border-color: {theme.disabled_text};
}}
QPushButton {{
    color: {theme.panel_text}; background: {theme.button_background};
    margin: {half}px; border: {half}px solid {theme.button_border}; border-radius: 6px;
    padding: 6px 16px; min-height: 40px; min-width: 40px;
}}
QLineEdit, QComboBox, QAbstractSpinBox {{
    color: {theme.text}; background: {theme.background};
    margin: {half}px; border: {half}px solid {theme.button_border}; border-radius: 6px;
    padding: 4px 8px; min-height: 36px;
    placeholder-text-color: {theme.placeholder};
}}
QLineEdit:disabled, QComboBox:disabled, QAbstractSpinBox:disabled {{
    color: {theme.disabled_text}; border-style: dashed;
}}
QComboBox QAbstractItemView {{
    color: {theme.text}; background: {theme.background};
    selection-color: {theme.selection_text};
    selection-background-color: {theme.selection_background};
}}
QAbstractScrollArea {{ border: {ring}px solid {theme.panel_background}; }}
QRadioButton, QCheckBox {{
    color: {theme.panel_text}; border: {ring}px solid transparent; border-radius: 6px;
    padding: 4px 6px; min-height: 36px; spacing: 10px;
}}
QRadioButton:disabled, QCheckBox:disabled {{ color: {theme.disabled_text}; }}
QRadioButton::indicator, QCheckBox::indicator, QTreeView::indicator {{
    width: 22px; height: 22px; border: 3px solid {theme.button_border};
    background: {theme.background};
}}
QRadioButton::indicator {{ border-radius: 14px; }}
QCheckBox::indicator, QTreeView::indicator {{ border-radius: 3px; }}
QRadioButton::indicator:checked {{
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {theme.text}, stop: 0.55 {theme.text}, stop: 0.6 {theme.background},
        stop: 1 {theme.background});
}}
QCheckBox::indicator:checked, QTreeView::indicator:checked {{
    background: {theme.text}; border: 3px solid {theme.button_border};
}}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled,
QTreeView::indicator:disabled {{ border-style: dashed; border-color: {theme.disabled_text}; }}
QAbstractSpinBox {{ min-width: 4em; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    width: 0px; height: 0px; border: none; image: none;
}}
QTreeView::item {{ min-height: 44px; }}
QToolButton:focus, QPushButton:focus, QLineEdit:focus, QComboBox:focus,
QAbstractSpinBox:focus {{
    margin: 0px; border: {ring}px solid {theme.focus};
}}
QAbstractScrollArea:focus, QRadioButton:focus, QCheckBox:focus {{
    border: {ring}px solid {theme.focus};
}}
QTextBrowser#reader {{
    selection-color: {theme.current_hit_text};
    selection-background-color: {theme.current_hit_background};
}}
QMenuBar::item {{ padding: 12px 14px; }}
QMenu::item {{ padding: 12px 28px 12px 28px; }}
QMenu::item:selected, QMenuBar::item:selected {{
    color: {theme.selection_text}; background: {theme.selection_background};
}}
QMenu::item:disabled {{ color: {theme.disabled_text}; }}
QScrollBar:vertical {{
    width: {SCROLL_BAR_PX}px; background: {theme.panel_background}; margin: 0px;
    border-left: 1px solid {theme.button_border};
}}
QScrollBar:horizontal {{
    height: {SCROLL_BAR_PX}px; background: {theme.panel_background}; margin: 0px;
    border-top: 1px solid {theme.button_border};
}}
QScrollBar::handle {{
    background: {theme.button_border}; border-radius: 4px; margin: 3px;
}}
QScrollBar::handle:vertical {{ min-height: {SCROLL_THUMB_MIN_PX}px; }}
QScrollBar::handle:horizontal {{ min-width: {SCROLL_THUMB_MIN_PX}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QToolTip {{
    color: {theme.text}; background: {theme.background}; border: 2px solid {theme.button_border};
}}
QComboBox {{
    color: {theme.panel_text}; background: {theme.button_background};
    border: 2px solid {theme.button_border}; border-radius: 6px; padding: 4px 8px;
}}
QComboBox:focus {{ border: 4px solid {theme.focus}; }}
"""


#: Set on the application once its style is Fusion. Asking the style for its name would make
#: PySide build QStyle's many enums (about 6 ms) on the way to the first paint of the text.
FUSION_PROPERTY = "kyphoreader_fusion"


def use_fusion(app: QApplication) -> None:
    """Give the application the Fusion style, which honours the palette on every platform."""
    if not app.property(FUSION_PROPERTY):
        app.setStyle("Fusion")
        app.setProperty(FUSION_PROPERTY, True)


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Colour the whole application in ``theme``."""
    use_fusion(app)
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
