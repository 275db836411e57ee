"""The "About this leaflet" window: metadata, source, review status and disclaimer."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyphoreader.app.largetext import LargeTextDialog
from kyphoreader.core.clinic import ClinicDetails
from kyphoreader.core.document import about_html
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.reading.view import DEFAULT_POINT_SIZE, reading_font


class AboutDialog(LargeTextDialog):
    """Shows where the leaflet comes from and whether it has been checked."""

    def __init__(
        self,
        leaflet: Leaflet,
        point_size: float = DEFAULT_POINT_SIZE,
        clinic: ClinicDetails | None = None,
        parent: QWidget | None = None,
    ) -> None:
        # Keeps the reader's size when the dialog host gives the dialog the interface font.
        font = reading_font(point_size)
        super().__init__("About this leaflet", "about", font, (720, 620), parent)
        self.browser.setHtml(about_html(leaflet, clinic))
