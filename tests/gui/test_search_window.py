"""Search in the window: typed as a reader would, highlighted, counted, listed and navigable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui


def type_query(window, qtbot, text: str) -> None:
    """Type into the search box as a person would, then wait for the search to run."""
    window.actions_by_name["find"].trigger()
    field = window.search_bar.field
    if text:
        with qtbot.waitSignal(window.search_bar.query_changed, timeout=2000):
            qtbot.keyClicks(field, text)
    else:
        field.clear()
        window.search_bar.flush()


def search_highlights(window) -> list:
    """The highlights drawn in the reader, but for the marks on explained words."""
    glossary = window.appearance.theme.glossary_background
    return [
        s
        for s in window.reader.extraSelections()
        if s.format.background().color().name() != glossary
    ]


def selected(window) -> str:
    return window.reader.textCursor().selectedText()


def current_hit_is_on_screen(window) -> bool:
    cursor = window.reader.textCursor()
    return window.reader.is_span_visible(cursor.selectionStart(), cursor.selectionEnd())


def link_cursor(browser, href: str):
    """A cursor on the text of the link to ``href`` in a text browser."""
    from PySide6.QtGui import QTextCursor

    block = browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                return cursor
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def section_of_selection(window) -> str:
    cursor = window.reader.textCursor()
    for section_id in window.reader._section_ids:  # noqa: SLF001 - the view's own order
        start, end = window.reader.section_range(section_id)
        if start <= cursor.selectionStart() < end:
            return section_id
    return ""


@pytest.mark.parametrize(
    ("query", "section", "shown"),
    [
        ("kyfoplasty", "what-this-leaflet-is-about", "kyphoplasty"),
        ("cement leak", "possible-complications", "Cement"),
        ("broken bone", "what-this-leaflet-is-about", "fractures"),
        ("pain killers", "treatments-for-continuing-pain", "pain-relieving medications"),
        ("lungs", "possible-complications", "lungs"),
    ],
)
def test_typed_queries_find_highlight_and_show_the_right_place(
    window, qtbot, query, section, shown
):
    type_query(window, qtbot, query)
    assert window.search_session.result is not None and window.search_session.result.hits
    assert selected(window) == shown
    assert section_of_selection(window) == section
    assert current_hit_is_on_screen(window)
    highlights = search_highlights(window)
    assert len(highlights) == len(window.search_session.result.hits)
    assert window.search_bar.count_label.text() == f"1 of {len(window.search_session.result.hits)}"


def test_a_corrected_spelling_is_said_plainly(window, qtbot):
    type_query(window, qtbot, "kyfoplasty")
    assert "Showing results for kyphoplasty" in window.search_bar.message_label.text()
    assert "Showing results for kyphoplasty" in window.results.toPlainText()


def test_all_matches_are_highlighted_and_the_current_one_differs(window, qtbot):
    type_query(window, qtbot, "cement")
    from kyphoreader.reading.theme import THEMES

    theme = THEMES["default"]
    selections = search_highlights(window)
    backgrounds = [s.format.background().color().name() for s in selections]
    assert backgrounds.count(theme.current_hit_background) == 1
    assert backgrounds.count(theme.hit_background) == len(selections) - 1
    current = next(
        s
        for s in selections
        if s.format.background().color().name() == theme.current_hit_background
    )
    assert current.format.fontUnderline()  # marked by more than colour
    for selection in selections:
        assert selection.cursor.selectedText().lower() == "cement"


def test_next_and_previous_wrap_around(window, qtbot):
    type_query(window, qtbot, "leakage")
    total = len(window.search_session.result.hits)
    assert total >= 3
    actions = window.actions_by_name
    actions["find_next"].trigger()
    assert window.search_bar.count_label.text() == f"2 of {total}"
    actions["find_previous"].trigger()
    actions["find_previous"].trigger()
    assert window.search_bar.count_label.text() == f"{total} of {total}"
    assert current_hit_is_on_screen(window)
    actions["find_next"].trigger()
    assert window.search_bar.count_label.text() == f"1 of {total}"


def test_enter_and_shift_enter_move_between_matches(window, qtbot):
    type_query(window, qtbot, "leakage")
    total = len(window.search_session.result.hits)
    field = window.search_bar.field
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.search_bar.count_label.text() == f"2 of {total}"
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.search_bar.count_label.text() == f"{total} of {total}"


def test_search_shortcuts_are_the_standard_ones(window):
    def keys(name):
        return [k.toString() for k in window.actions_by_name[name].shortcuts()]

    assert "Ctrl+F" in keys("find")
    assert "F3" in keys("find_next") and "Shift+F3" in keys("find_previous")
    assert "Esc" in keys("clear_search")


def test_ctrl_f_puts_the_keyboard_in_the_search_box(window, qtbot):
    window.reader.setFocus()
    window.actions_by_name["find"].trigger()
    assert window.search_bar.field.hasFocus()
    assert window.search_bar.field.accessibleName() == "Search"


def test_escape_clears_the_search_and_its_highlights(window, qtbot):
    type_query(window, qtbot, "fracture")
    assert search_highlights(window)
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)
    assert window.search_bar.text() == ""
    assert search_highlights(window) == []
    assert selected(window) == ""
    assert window.search_bar.count_label.text() == ""
    assert window.results_dock.isHidden()
    assert "match" not in window.contents.item_for("key-points").text(0)


def test_choosing_a_result_shows_that_exact_occurrence(window, qtbot):
    type_query(window, qtbot, "leakage")
    hits = window.search_session.result.hits
    target = next(
        i for i, h in enumerate(hits) if h.section_id == "key-points" and h.occurrence == 1
    )
    window.results_dock.show()
    browser = window.results
    link = link_cursor(browser, f"#hit-{target}")
    browser.setTextCursor(link)
    browser.ensureCursorVisible()
    point = browser.cursorRect(link).center() - QPoint(6, 0)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.search_session.current == target
    assert selected(window) == "leakage"
    assert section_of_selection(window) == "key-points"
    # It is the second "leakage" of Key points, not the first.
    cursor = window.reader.textCursor()
    start, _end = window.reader.section_range("key-points")
    text_before = window.reader.document().toPlainText()[start : cursor.selectionStart()]
    assert text_before.count("leakage") == 1
    assert current_hit_is_on_screen(window)
    assert window.search_bar.count_label.text() == f"{target + 1} of {len(hits)}"


def test_results_panel_groups_hits_by_section(window, qtbot):
    type_query(window, qtbot, "cement")
    text = window.results.toPlainText()
    assert "Possible complications (1 match)" in text
    assert "Key points (2 matches)" in text
    assert text.index("Possible complications") < text.index("Key points")


def test_contents_marks_sections_with_matches(window, qtbot):
    type_query(window, qtbot, "cement")
    item = window.contents.item_for("possible-complications")
    assert item.text(0) == "Possible complications (1 match)"
    assert item.font(0).bold()
    plain = window.contents.item_for("summary")
    assert plain.text(0) == "Summary" and not plain.font(0).bold()


def test_no_match_says_so_and_offers_the_contents(window, qtbot):
    window.contents_dock.hide()
    type_query(window, qtbot, "zebra")
    assert window.search_bar.count_label.text() == "No matches"
    assert "No matches for “zebra”" in window.search_bar.message_label.text()
    assert "No matches for “zebra”" in window.results.toPlainText()
    assert not window.contents_dock.isHidden()
    assert search_highlights(window) == []


def test_search_works_after_the_window_is_resized(window, qtbot):
    window.resize(700, 520)
    type_query(window, qtbot, "thoracolumbar")
    assert selected(window) == "thoracolumbar"
    assert current_hit_is_on_screen(window)


@pytest.mark.parametrize(
    "query", ["((.*", "x" * 10_000, "😀🦴", "שבר בעמוד השדרה", "   ", '"', "\\d+[", "%s%n"]
)
def test_odd_input_never_leaves_an_error_on_screen(window, qtbot, monkeypatch, query):
    shown = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: shown.append(a))
    field = window.search_bar.field
    field.setText(query)
    window.search_bar.flush()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert shown == []
    assert window.reader.document().toPlainText().startswith("Kyphoplasty")
    message = window.search_bar.message_label.text()
    assert message == "" or message.startswith("No matches")


def test_a_result_can_be_chosen_from_the_keyboard(window, qtbot):
    type_query(window, qtbot, "leakage")
    window.results.setFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_Tab)
    qtbot.keyClick(window.results, Qt.Key.Key_Tab)
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    assert window.search_session.current == 1
    assert window.search_bar.count_label.text().startswith("2 of ")
