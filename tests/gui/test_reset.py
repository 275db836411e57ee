"""MainWindow.reset() leaves a window that cannot be told apart from a freshly built one."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def snapshot(window) -> dict:
    """Everything a visitor could see or reach that a previous visitor could have changed."""
    explained = [(mark.start, mark.end) for mark in window.glossary.marks]  # marked after paint
    checked = sorted(
        name
        for name, action in window.actions_by_name.items()
        if action.isCheckable() and action.isChecked()
    )
    return {
        "text size": window.appearance.text_size,
        "theme": window.appearance.theme.name,
        "line spacing": window.appearance.line_spacing,
        "body points": window.reader.point_size(),
        "reader spacing": window.reader.line_spacing(),
        "palette": QApplication.palette().color(QPalette.ColorRole.Base).name(),
        "interface points": window.toolbar.font().pointSizeF(),
        "search text": window.search_bar.text(),
        "search undo": window.search_bar.field.isUndoAvailable(),
        "match count": window.search_bar.count_label.text(),
        "search message": window.search_bar.message_label.text(),
        "highlights": len(window.reader.extraSelections()),
        "selection": window.reader.textCursor().selectedText(),
        "results": window.results.toPlainText(),
        "results shown": not window.results_dock.isHidden(),
        "contents shown": not window.contents_dock.isHidden(),
        "contents marks": window.contents.hit_counts(),
        "scroll": window.reader.verticalScrollBar().value(),
        "section": window.navigation.current_section(),
        "contents current": window.contents.current_section(),
        "history": window.navigation.history(),
        "back enabled": window.actions_by_name["back"].isEnabled(),
        "dialogs": [type(d).__name__ for d in window.dialogs.open_dialogs()],
        "checked": checked,
        "zoom in enabled": window.actions_by_name["zoom_in"].isEnabled(),
        "zoom out enabled": window.actions_by_name["zoom_out"].isEnabled(),
        "status": window.statusBar().currentMessage(),
        "explanation shown": window.glossary.shown_term(),
        "bubble shown": window.glossary.popup.isVisible(),
        "explained words": window.reader.layer("glossary"),
        "marks": explained,
        "reading aloud": window.read_aloud.state,
        "read aloud bar shown": not window.read_aloud_controls.isHidden(),
        "read aloud button": window.actions_by_name["read_aloud"].iconText(),
        "read aloud mark": window.reader.layer("readaloud"),
        "read aloud speed": window.read_aloud_controls.speed_label.text(),
        "read aloud voice": window.read_aloud.voice,
        "read aloud voice shown": window.read_aloud_controls.voice_box.currentText(),
        "stop reading enabled": window.actions_by_name["stop_reading"].isEnabled(),
        "notice shown": window.notice.isVisible(),
        "notice": window.notice.text(),
        "caret": window.reader.textCursor().position(),
        "focused link ring": window.reader.layer("focus"),
        "panels below the text": window.reflow.panels_below(),
        "link colours": window.reader.link_colours(),
        "count name": window.search_bar.count_label.accessibleName(),
    }


def use_everything(window, qtbot) -> None:
    """What a visitor might do: every kind of state a reset must undo."""
    window.appearance.set_text_size(400)
    window.appearance.set_theme("dark")
    window.appearance.set_line_spacing(250)
    window.search_bar.field.setText("cement")
    window.search_bar.flush()
    window.search_session.go_to_next()
    window.contents.section_activated.emit("possible-complications")
    window.reader.anchorClicked.emit(window.reader.document().baseUrl().resolved("#ref-1"))
    window.actions_by_name["read_faster"].trigger()
    window.read_aloud_controls.voice_chosen.emit("Anne")
    with qtbot.waitSignal(window.read_aloud.sentence_changed, timeout=5000):
        window.actions_by_name["read_aloud"].trigger()
    window.actions_by_name["read_aloud"].trigger()  # paused: the mark stays where it is
    window.actions_by_name["toggle_contents"].trigger()
    window.actions_by_name["words_explained"].trigger()
    window.actions_by_name["next_explained_word"].trigger()
    window.actions_by_name["explain_word"].trigger()
    window.actions_by_name["about"].trigger()
    window.actions_by_name["print"].trigger()
    window.statusBar().showMessage("Saved 3 pages to /tmp/private.pdf")
    window.notice.hide_button.click()


def test_a_used_window_after_reset_equals_a_fresh_one(qtbot, open_window, tmp_path, mock_speech):
    from PySide6.QtCore import QSettings

    used = open_window(QSettings(str(tmp_path / "used.ini"), QSettings.Format.IniFormat))
    used.resize(1024, 768)
    before = snapshot(used)
    use_everything(used, qtbot)
    changed = snapshot(used)
    # Every part of the snapshot that a visitor can change did change.
    assert {k for k in before if before[k] != changed[k]} >= {
        "text size", "theme", "line spacing", "search text", "highlights", "results shown",
        "contents shown", "scroll", "section", "history", "dialogs", "palette", "status",
        "explanation shown", "bubble shown", "notice shown",
        "reading aloud", "read aloud bar shown", "read aloud button", "read aloud mark",
        "read aloud speed", "read aloud voice", "stop reading enabled",
        "caret", "panels below the text", "link colours", "count name",
    }  # fmt: skip
    used.reset()
    after_reset = snapshot(used)

    fresh = open_window(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    fresh.resize(1024, 768)
    assert after_reset == snapshot(fresh)


def test_reset_twice_and_after_nothing_changes_nothing(window):
    start = snapshot(window)
    window.reset()
    window.reset()
    assert snapshot(window) == start
