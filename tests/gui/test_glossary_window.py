"""Explained words in the window: marked, explained by mouse and keyboard, listed, searched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolButton, QToolTip, QWidget
from test_search_window import type_query
from unit.test_glossary import PROMISED

from kyphoreader.app.actions import create_actions
from kyphoreader.core.text import fold_text, split_sentences
from kyphoreader.glossary.controller import CUE, GLOSSARY_LAYER, NO_GLOSSARY, NO_WORD_HERE
from kyphoreader.glossary.popup import MIN_POINTS
from kyphoreader.glossary.wordlist import NO_WORDS, WordListDialog
from kyphoreader.reading.theme import THEMES

pytestmark = pytest.mark.gui

ACTIONS = ("next_explained_word", "previous_explained_word", "explain_word", "words_explained")


def shown_text(reader, start: int, end: int) -> str:
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def mark_of(window, term_id: str, section_id: str | None = None):
    return next(
        mark
        for mark in window.glossary.marks
        if mark.term.id == term_id
        and (section_id is None or mark.occurrence.section_id == section_id)
    )


def word_point(reader, mark) -> QPoint:
    """The middle of a marked word on screen (its first line)."""
    start = QTextCursor(reader.document())
    start.setPosition(mark.start)
    after_first_letter = QTextCursor(reader.document())
    after_first_letter.setPosition(mark.start + 2)
    first = reader.cursorRect(start)
    return QPoint(reader.cursorRect(after_first_letter).right(), first.center().y())


def sentence_line_rects(window, mark) -> list:
    """The rectangle of every line of the sentence that holds ``mark``, in the viewport."""
    section = window.leaflet.section(mark.occurrence.section_id)
    sentence = next(
        s for s in split_sentences(section.text) if s.start <= mark.occurrence.start < s.end
    )
    start, end = window.reader.document_span(section.id, sentence.start, sentence.end)
    rects = []
    for position in range(start, end + 1):
        cursor = QTextCursor(window.reader.document())
        cursor.setPosition(position)
        rect = window.reader.cursorRect(cursor)
        if not rects or rect.top() != rects[-1].top():
            rects.append(rect)
    return rects


def focus_widget() -> QWidget:
    return QApplication.focusWidget()


@pytest.fixture
def focused(window, qtbot):
    """The window with the keyboard in the reader, the caret at the start of the leaflet."""
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    cursor = QTextCursor(window.reader.document())
    window.reader.setTextCursor(cursor)
    return window


# -- the marks ---------------------------------------------------------------------------------


def test_every_first_place_the_glossary_promises_is_marked(window, bundled_leaflet):
    glossary = window.glossary.glossary
    reader = window.reader
    expected = {
        (o.section_id, o.term.id): bundled_leaflet.section(o.section_id).text[o.start : o.end]
        for o in glossary.first_occurrences(bundled_leaflet.walk())
    }
    marked = {
        (mark.occurrence.section_id, mark.term.id): shown_text(reader, mark.start, mark.end)
        for mark in window.glossary.marks
    }
    assert {key: fold_text(text) for key, text in marked.items()} == {
        key: fold_text(text) for key, text in expected.items()
    }
    for key, words in PROMISED.items():
        assert fold_text(marked[key]) == fold_text(words), key
    assert reader.layer(GLOSSARY_LAYER) == [(m.start, m.end) for m in window.glossary.marks]
    # Every term of the glossary is marked somewhere.
    assert {mark.term.id for mark in window.glossary.marks} == {t.id for t in glossary}


@pytest.mark.parametrize("name", list(THEMES))
def test_the_marks_are_drawn_in_the_themes_colours_and_never_underlined(window, name):
    window.appearance.set_theme(name)
    theme = THEMES[name]
    drawn = [
        s
        for s in window.reader.extraSelections()
        if s.format.background().color().name() == theme.glossary_background
    ]
    assert len(drawn) == len(window.glossary.marks)
    for selection in drawn:
        assert selection.format.foreground().color().name() == theme.glossary_text
        assert not selection.format.fontUnderline()
        assert selection.format.underlineStyle().value == 0  # QTextCharFormat.NoUnderline


# The offscreen platform cannot raise the tooltip's window; that is not a fault of ours.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_marked_word_has_its_explanation_as_a_tooltip(window, qtbot):
    mark = mark_of(window, "kyphosis", "other-causes")
    window.navigation.show_section("other-causes")
    viewport = window.reader.viewport()
    point = word_point(window.reader, mark)
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    assert QToolTip.text() == mark.term.plain_text
    QToolTip.hideText()


# -- the bubble --------------------------------------------------------------------------------


def test_clicking_a_marked_word_explains_it_beside_its_sentence(window, qtbot):
    # With the review notice hidden, the whole reading area: room for a five-line sentence
    # and the bubble together at 1024 by 768 (with the notice shown the bubble may cover it).
    window.notice.hide_for_session()
    QApplication.processEvents()  # the window lays itself out without the notice
    mark = mark_of(window, "nonunion", "other-causes")
    window.navigation.show_section("other-causes")
    popup = window.glossary.popup
    qtbot.mouseClick(
        window.reader.viewport(), Qt.MouseButton.LeftButton, pos=word_point(window.reader, mark)
    )
    assert popup.isVisible()
    assert window.glossary.shown_term() == mark.term
    assert mark.term.term in popup.shown_text()
    assert mark.term.explanation in " ".join(popup.shown_text().split())
    # In large text, and never over the sentence it explains.
    block = popup.text.document().begin().next()  # the explanation's paragraph
    assert block.begin().fragment().charFormat().fontPointSize() >= MIN_POINTS
    geometry = popup.geometry()
    for line in sentence_line_rects(window, mark):
        assert not geometry.intersects(line), (geometry, line)
    assert window.reader.viewport().rect().contains(geometry)
    # Clicking text that is not a marked word closes it.
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not popup.isVisible()


def test_escape_closes_the_bubble_and_leaves_the_search_alone(focused, qtbot):
    window = focused
    type_query(window, qtbot, "cement")
    window.reader.setFocus()
    mark = mark_of(window, "nonunion", "other-causes")
    window.reader.select_span(mark.start, mark.end)
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    assert window.glossary.popup.isVisible()
    qtbot.keyClick(focus_widget(), Qt.Key.Key_Escape)
    assert not window.glossary.popup.isVisible()
    assert window.search_bar.text() == "cement"  # Escape closed the bubble only
    assert window.reader.hasFocus()


def test_the_keyboard_walks_every_explained_word_in_order_and_explains_it(focused, qtbot):
    window = focused
    marks = window.glossary.marks
    reader = window.reader
    for mark in marks:
        qtbot.keyClick(reader, Qt.Key.Key_F2)
        cursor = reader.textCursor()
        assert (cursor.selectionStart(), cursor.selectionEnd()) == (mark.start, mark.end)
        assert reader.is_span_visible(mark.start, mark.end)
    qtbot.keyClick(reader, Qt.Key.Key_F2)  # after the last comes the first again
    assert reader.textCursor().selectionStart() == marks[0].start
    qtbot.keyClick(reader, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    assert reader.textCursor().selectionStart() == marks[-1].start
    qtbot.keyClick(reader, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    assert reader.textCursor().selectionStart() == marks[-2].start

    # Enter explains the word at the caret; the bubble takes the keyboard.
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    popup = window.glossary.popup
    assert popup.isVisible() and window.glossary.shown_term() == marks[-2].term
    assert popup.isAncestorOf(focus_widget())
    qtbot.keyClick(focus_widget(), Qt.Key.Key_Escape)
    assert not popup.isVisible() and reader.hasFocus()


def test_the_explanation_is_read_by_the_accessibility_tree(focused, qtbot):
    window = focused
    mark = mark_of(window, "hounsfield-unit")
    window.reader.select_span(mark.start, mark.end)
    with qtbot.waitSignal(window.glossary.cue_spoken) as spoken:
        window.actions_by_name["explain_word"].trigger()
    assert spoken.args == [mark.term.plain_text]  # announced as it opens
    popup = window.glossary.popup
    interface = QAccessible.queryAccessibleInterface(popup)
    assert interface.text(QAccessible.Text.Name) == mark.term.term
    assert interface.text(QAccessible.Text.Description) == mark.term.explanation
    focused_text = QAccessible.queryAccessibleInterface(focus_widget())
    assert mark.term.term in focused_text.text(QAccessible.Text.Name)
    assert focused_text.text(QAccessible.Text.Description) == mark.term.plain_text
    close = QAccessible.queryAccessibleInterface(popup.close_button)
    assert close.text(QAccessible.Text.Name) == "Close the explanation"
    assert popup.close_button.width() >= 44 and popup.close_button.height() >= 44
    qtbot.mouseClick(popup.close_button, Qt.MouseButton.LeftButton)
    assert not popup.isVisible()


def test_arriving_on_an_explained_word_says_so_to_a_screen_reader(focused, qtbot):
    window = focused
    first = window.glossary.marks[0]
    with qtbot.waitSignal(window.glossary.cue_spoken) as spoken:
        window.actions_by_name["next_explained_word"].trigger()
    assert spoken.args == [CUE.format(term=first.term.term)]


def test_explain_this_word_away_from_a_marked_word_says_how_to_find_one(focused, qtbot):
    window = focused
    window.actions_by_name["explain_word"].trigger()
    assert not window.glossary.popup.isVisible()
    assert window.statusBar().currentMessage() == NO_WORD_HERE


@pytest.mark.parametrize("percent", [100, 200, 400])
def test_the_word_stays_in_view_beside_its_bubble_at_every_size(focused, qtbot, percent):
    window = focused
    window.appearance.set_text_size(percent)
    mark = mark_of(window, "biomechanics")
    window.reader.select_span(mark.start, mark.end)
    window.actions_by_name["explain_word"].trigger()
    popup = window.glossary.popup
    assert window.reader.is_span_visible(mark.start, mark.end)
    word = window.reader.cursorRect(window.reader.textCursor())
    assert not popup.geometry().intersects(word)
    assert window.reader.viewport().rect().contains(popup.geometry())


# -- the list ----------------------------------------------------------------------------------


def test_words_explained_lists_every_word_a_to_z_in_large_text(window, qtbot):
    button = window.toolbar.findChild(QToolButton, "button_words_explained")
    assert button.text() == "Words" and button.accessibleName() == "Words explained"
    assert button.width() >= 44 and button.height() >= 44
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (dialog,) = [d for d in window.dialogs.open_dialogs() if isinstance(d, WordListDialog)]
    terms = window.glossary.glossary.terms
    assert dialog.listed_terms() == [t.term for t in terms]
    assert dialog.listed_terms() == sorted(dialog.listed_terms(), key=fold_text)
    text = " ".join(dialog.text.toPlainText().split())
    position = 0
    for term in terms:
        position = text.index(f"{term.term}: {term.explanation}", position)
    block = dialog.text.document().begin()
    while block.isValid():
        assert block.begin().fragment().charFormat().fontPointSize() >= MIN_POINTS
        block = block.next()
    qtbot.waitUntil(dialog.text.hasFocus)  # the list takes the keyboard
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert window.dialogs.open_dialogs() == []


def test_the_waiting_room_has_every_glossary_action(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    assert set(ACTIONS) <= set(create_actions(owner, kiosk=True))


# -- search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "term_id"),
    [
        ("nonunion", "nonunion"),
        ("what does nonunion mean", "nonunion"),
        ("What is kyphosis?", "kyphosis"),
        ("hunchback", "kyphosis"),
        ("AVFs", "adjacent-vertebral-fracture-avf"),
    ],
)
def test_searching_an_explained_word_shows_its_meaning_first(window, qtbot, query, term_id):
    type_query(window, qtbot, query)
    term = window.glossary.glossary.term(term_id)
    results = " ".join(window.results.toPlainText().split())
    assert results.startswith(f"What “{term.term}” means {term.explanation}")
    assert window.search_session.match_count() > 0  # and then where it stands
    first_section = results.index("match")
    assert results.index(term.explanation) < first_section


def test_other_searches_show_no_explanation(window, qtbot):
    type_query(window, qtbot, "back pain")
    assert window.search_session.match_count() > 0
    assert "means" not in window.results.toPlainText().split("\n")[0]
    assert window.results.explanation() is None


# -- other leaflets ----------------------------------------------------------------------------


def test_a_leaflet_without_a_glossary_has_no_marks_and_says_so(window, tmp_path, qtbot):
    leaflet = tmp_path / "hip.md"
    leaflet.write_text("title: Hip care\n\n## Walking\n\nKyphosis is not here.\n", "utf-8")
    assert window.open_leaflet(str(leaflet))
    assert window.glossary.marks == [] and window.reader.layer(GLOSSARY_LAYER) == []
    window.actions_by_name["next_explained_word"].trigger()
    assert window.statusBar().currentMessage() == NO_GLOSSARY
    window.actions_by_name["words_explained"].trigger()
    (dialog,) = window.dialogs.open_dialogs()
    assert dialog.text.toPlainText().strip() == NO_WORDS


def test_a_broken_glossary_is_reported_in_one_line_and_the_leaflet_still_shows(window, tmp_path):
    leaflet = tmp_path / "hip.md"
    leaflet.write_text("title: Hip care\n\n## Walking\n\nTake it slowly.\n", "utf-8")
    (tmp_path / "glossary.toml").write_text('[[term]]\nterm = "walking"\n', "utf-8")
    assert window.open_leaflet(str(leaflet))
    message = window.statusBar().currentMessage()
    assert message.startswith("No words are explained: ") and "missing 'forms'" in message
    assert "\n" not in message
    assert "Take it slowly." in window.reader.toPlainText()
    assert window.glossary.marks == []


# -- reset -------------------------------------------------------------------------------------


def test_reset_closes_the_bubble_and_the_list_and_keeps_the_marks(focused, qtbot):
    window = focused
    marks = window.reader.layer(GLOSSARY_LAYER)
    window.actions_by_name["next_explained_word"].trigger()
    window.actions_by_name["explain_word"].trigger()
    assert window.glossary.popup.isVisible()
    window.actions_by_name["words_explained"].trigger()
    window.reset()
    assert not window.glossary.popup.isVisible()
    assert window.glossary.shown_term() is None
    assert window.dialogs.open_dialogs() == []
    assert window.reader.layer(GLOSSARY_LAYER) == marks


def test_words_are_marked_just_after_the_text_is_first_painted(
    qtbot, settings_store, bundled_leaflet
):
    from kyphoreader.app.mainwindow import MainWindow

    window = MainWindow(settings_store)
    qtbot.addWidget(window)
    window.show_leaflet(bundled_leaflet)
    assert window.reader.layer(GLOSSARY_LAYER) == []  # start-up does not wait for the glossary
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: len(window.reader.layer(GLOSSARY_LAYER)) > 80)
