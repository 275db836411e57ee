"""Help → Contact the clinic, and About, say whom to call and how to get other formats."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from kyphoreader.app.about import AboutDialog
from kyphoreader.app.actions import create_actions
from kyphoreader.app.contact import CONTACT_MIN_POINTS, ContactDialog
from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.core.clinic import DEFAULT_FORMATS, ClinicConfig, ClinicDetails
from kyphoreader.core.document import ASK_THE_GIVER

pytestmark = pytest.mark.gui

CLINIC = ClinicDetails(
    name="Spinal Unit, Riverside Hospital",
    phone="01632 960 123",
    hours="Monday to Friday, 9am to 5pm",
    urgent="If you cannot feel your legs, call 999.",
    formats="Ask at reception for this leaflet in large print, audio or another language.",
)


@pytest.fixture
def clinic_window(qtbot, settings_store, bundled_leaflet):
    window = MainWindow(settings_store, ClinicConfig(clinic=CLINIC))
    qtbot.addWidget(window)
    window.show_leaflet(bundled_leaflet)
    window.resize(1024, 768)
    with qtbot.waitExposed(window):
        window.show()
    return window


def open_contact(window) -> ContactDialog:
    window.actions_by_name["contact_clinic"].trigger()
    dialogs = window.dialogs.open_dialogs()
    assert [type(d) for d in dialogs] == [ContactDialog]
    assert dialogs[0].isVisible()
    return dialogs[0]


def test_help_menu_has_contact_the_clinic_also_in_the_waiting_room(clinic_window):
    help_menu = next(m for m in clinic_window.menuBar().actions() if m.text() == "&Help").menu()
    assert "&Contact the clinic…" in [a.text() for a in help_menu.actions()]
    assert "contact_clinic" in create_actions(clinic_window, kiosk=True)


def test_contact_shows_the_clinic_details_as_plain_text_in_large_type(clinic_window):
    clinic_window.appearance.set_text_size(75)  # even when the reader is set small
    dialog = open_contact(clinic_window)
    text = dialog.text()
    for detail in (CLINIC.name, CLINIC.hours, CLINIC.urgent, CLINIC.formats):
        assert detail in text
    # Spaces that never break (plain text would show them as ordinary spaces).
    assert "Phone: 01632\u00a0960\u00a0123" in dialog.browser.document().toRawText()
    assert dialog.browser.document().defaultFont().pointSizeF() >= CONTACT_MIN_POINTS
    assert dialog.windowTitle() == dialog.accessibleName() == "Contact the clinic"


def test_the_phone_number_stays_on_one_line_at_the_largest_size(clinic_window):
    clinic_window.appearance.set_text_size(400)
    dialog = open_contact(clinic_window)
    dialog.resize(420, 560)  # narrow: every other detail wraps
    document = dialog.browser.document()
    start = document.find("01632").position() - 5
    end = document.find("123", start).position()
    first, last = QTextCursor(document), QTextCursor(document)
    first.setPosition(start)
    last.setPosition(end)
    block = first.block()
    layout = block.layout()
    assert block.lineCount() == 1 or (
        layout.lineForTextPosition(start - block.position()).lineNumber()
        == layout.lineForTextPosition(end - block.position()).lineNumber()
    )


def test_clinic_text_is_never_markup(qtbot):
    dialog = ContactDialog(ClinicDetails(name="<b>Unit</b> &amp; Co", phone="1"))
    qtbot.addWidget(dialog)
    assert "Contact: <b>Unit</b> &amp; Co" in dialog.text()


def test_with_no_clinic_file_it_says_to_ask_the_person_who_gave_the_leaflet(window):
    dialog = open_contact(window)
    assert dialog.text() == f"{ASK_THE_GIVER}\n\n{DEFAULT_FORMATS}"


def test_about_gives_the_same_contact_details(clinic_window):
    clinic_window.show_about()
    about = clinic_window.dialogs.open_dialogs()[-1]
    assert isinstance(about, AboutDialog)
    shown = about.browser.toPlainText()
    for detail in (CLINIC.name, CLINIC.hours, CLINIC.urgent, CLINIC.formats):
        assert detail in shown
    assert "01632\u00a0960\u00a0123" in about.browser.document().toRawText()


def test_about_keeps_the_readers_text_size_in_the_dialog_host(clinic_window):
    clinic_window.appearance.set_text_size(200)
    clinic_window.show_about()
    about = clinic_window.dialogs.open_dialogs()[-1]
    clinic_window.appearance.set_text_size(250)  # the open dialog gets the new interface font
    assert about.browser.font().pointSizeF() == clinic_window.appearance.interface_font_points()
    assert about.browser.document().defaultFont().pointSizeF() == 32  # 200 % of 16 pt
