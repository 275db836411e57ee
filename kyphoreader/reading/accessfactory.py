"""Tell Qt how to make the reading pane's accessible interface, without making it yet.

The interface itself (``reading/accessible.py``) is imported the first time an assistive
technology asks for it, not at start-up, where the text is painted first (issue #16).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QWidget

#: The property that marks a widget as showing the leaflet's text (``ReaderView``).
DOCUMENT_PROPERTY = "kyphoreader_document"
_INSTALLED = "kyphoreader_reader_accessibility"


def _factory(_class_name: str, candidate: QObject) -> QAccessibleInterface | None:
    if isinstance(candidate, QWidget) and candidate.property(DOCUMENT_PROPERTY):
        from kyphoreader.reading.accessible import ReaderAccessible

        return ReaderAccessible(candidate)
    return None


def install_reader_accessibility() -> None:
    """Register the reading pane's accessible interface (once per application)."""
    app = QApplication.instance()
    if app is None or app.property(_INSTALLED):
        return
    QAccessible.installFactory(_factory)
    app.setProperty(_INSTALLED, True)
