"""The print preview shows the printed pages, has whole, named controls, and prints."""

from __future__ import annotations

import pymupdf
import pytest
from pageimages import (
    ink_bands,
    mean_difference,
    paper_of,
    render_pdf_page,
    render_scene_page,
)
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QGraphicsView, QLabel, QMessageBox

from kyphoreader.printing.options import PrintOptions
from kyphoreader.printing.preview import FIT_PAGE, PreviewDialog
from kyphoreader.reading.fontscale import LEVELS

pytestmark = pytest.mark.gui

#: Zooms the preview is compared with the PDF at, in percent.
ZOOMS = (50, 100, 200)
#: How far a line of text may sit from where the PDF has it, in pixels of the picture: one
#: pixel for rounding the paper's edge, one for the two rasterisers' anti-aliasing.
BAND_TOLERANCE_PX = 2
#: Mean difference (0-255) allowed between 100-pixel-wide grey copies of the two pages (the
#: two rasterisers differ by 0.3 to 1.9; a page shifted by one line of text differs by over 10).
MEAN_TOLERANCE = 4.0


def open_preview(window, qtbot, options) -> PreviewDialog:
    dialog = window.printing.preview_with(options)
    assert isinstance(dialog, PreviewDialog)
    qtbot.waitUntil(lambda: dialog.page_count() > 0)
    return dialog


def page_items(dialog):
    view = dialog.preview.findChild(QGraphicsView)
    items = [item for item in view.scene().items() if item.parentItem() is None]
    return view, sorted(items, key=lambda item: item.sceneBoundingRect().top())


def assert_same_page(shown, pdf, where):
    assert abs(shown.width() - pdf.width()) <= 1 and abs(shown.height() - pdf.height()) <= 1, where
    shown_bands, pdf_bands = ink_bands(shown), ink_bands(pdf)
    assert len(shown_bands) == len(pdf_bands), (where, shown_bands, pdf_bands)
    for a, b in zip(shown_bands, pdf_bands, strict=True):
        for side in ("top", "bottom", "left", "right"):
            assert abs(getattr(a, side) - getattr(b, side)) <= BAND_TOLERANCE_PX, (where, a, b)
    assert mean_difference(shown, pdf) <= MEAN_TOLERANCE, where


@pytest.fixture
def exported_copy(window, tmp_path, bundled_leaflet):
    from kyphoreader.printing.output import export_pdf

    options = PrintOptions(18, "A4")
    path = tmp_path / "copy.pdf"
    pages = export_pdf(
        bundled_leaflet,
        options,
        path,
        clinic=window.clinic.clinic,
        glossary=window.glossary.glossary,
    )
    return options, path, pages


def test_preview_pages_match_the_pdf_at_every_zoom(window, qtbot, exported_copy):
    options, pdf, pages = exported_copy
    dialog = open_preview(window, qtbot, options)
    assert dialog.page_count() == pages
    view, items = page_items(dialog)
    assert len(items) == pages
    for zoom in ZOOMS:
        dialog.set_zoom(zoom)
        for index in (0, 1, pages - 1):  # the title page, a page with a running title, the last
            shown = render_scene_page(view, items[index])
            expected = render_pdf_page(pdf, index, shown.width())
            assert_same_page(shown, expected, f"page {index + 1} at {zoom} %")


def test_running_title_and_page_number_are_full_size_in_the_preview(window, qtbot, exported_copy):
    options, pdf, _pages = exported_copy
    dialog = open_preview(window, qtbot, options)
    dialog.set_zoom(100)
    view, items = page_items(dialog)
    shown = ink_bands(render_scene_page(view, items[1]))
    body_line = max(band.height for band in shown[2:-1])
    title, rule, footer = shown[0], shown[1], shown[-1]
    # Not 1-2 px grey dashes: as tall as a line of body text and as wide as on the PDF.
    assert title.height >= 0.6 * body_line and footer.height >= 0.6 * body_line
    assert rule.height <= 3 < title.height
    expected = ink_bands(render_pdf_page(pdf, 1, render_scene_page(view, items[1]).width()))
    assert abs(title.right - expected[0].right) <= BAND_TOLERANCE_PX
    assert abs(footer.left - expected[-1].left) <= BAND_TOLERANCE_PX


def test_what_the_preview_window_shows_is_the_pdf_page(window, qtbot, exported_copy):
    options, pdf, _pages = exported_copy
    dialog = open_preview(window, qtbot, options)
    dialog.set_zoom(FIT_PAGE)
    dialog.show_page(2)
    view = dialog.preview.findChild(QGraphicsView)
    qtbot.waitUntil(lambda: dialog.current_page() == 2)
    shown = paper_of(view.viewport().grab().toImage())
    assert_same_page(shown, render_pdf_page(pdf, 1, shown.width()), "page 2 on screen")


