"""Printing from the window: the choices dialog, preview, PDF, and no or failing printers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

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


def last_dialog(window, kind):
    """The newest dialog of ``kind`` the window's dialog host has open."""
    found = [d for d in window.dialogs.open_dialogs() if isinstance(d, kind)]
    assert found, f"no {kind.__name__} is open"
    return found[-1]


def test_save_as_pdf_from_the_window(window, tmp_path):
    target = tmp_path / "copy.pdf"
    window.printing.save_pdf_with(PrintOptions(22, "A4"))
    chooser = last_dialog(window, QFileDialog)
    assert chooser.isVisible() and chooser.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    chooser.selectFile(str(target))
    chooser.accept()
    assert target.read_bytes().startswith(b"%PDF")
    assert "Saved" in window.statusBar().currentMessage()
    assert window.dialogs.open_dialogs() == []


def test_a_pdf_that_cannot_be_saved_is_reported(window, tmp_path):
    assert window.printing.write_pdf(str(tmp_path / "no" / "x.pdf"), PrintOptions()) == ""
    box = last_dialog(window, QMessageBox)
    assert box.windowTitle() == "The PDF was not saved"
    assert "does not exist" in box.text()
    assert box.isVisible()


def test_no_printer_offers_a_pdf_instead(window, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinterInfo

    target = tmp_path / "instead.pdf"
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    window.printing.print_with(PrintOptions(18, "A4"))
    box = last_dialog(window, QMessageBox)
    assert "No printer is set up" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    chooser = last_dialog(window, QFileDialog)
    chooser.selectFile(str(target))
    chooser.accept()
    assert target.read_bytes().startswith(b"%PDF")


def test_a_failed_print_job_is_reported(window, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo

    from kyphoreader.printing import output
    from kyphoreader.printing.pages import PrintError

    def fail(*_args, **_kwargs):
        raise PrintError("The printer reported an error and the leaflet may not have printed.")

    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["fake"]))
    monkeypatch.setattr(output, "print_leaflet", fail)
    window.printing.print_with(PrintOptions())
    last_dialog(window, QPrintDialog).accept()
    box = last_dialog(window, QMessageBox)
    assert box.windowTitle() == "The leaflet did not print"
    assert "may not have printed" in box.text()


def test_preview_shows_the_same_pages_as_the_pdf(window, tmp_path, bundled_leaflet, qtbot):
    from kyphoreader.printing.output import export_pdf
    from kyphoreader.printing.preview import PreviewDialog

    options = PrintOptions(28, "A4")
    expected = export_pdf(
        bundled_leaflet, options, tmp_path / "same.pdf", glossary=window.glossary.glossary
    )
    # The preview paints on a printer (its own resolution); page breaks must not depend on it.
    window.printing.preview_with(options)
    dialog = last_dialog(window, PreviewDialog)
    qtbot.waitUntil(lambda: dialog.page_count() > 0)
    assert dialog.page_count() == expected
    dialog.reject()
    assert window.dialogs.open_dialogs() == []


def test_print_menu_opens_the_choices_and_escape_closes_them(window, qtbot):
    window.actions_by_name["print"].trigger()
    dialog = last_dialog(window, PrintOptionsDialog)
    assert dialog.isVisible() and dialog.isModal()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.dialogs.open_dialogs() == []


def test_choosing_preview_in_the_choices_opens_the_preview(window):
    from kyphoreader.printing.preview import PreviewDialog

    window.actions_by_name["print_preview"].trigger()
    choices = last_dialog(window, PrintOptionsDialog)
    choices.preview_button.click()
    assert not choices.isVisible()
    preview = last_dialog(window, PreviewDialog)
    assert preview.isVisible()
    window.dialogs.close_all()
    assert window.dialogs.open_dialogs() == []


@pytest.fixture
def clinic_window(qtbot, settings_store, bundled_leaflet):
    """A window opened with a clinic file's [print] settings (set by the test)."""
    from kyphoreader.app.mainwindow import MainWindow
    from kyphoreader.core.clinic import ClinicConfig, PrintDefaults

    def open_with(paper: str = "", text_size: float = 18.0):
        win = MainWindow(settings_store, ClinicConfig(print=PrintDefaults(paper, text_size)))
        qtbot.addWidget(win)
        win.show_leaflet(bundled_leaflet)
        win.show()
        return win

    return open_with


def choices_shown(window) -> PrintOptionsDialog:
    window.actions_by_name["print"].trigger()
    return last_dialog(window, PrintOptionsDialog)


@pytest.mark.parametrize(
    ("clinic_paper", "printer_paper", "lang", "expected"),
    [
        ("", "Letter", "en_GB.UTF-8", "Letter"),  # the printer's own default
        ("", "A4", "en_US.UTF-8", "A4"),
        ("A4", "Letter", "en_US.UTF-8", "A4"),  # the clinic file wins
        ("Letter", "A4", "C.UTF-8", "Letter"),
        ("", "", "en_US.UTF-8", "Letter"),  # no printer: the locale's
        ("", "", "C.UTF-8", "A4"),
    ],
)
def test_print_dialog_starts_with_the_clinics_paper_else_the_printers(
    clinic_window, monkeypatch, clinic_paper, printer_paper, lang, expected
):
    from kyphoreader.printing import flow

    monkeypatch.setattr(flow, "default_printer_paper", lambda: printer_paper)
    for variable in ("LC_ALL", "LC_PAPER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", lang)
    window = clinic_window(paper=clinic_paper)
    assert window.printing.starting_paper() == expected
    assert choices_shown(window).paper.currentText() == expected


@pytest.mark.parametrize(("text_size", "preset"), [(18.0, "Large (18 pt)"), (24.0, "Other size")])
def test_print_dialog_starts_at_the_clinics_print_size(clinic_window, text_size, preset):
    window = clinic_window(text_size=text_size)
    assert window.printing.starting_points() == text_size
    dialog = choices_shown(window)
    assert dialog.points.value() == text_size and dialog.preset.currentText() == preset
    assert dialog.options().point_size == text_size


def test_the_printers_dialog_shows_the_chosen_paper_and_prints_on_it(window, monkeypatch):
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo

    from kyphoreader.printing import output

    sent = []
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["fake"]))
    monkeypatch.setattr(output, "print_leaflet", lambda _l, chosen, *_a, **_k: sent.append(chosen))
    window.printing.print_with(PrintOptions(22, "Letter"))
    chooser = last_dialog(window, QPrintDialog)
    assert chooser.printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    chooser.accept()
    assert [options.paper for options in sent] == ["Letter"]


def test_only_a4_and_letter_are_taken_from_the_printer():
    from PySide6.QtGui import QPageSize

    from kyphoreader.printing.flow import paper_name

    assert paper_name(QPageSize(QPageSize.PageSizeId.A4)) == "A4"
    assert paper_name(QPageSize.PageSizeId.Letter) == "Letter"
    assert paper_name(QPageSize(QPageSize.PageSizeId.A5)) == ""  # the locale's paper instead
