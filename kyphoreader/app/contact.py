"""The "Contact the clinic" window: whom to call and how to get other formats, in large type."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyphoreader.app.largetext import LargeTextDialog
from kyphoreader.core.clinic import ClinicDetails
from kyphoreader.core.document import contact_paragraphs, unbreakable
from kyphoreader.reading.typography import reading_font
from kyphoreader.reading.view import DEFAULT_POINT_SIZE

#: The contact details are never shown smaller than this, whatever the reader's text size.
CONTACT_MIN_POINTS = 18.0


def contact_text(clinic: ClinicDetails | None) -> str:
    """The contact details as plain text, one detail a paragraph; the phone never breaks."""
    lines = []
    for label, text in contact_paragraphs(clinic):
        value = unbreakable(text) if label == "Phone" else text
        lines.append(f"{label}: {value}" if label else value)
    return "\n\n".join(lines)


class ContactDialog(LargeTextDialog):
    """Shows the clinic's name, phone, hours, urgent advice and the formats statement.

    The words are the same as on the last page of a printed copy and in About. Text from the
    clinic file is shown as plain text, never interpreted as markup. With no clinic file it
    says to ask the person who gave the leaflet.
    """

    def __init__(
        self,
        clinic: ClinicDetails | None,
        point_size: float = DEFAULT_POINT_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        font = reading_font(max(point_size, CONTACT_MIN_POINTS))
        super().__init__("Contact the clinic", "contact", font, (720, 560), parent)
        self.browser.setPlainText(contact_text(clinic))

    def text(self) -> str:
        """The details as shown."""
        return self.browser.toPlainText()
