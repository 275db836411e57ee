"""A read-only text pane whose text keeps its own large size when the interface font changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTextBrowser, QWidget


class LargeTextBrowser(QTextBrowser):
    """A QTextBrowser showing its text in ``font`` whatever font the widget is given.

    The dialog host gives every dialog the interface font (12 to 22 pt), and a QTextBrowser
    passes its widget font on to its text; this one keeps its text at the size it was made
    with (About and Contact the clinic show their words at the reader's size or larger).
    """

    def __init__(self, font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text_font = QFont(font)
        self.setOpenLinks(False)
        self.document().setDefaultFont(self._text_font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """Keep the text's own font after the widget's font changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.document().setDefaultFont(self._text_font)