def test_preview_controls_fit_at_1024_by_768_at_every_text_size(window, qtbot):
    dialog = open_preview(window, qtbot, PrintOptions())
    assert dialog.size().toTuple() == (1024, 768)
    for percent in LEVELS:
        window.appearance.set_text_size(percent)
        dialog.layout().activate()
        QApplication.processEvents()
        placed = []
        for control in dialog.controls():
            where = f"{control.accessibleName()} at {percent} %"
            assert control.isVisible(), where
            rect = control.rect().translated(control.mapTo(dialog, control.rect().topLeft()))
            assert dialog.rect().contains(rect), where
            assert rect.width() >= control.sizeHint().width(), where  # nothing cut off
            assert rect.height() >= 44, where
            assert control.font().pointSizeF() == window.appearance.interface_font_points()
            assert not any(rect.intersects(other) for other in placed), where
            placed.append(rect)
        assert dialog.preview.height() >= dialog.height() * 0.5  # the pages keep most room


def visible_label(control, dialog) -> str:
    """The words a sighted reader sees on or next to ``control``."""
    text = getattr(control, "text", None)
    if callable(text) and control.metaObject().className() == "QPushButton":
        return text().replace("&", "").rstrip("…")
    label = next(lb for lb in dialog.findChildren(QLabel) if lb.buddy() is control)
    return label.text().replace("&", "").rstrip(":")


def test_every_preview_control_is_named_with_its_visible_label(window, qtbot):
    dialog = open_preview(window, qtbot, PrintOptions())
    for control in dialog.controls():
        label = visible_label(control, dialog)
        assert label and label in control.accessibleName(), (label, control.accessibleName())
    assert dialog.preview.accessibleName()
    assert dialog.page_box.accessibleDescription() == dialog.count_label.text()


def test_tab_reaches_every_preview_control(window, qtbot):
    dialog = open_preview(window, qtbot, PrintOptions())
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.show_page(2)  # every page button enabled
    dialog.first_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first_button)
    reached = []
    for _ in range(len(dialog.controls()) + 1):
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    expected = [*dialog.controls(), dialog.preview.focusProxy()]
    assert [w.accessibleName() for w in reached] == [w.accessibleName() for w in expected]
    assert QApplication.focusWidget() is dialog.first_button  # and round again


def test_page_buttons_move_through_the_pages(window, qtbot):
    dialog = open_preview(window, qtbot, PrintOptions())
    count = dialog.page_count()
    assert dialog.count_label.text() == f"of {count}"
    assert not dialog.previous_button.isEnabled()
    dialog.next_button.click()
    assert dialog.current_page() == 2 and dialog.page_box.value() == 2
    dialog.last_button.click()
    assert dialog.current_page() == count and not dialog.next_button.isEnabled()
    dialog.page_box.setValue(3)
    assert dialog.current_page() == 3
    dialog.zoom_in_button.click()
    assert dialog.zoom_box.currentText().endswith("%")
    before = dialog.zoom_percent()
    dialog.zoom_in_button.click()
    assert dialog.zoom_percent() > before
    dialog.zoom_out_button.click()
    assert dialog.zoom_percent() == pytest.approx(before)


def test_print_in_the_preview_prints_through_the_print_flow(
    window, qtbot, tmp_path, monkeypatch, exported_copy
):
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from kyphoreader.printing import output

    options, _pdf, pages = exported_copy
    target = tmp_path / "printed.pdf"
    checked = []
    real_print = output.print_leaflet

    def print_leaflet(leaflet, chosen, printer, **kwargs):
        checked.append(chosen)
        # The printer the reader chose, sent to a file instead of paper.
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return real_print(leaflet, chosen, printer, **kwargs)

    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["fake"]))
    monkeypatch.setattr(output, "print_leaflet", print_leaflet)
    dialog = open_preview(window, qtbot, options)
    dialog.print_button.click()
    assert not dialog.isVisible()
    chooser = next(d for d in window.dialogs.open_dialogs() if isinstance(d, QPrintDialog))
    chooser.accept()
    assert checked == [options]  # print_leaflet lays out and checks the copy again
    with pymupdf.open(target) as printed:
        assert printed.page_count == pages
    assert f"Sent {pages} pages" in window.statusBar().currentMessage()


def test_a_copy_that_fails_the_layout_check_is_not_previewed(window, monkeypatch):
    from kyphoreader.printing import pages

    monkeypatch.setattr(pages, "layout_problems", lambda _paged: ["two lines overlap on page 3"])
    assert window.printing.preview_with(PrintOptions()) is None
    box = window.dialogs.open_dialogs()[-1]
    assert isinstance(box, QMessageBox) and box.windowTitle() == "The preview cannot be shown"
    assert "two lines overlap on page 3" in box.text()
