"""Read-only text in its own large size, and the dialog that shows it with a Close button.

About and Contact the clinic are such dialogs: their words keep the reader's size (or larger)
when the dialog host gives the dialog the interface font.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

#: Smallest size of the Close button (WCAG 2.5.5 target size: 44 by 44 px).
CLOSE_MIN_SIZE = (120, 48)


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


class LargeTextDialog(QDialog):
    """A dialog titled ``title`` showing read-only text in ``font``, and a Close button.

    ``name`` is the object name of the dialog (``<name>_dialog``) and of its text
    (``<name>_text``); both have the title as their accessible name.
    """

    def __init__(
        self, title: str, name: str, font: QFont, size: tuple[int, int], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_dialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.browser = LargeTextBrowser(font, self)
        self.browser.setObjectName(f"{name}_text")
        self.browser.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setMinimumSize(*CLOSE_MIN_SIZE)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(*size)
