"""Tell Qt how to make the reading pane's accessible interface, without making it yet.

The interface itself (``reading/accessible.py``) is imported the first time an assistive
technology asks for it, not at start-up, where the text is painted first (issue #16).
"""

from __future__ import annotations

from collections.abc import Callable

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


def install_factory_once(marker: str, factory: Callable[[str, QObject], object]) -> None:
    """Give Qt ``factory`` for accessible interfaces, once per application (``marker`` says)."""
    app = QApplication.instance()
    if app is None or app.property(marker):
        return
    QAccessible.installFactory(factory)
    app.setProperty(marker, True)


def install_reader_accessibility() -> None:
    """Register the reading pane's accessible interface (once per application)."""
    install_factory_once(_INSTALLED, _factory)
