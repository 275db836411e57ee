"""The "Words explained" window: every explained word of the leaflet, A to Z, in large text."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from kyphoreader.glossary.popup import BUTTON_MIN_SIZE, MIN_POINTS
from kyphoreader.glossary.terms import WORDS_EXPLAINED_HEADING, Term
from kyphoreader.reading.typography import LOGICAL_DPI

#: The first line of the list on screen (the printed one speaks of "this copy").
LIST_INTRO = (
    "The hard words in this leaflet, explained in everyday words, from A to Z. "
    "These explanations are not part of the article."
)
#: What the list says when the leaflet has no glossary.
NO_WORDS = "This leaflet has no words explained."


def word_list_html(terms: Iterable[Term], points: float) -> str:
    """Every term in bold with its explanation, in the order given, at ``points``."""
    # Lines 1.5 apart and a blank line between words (WCAG 1.4.8; large-print guidance).
    gap = round(points * LOGICAL_DPI / 72)
    size = f"font-size: {points:g}pt; line-height: 150%; margin-bottom: {gap}px;"
    rows = [f'<p style="{size}">{escape(LIST_INTRO)}</p>']
    listed = [
        f'<p style="{size}"><b>{escape(term.term)}:</b> {escape(term.explanation)}</p>'
        for term in terms
    ]
    if not listed:
        rows = [f'<p style="{size}">{escape(NO_WORDS)}</p>']
    return "\n".join(rows + listed)


class WordListDialog(QDialog):
    """Lists the explained words A to Z; the text takes the keyboard and scrolls with it."""

    def __init__(self, terms: Iterable[Term], points: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("words_explained")
        self.setWindowTitle(WORDS_EXPLAINED_HEADING)
        self.setAccessibleName(WORDS_EXPLAINED_HEADING)
        self.terms = list(terms)
        points = max(MIN_POINTS, points)
        self.text = QTextBrowser(self)
        self.text.setObjectName("words_explained_text")
        self.text.setAccessibleName(f"{WORDS_EXPLAINED_HEADING}, A to Z")
        self.text.setAccessibleDescription(LIST_INTRO)
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(word_list_html(self.terms, points))
        close = QPushButton("Close", self)
        close.setObjectName("words_explained_close")
        close.setAccessibleName("Close the list of words explained")
        close.setMinimumSize(*BUTTON_MIN_SIZE)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        if parent is not None:
            self.resize(parent.width() * 4 // 5, parent.height() * 4 // 5)
        self.setFocusProxy(self.text)  # the list takes the keyboard when it opens

    def listed_terms(self) -> list[str]:
        """The words the list shows, in order."""
        return [term.term for term in self.terms]
