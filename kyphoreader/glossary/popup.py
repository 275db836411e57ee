"""The explanation bubble: one explained word and its meaning in large text, beside its sentence.

A thin widget inside the reader's viewport. It never decides which word to explain or where its
sentence is: the glossary controller tells it, and it only shows the text, places itself above or
below the lines it is given, and closes on Escape or its Close button.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kyphoreader.glossary.terms import NOT_THE_ARTICLE, Term
from kyphoreader.reading.fontscale import MAX_INTERFACE_POINTS
from kyphoreader.reading.theme import Theme
from kyphoreader.reading.typography import reading_font

#: Smallest text size of an explanation, in points: large print (standards.md: >= 18 pt).
MIN_POINTS = 18.0
#: Gap between the bubble and the lines it explains, and its distance from the view's edge (px).
GAP = 8
#: Inner margin of the bubble and the width of its border (px).
PADDING = 12
BORDER = 3
#: Close button size (WCAG 2.5.5: at least 44 by 44 px).
BUTTON_MIN_SIZE = (120, 48)
CLOSE_TEXT = "Close"
CLOSE_NAME = "Close the explanation"


def explanation_html(term: Term, points: float) -> str:
    """The bubble's text: the word in bold, its explanation, and that it is not the article's."""
    size = f"font-size: {points:g}pt; line-height: 150%;"
    small = f"font-size: {max(MIN_POINTS * 0.8, points * 0.8):g}pt; line-height: 150%;"
    return (
        f'<p style="{size}"><b>{escape(term.term)}</b></p>'
        f'<p style="{size}">{escape(term.explanation)}</p>'
        f'<p style="{small}">{escape(NOT_THE_ARTICLE)}</p>'
    )


class ExplanationPopup(QFrame):
    """Shows one term's explanation over the reader, next to (never over) its sentence.

    Its accessible name is the word and its accessible description the explanation, so a
    screen reader says both when the bubble takes the keyboard.

    Signals:
        close_requested(): Escape or the Close button asked to close the bubble.
    """

    close_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("glossary_popup")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.term: Term | None = None
        self._points = MIN_POINTS
        self.text = QTextBrowser(self)
        self.text.setObjectName("glossary_popup_text")
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.close_button = QPushButton(CLOSE_TEXT, self)
        self.close_button.setObjectName("glossary_popup_close")
        self.close_button.setAccessibleName(CLOSE_NAME)
        self.close_button.setMinimumSize(*BUTTON_MIN_SIZE)
        self.close_button.clicked.connect(self.close_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PADDING, PADDING, PADDING, PADDING)
        layout.setSpacing(GAP)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        for widget in (self, self.text, self.close_button):
            widget.installEventFilter(self)
        self.hide()

    # -- what it shows -----------------------------------------------------------------------

    def show_term(self, term: Term, points: float) -> None:
        """Show ``term`` at ``points`` (at least MIN_POINTS); placing it is the caller's job."""
        self.term = term
        self._points = max(MIN_POINTS, points)
        self.setAccessibleName(term.term)
        self.setAccessibleDescription(term.explanation)
        self.text.setAccessibleName(f"What {term.term} means")
        self.text.setAccessibleDescription(term.plain_text)
        self.text.setHtml(explanation_html(term, self._points))
        self.text.document().setDefaultFont(reading_font(self._points))
        self.close_button.setFont(self._button_font())
        self.show()
        self.raise_()

    def shown_text(self) -> str:
        """The text in the bubble, as plain text."""
        return self.text.toPlainText()

    def apply_theme(self, theme: Theme) -> None:
        """A panel-coloured bubble with a border that stands out from the page (3:1 or more)."""
        self.setStyleSheet(
            f"QFrame#glossary_popup {{ background: {theme.panel_background}; "
            f"border: {BORDER}px solid {theme.button_border}; border-radius: 8px; }}"
            f"QTextBrowser#glossary_popup_text {{ background: {theme.panel_background}; "
            f"color: {theme.panel_text}; border: none; }}"
        )
        if self.term is not None:
            self.close_button.setFont(self._button_font())

    def _button_font(self):  # noqa: ANN202 - QFont
        """The Close button's font: the explanation's size, up to the largest interface size."""
        return reading_font(min(self._points, MAX_INTERFACE_POINTS))

    # -- where it goes -----------------------------------------------------------------------

    def place(self, area: QRect, left: int, width: int, top: int, bottom: int, clamp: bool) -> bool:
        """Put the bubble below the lines from ``top`` to ``bottom``, or else above them.

        Args:
            area: the part of the parent it may cover (the reader's viewport).
            left: where the text column starts, in the parent's coordinates.
            width: the text column's width.
            top: the top of the first line to keep in view.
            bottom: the bottom of the last line to keep in view.
            clamp: if it fits neither below nor above, put it on the side with more room
                anyway, its text scrolling in the space left (at least a third of the area).

        Returns:
            False if it fits neither below nor above and ``clamp`` is False (nothing moved).
        """
        if not clamp and (top < area.top() or bottom > area.bottom()):
            return False  # the lines are not all in view: the caller scrolls first
        width = max(160, min(width, area.width() - 2 * GAP))
        left = max(area.left() + GAP, min(left, area.right() - GAP - width))
        needed = self._height_for(width)
        below = area.bottom() - GAP - (bottom + GAP)
        above = (top - GAP) - (area.top() + GAP)
        if needed <= below:
            self._set_geometry(left, bottom + GAP, width, needed)
        elif needed <= above:
            self._set_geometry(left, top - GAP - needed, width, needed)
        elif clamp:
            # The larger side, and never less than a third of the view (then over the lines).
            space = max(below, above, area.height() // 3)
            if below >= above:
                y = min(bottom + GAP, area.bottom() - GAP - space)
            else:
                y = max(area.top() + GAP, top - GAP - min(needed, space))
            self._set_geometry(left, y, width, min(needed, space))
        else:
            return False
        return True

    def _chrome_height(self) -> int:
        """Height of everything but the text: margins, spacing and the Close button."""
        return 2 * PADDING + GAP + self.close_button.sizeHint().height()

    def _height_for(self, width: int) -> int:
        document = self.text.document().clone()
        document.setTextWidth(width - 2 * PADDING)
        return int(document.size().height()) + 4 + self._chrome_height()

    def _set_geometry(self, left: int, top: int, width: int, height: int) -> None:
        self.text.setFixedHeight(max(40, height - self._chrome_height()))
        self.setGeometry(left, top, width, height)

    # -- keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Escape closes the bubble, before any window shortcut on Escape can take it."""
        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.close_requested.emit()
                return True
        return False

    @Slot()
    def focus_text(self) -> None:
        """Give the keyboard to the explanation, so a screen reader reads it."""
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
