"""The window: remembered geometry, the About box, opening leaflets, accessible controls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox, QToolButton

from kyphoreader.app.about import AboutDialog
from kyphoreader.app.mainwindow import MainWindow

pytestmark = pytest.mark.gui


def test_window_size_and_layout_are_remembered(qtbot, settings_store, open_window):
    first = open_window(settings_store)
    first.resize(720, 520)
    first.contents_dock.hide()
    qtbot.waitUntil(lambda: first.width() == 720)
    first.reader.go_to("summary")
    first.close()

    second = open_window(settings_store)
    assert (second.width(), second.height()) == (720, 520)
    assert second.contents_dock.isHidden()
    assert not second.actions_by_name["toggle_contents"].isChecked()
    assert second.reader.current_section() == "summary"


def test_a_corrupt_settings_file_does_not_stop_the_window(qtbot, tmp_path, bundled_leaflet):
    from PySide6.QtCore import QSettings

    path = tmp_path / "broken.ini"
    path.write_bytes(b"[window]\ngeometry=@ByteArray(\x00\xff garbage\nstate_version=1\n\xff\xfe")
    store = QSettings(str(path), QSettings.Format.IniFormat)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show_leaflet(bundled_leaflet)
    win.show()
    assert win.width() > 0 and win.reader.document().toPlainText()


def test_contents_action_hides_and_shows_the_panel(window):
    action = window.actions_by_name["toggle_contents"]
    action.trigger()
    assert window.contents_dock.isHidden()
    action.trigger()
    assert not window.contents_dock.isHidden()


def test_about_dialog_shows_metadata_review_status_and_disclaimer(qtbot, bundled_leaflet):
    dialog = AboutDialog(bundled_leaflet)
    qtbot.addWidget(dialog)
    text = " ".join(dialog.browser.document().toPlainText().split())
    assert bundled_leaflet.title in text
    assert "not been clinically reviewed" in text
    assert "does not replace advice from your own doctor or care team" in text
    assert bundled_leaflet.meta.version in text
    assert "Kyphoplasty-induced Back Pain: Origins and Remedies" in text
    assert "nine references" in text


def test_about_action_opens_the_dialog_and_escape_closes_it(window, qtbot):
    window.actions_by_name["about"].trigger()
    [dialog] = window.dialogs.open_dialogs()
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert "not been clinically reviewed" in dialog.browser.toPlainText()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.dialogs.open_dialogs() == []


def test_opening_a_bad_leaflet_explains_and_keeps_the_current_one(window, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00")
    title_before = window.windowTitle()
    assert not window.open_leaflet(str(bad))
    [box] = window.dialogs.open_dialogs()
    assert isinstance(box, QMessageBox) and box.windowTitle() == "This leaflet cannot be opened"
    assert str(bad) in box.text()
    assert window.windowTitle() == title_before
    assert "kyphoplasty" in window.reader.document().toPlainText()


def test_opening_another_leaflet_shows_it(window, tmp_path):
    other = tmp_path / "other.md"
    other.write_text("title: Hip care\n\n## Walking again\n\nTake it slowly.\n", encoding="utf-8")
    assert window.open_leaflet(str(other))
    assert window.windowTitle().startswith("Hip care")
    assert "Take it slowly." in window.reader.document().toPlainText()
    assert window.contents.section_ids() == ["walking-again"]


def test_every_control_has_an_accessible_name(window):
    for widget in [window.reader, window.contents, window.toolbar, window.contents_dock]:
        assert widget.accessibleName()
    buttons = window.toolbar.findChildren(QToolButton)
    visible = [b for b in buttons if b.isVisible()]
    assert len(visible) >= 5
    for button in visible:
        assert button.accessibleName(), button.text()
        assert button.width() >= 44 and button.height() >= 44


def test_toolbar_offers_the_reading_actions(window):
    names = {b.accessibleName() for b in window.toolbar.findChildren(QToolButton) if b.isVisible()}
    assert {"Contents", "Previous section", "Next section", "Back", "About this leaflet"} <= names


def test_no_widget_opens_a_network_link(window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    assert not window.reader.openExternalLinks() and not window.reader.openLinks()
    top = window.reader.verticalScrollBar().value()
    text = window.reader.toPlainText()
    window.reader.anchorClicked.emit(QUrl("https://example.org/#summary"))
    window.reader.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == []
    assert window.reader.verticalScrollBar().value() == top
    assert window.reader.toPlainText() == text
    assert not window.navigation.can_go_back()
