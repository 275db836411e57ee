"""Printing from the window: the choices dialog, preview, PDF, and no or failing printers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from kyphoreader.printing.dialog import PrintChoice, PrintOptionsDialog
from kyphoreader.printing.options import PrintOptions

pytestmark = pytest.mark.gui


def test_print_action_is_on_the_toolbar_with_the_standard_shortcut(window):
    action = window.actions_by_name["print"]
    assert "Ctrl+P" in [k.toString() for k in action.shortcuts()]
    names = [
        b.accessibleName()
        for b in window.toolbar.findChildren(type(window.toolbar.widgetForAction(action)))
    ]
    assert "Print" in names


def test_dialog_defaults_to_large_print_of_the_whole_leaflet(qtbot, bundled_leaflet):
    dialog = PrintOptionsDialog(bundled_leaflet, "summary", "A4")
    qtbot.addWidget(dialog)
    assert dialog.options() == PrintOptions(18, "A4", ())
    assert dialog.preset.currentText() == "Large (18 pt)"


def test_dialog_sizes_paper_and_sections(qtbot, bundled_leaflet):
    dialog = PrintOptionsDialog(bundled_leaflet, "why-can-back-pain-continue", "Letter")
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(dialog.preset.findText("Giant (28 pt)"))
    assert dialog.points.value() == 28
    dialog.points.setValue(31)
    assert dialog.preset.currentText() == "Other size"
    dialog.this_section.setChecked(True)
    assert dialog.options() == PrintOptions(
        31,
        "Letter",
        (
            "why-can-back-pain-continue",
            "fractures-in-the-bones-next-to-the-treated-one",
            "other-causes",
        ),
    )
    dialog.some.setChecked(True)
    assert not dialog.print_button.isEnabled()  # nothing ticked yet
    item = dialog.sections.topLevelItem(2)
    item.setCheckState(0, Qt.CheckState.Checked)
    assert dialog.print_button.isEnabled()
    assert dialog.options().section_ids == (str(item.data(0, Qt.ItemDataRole.UserRole)),)


def test_dialog_size_range_is_12_to_36(qtbot, bundled_leaflet):
    dialog = PrintOptionsDialog(bundled_leaflet, "", "A4")
    qtbot.addWidget(dialog)
    assert (dialog.points.minimum(), dialog.points.maximum()) == (12, 36)
    assert not dialog.this_section.isEnabled()


def test_dialog_buttons_report_the_choice(qtbot, bundled_leaflet):
    dialog = PrintOptionsDialog(bundled_leaflet, "", "A4")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is PrintChoice.PREVIEW and dialog.result() == 1


def test_save_as_pdf_from_the_window(window, tmp_path, monkeypatch):
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    path = window.save_pdf_with(PrintOptions(22, "A4"))
    assert path == str(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Saved" in window.statusBar().currentMessage()


def test_a_pdf_that_cannot_be_saved_is_reported(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "x.pdf"), "")
    )
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert window.save_pdf_with(PrintOptions()) == ""
    assert shown and "does not exist" in shown[0]


def test_no_printer_offers_a_pdf_instead(window, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinterInfo

    asked = []
    target = tmp_path / "instead.pdf"
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.print_with(PrintOptions(18, "A4"))
    assert asked and "No printer is set up" in asked[0]
    assert target.exists()


def test_a_failed_print_job_is_reported(window, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo

    from kyphoreader.printing import pages as printing

    shown = []

    def fail(*_args):
        raise printing.PrintError(
            "The printer reported an error and the leaflet may not have printed."
        )

    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["fake"]))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: 1)
    monkeypatch.setattr(printing, "print_leaflet", fail)
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text: shown.append((title, text))
    )
    window.print_with(PrintOptions())
    assert shown and shown[0][0] == "The leaflet did not print"


def test_preview_shows_the_same_pages_as_the_pdf(window, tmp_path, bundled_leaflet):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from kyphoreader.printing.pages import export_pdf

    options = PrintOptions(28, "A4")
    expected = export_pdf(bundled_leaflet, options, tmp_path / "same.pdf")
    # The preview paints on a printer (its own resolution); page breaks must not depend on it.
    dialog = window.make_preview_dialog(options)
    counts = []

    def read_and_close():
        preview = dialog.findChild(QPrintPreviewWidget)
        counts.append(preview.pageCount())
        dialog.close()

    QTimer.singleShot(200, read_and_close)
    dialog.exec()
    assert counts == [expected]


def test_print_menu_opens_the_choices(window, monkeypatch):
    seen = []

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        dialog.reject()

    QTimer.singleShot(50, close_dialog)
    window.actions_by_name["print"].trigger()
    assert seen == ["PrintOptionsDialog"]
