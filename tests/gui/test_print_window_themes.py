"""The print windows in every theme: numbers in boxes are readable, the preview's ink is black."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication

from kyphoreader.printing.dialog import PrintOptionsDialog
from kyphoreader.printing.options import PrintOptions
from kyphoreader.printing.preview import PreviewDialog
from kyphoreader.reading.theme import THEMES

pytestmark = pytest.mark.gui


def open_dialog(window, kind):
    return [d for d in window.dialogs.open_dialogs() if isinstance(d, kind)][-1]


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_number_box_shows_its_number(window, theme):
    window.appearance.set_theme(theme)
    window.actions_by_name["print"].trigger()
    choices = open_dialog(window, PrintOptionsDialog)
    window.printing.preview_with(PrintOptions(18, "A4"))
    preview = open_dialog(window, PreviewDialog)
    QApplication.processEvents()
    boxes = choices.findChildren(QAbstractSpinBox) + preview.findChildren(QAbstractSpinBox)
    assert boxes
    for box in boxes:
        edit = box.lineEdit()
        needed = edit.fontMetrics().horizontalAdvance(box.text())
        assert edit.width() >= needed, (box.accessibleName(), edit.width(), needed)


def test_the_preview_prints_black_ink_in_high_contrast(window, qtbot):
    window.appearance.set_theme("high_contrast")
    window.printing.preview_with(PrintOptions(18, "A4"))
    preview = open_dialog(window, PreviewDialog)
    preview.resize(900, 900)
    qtbot.waitUntil(lambda: preview.page_count() > 0)
    image = preview.preview.grab().toImage()
    yellowish = dark = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            colour = image.pixelColor(x, y)
            if colour.red() > 200 and colour.green() > 200 and colour.blue() < 80:
                yellowish += 1
            elif colour.red() < 60 and colour.green() < 60 and colour.blue() < 60:
                dark += 1
    assert dark > 200  # the page's text is there, in dark ink
    assert yellowish == 0  # never the screen theme's yellow on white paper
