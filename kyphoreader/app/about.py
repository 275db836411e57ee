"""The "About this leaflet" window: metadata, source, review status and disclaimer."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from kyphoreader.app.largetext import LargeTextBrowser
from kyphoreader.core.clinic import ClinicDetails
from kyphoreader.core.document import about_html
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.reading.view import DEFAULT_POINT_SIZE, reading_font


class AboutDialog(QDialog):
    """Shows where the leaflet comes from and whether it has been checked."""

    def __init__(
        self,
        leaflet: Leaflet,
        point_size: float = DEFAULT_POINT_SIZE,
        clinic: ClinicDetails | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle("About this leaflet")
        self.setAccessibleName("About this leaflet")
        # Keeps the reader's size when the dialog host gives the dialog the interface font.
        self.browser = LargeTextBrowser(reading_font(point_size), self)
        self.browser.setObjectName("about_text")
        self.browser.setAccessibleName("About this leaflet")
        self.browser.setHtml(about_html(leaflet, clinic))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setMinimumSize(120, 48)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 620)
