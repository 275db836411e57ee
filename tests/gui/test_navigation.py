"""The contents panel takes the reader to a section, and follows them as they scroll."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

pytestmark = pytest.mark.gui


def text_at_top(reader) -> str:
    """The text of the block at the top-left corner of the reading column."""
    left = int(reader.document().rootFrame().frameFormat().leftMargin()) + 2
    return reader.cursorForPosition(QPoint(left, 4)).block().text()


def test_clicking_a_contents_entry_puts_its_heading_at_the_top(window, qtbot):
    contents, reader = window.contents, window.reader
    item = contents.item_for("what-a-study-found")
    rect = contents.visualItemRect(item)
    qtbot.mouseClick(contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert text_at_top(reader) == "What a study found"
    assert reader.verticalScrollBar().value() == round(reader.section_top("what-a-study-found"))
    assert contents.current_section() == "what-a-study-found"


def test_enter_on_a_contents_entry_puts_its_heading_at_the_top(window, qtbot):
    contents, reader = window.contents, window.reader
    contents.setFocus()
    contents.setCurrentItem(contents.item_for("before-you-decide"))
    qtbot.keyClick(contents, Qt.Key.Key_Return)
    assert text_at_top(reader) == "Before you decide"
    assert reader.hasFocus(), "after choosing a section, the keyboard reads the text"


def test_every_section_can_be_brought_to_the_top(window, bundled_leaflet):
    for section in bundled_leaflet.walk():
        assert window.reader.go_to(section.id)
        assert text_at_top(window.reader) == section.heading, section.id
        assert window.contents.current_section() == section.id


def test_scrolling_moves_the_contents_highlight(window, qtbot):
    reader, contents = window.reader, window.contents
    assert contents.current_section() == "what-this-leaflet-is-about"
    summary_top = reader.section_top("summary")
    reader.verticalScrollBar().setValue(round(summary_top) + 30)
    assert contents.current_section() == "summary"
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert reader.verticalScrollBar().value() == 0
    assert contents.current_section() == "what-this-leaflet-is-about"


def test_next_and_previous_section_actions(window):
    actions, reader = window.actions_by_name, window.reader
    actions["next_section"].trigger()
    assert reader.section_at_top() == "why-can-back-pain-continue"
    actions["next_section"].trigger()
    assert text_at_top(reader) == "Fractures in the bones next to the treated one"
    actions["previous_section"].trigger()
    assert text_at_top(reader) == "Why can back pain continue?"
    # Part-way through a section, "previous" goes back to its own heading first.
    reader.go_to("summary")
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().value() + 40)
    actions["previous_section"].trigger()
    assert text_at_top(reader) == "Summary"


def test_next_section_stops_at_the_last_one(window):
    window.reader.go_to("references")
    window.actions_by_name["next_section"].trigger()
    assert text_at_top(window.reader) == "References"


def test_section_shortcuts_are_set(window):
    next_keys = [k.toString() for k in window.actions_by_name["next_section"].shortcuts()]
    previous_keys = [k.toString() for k in window.actions_by_name["previous_section"].shortcuts()]
    assert "Ctrl+PgDown" in next_keys and "Ctrl+PgUp" in previous_keys


def test_next_section_shortcut_works_from_the_keyboard(window, qtbot):
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.section_at_top() == "why-can-back-pain-continue"


def test_a_citation_goes_to_its_reference_and_back_returns(window, qtbot):
    reader = window.reader
    reader.go_to("possible-complications")
    start = reader.verticalScrollBar().value()
    assert not window.actions_by_name["back"].isEnabled()
    cursor = reader.document().find("[2]")
    rect = reader.cursorRect(cursor)
    click_at = QPoint(rect.left() - 4, rect.center().y())
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    assert text_at_top(reader).startswith("[2] Riew KD, Gokaslan Z, Kallmes DF")
    assert window.contents.current_section() == "references"
    assert window.actions_by_name["back"].isEnabled()
    window.actions_by_name["back"].trigger()
    assert reader.verticalScrollBar().value() == start
    assert text_at_top(reader) == "Possible complications"
    assert not window.actions_by_name["back"].isEnabled()


def test_links_outside_the_leaflet_are_not_followed(window):
    from PySide6.QtCore import QUrl

    before = window.reader.verticalScrollBar().value()
    window.reader.anchorClicked.emit(QUrl("https://example.com/#ref-1"))
    assert window.reader.verticalScrollBar().value() == before
    assert not window.navigation.can_go_back()
