"""The glossary's spans land on the shown words, and its printed section renders as large print."""

from __future__ import annotations

import pytest

from kyphoreader.core.text import fold_text
from kyphoreader.glossary.terms import load_glossary_for, words_explained_html
from kyphoreader.paths import default_leaflet_path

pytestmark = pytest.mark.gui


def test_every_first_occurrence_maps_onto_the_same_words_in_the_reader(qtbot, bundled_leaflet):
    from PySide6.QtGui import QTextCursor

    from kyphoreader.reading.view import ReaderView

    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_leaflet(bundled_leaflet)
    glossary = load_glossary_for(default_leaflet_path())
    occurrences = glossary.first_occurrences(bundled_leaflet.walk())
    assert occurrences
    wrong = []
    for occurrence in occurrences:
        section = bundled_leaflet.section(occurrence.section_id)
        wanted = section.text[occurrence.start : occurrence.end]
        span = reader.document_span(occurrence.section_id, occurrence.start, occurrence.end)
        if span is None:
            wrong.append((occurrence.section_id, wanted, None))
            continue
        cursor = QTextCursor(reader.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        if fold_text(cursor.selectedText()) != fold_text(wanted):
            wrong.append((occurrence.section_id, wanted, cursor.selectedText()))
    assert wrong == []


def test_words_explained_renders_left_aligned_bold_and_never_italic_or_underlined(
    qtbot, bundled_leaflet
):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    from kyphoreader.core.document import PRINT_CSS

    glossary = load_glossary_for(default_leaflet_path())
    document = QTextDocument()
    document.setDefaultStyleSheet(PRINT_CSS)
    document.setHtml(words_explained_html(glossary.terms_in(bundled_leaflet.walk())))
    not_left = (
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignJustify
    )
    bold_starts = []
    block = document.begin()
    while block.isValid():
        assert not block.blockFormat().alignment() & not_left, block.text()
        iterator = block.begin()
        bold, leading = "", True
        while not iterator.atEnd():
            fragment = iterator.fragment()
            assert not fragment.charFormat().fontItalic(), fragment.text()
            assert not fragment.charFormat().fontUnderline(), fragment.text()
            leading = leading and fragment.charFormat().fontWeight() >= 600
            bold += fragment.text() if leading else ""
            iterator += 1
        bold_starts.append(bold.rstrip(":"))
        block = block.next()
    assert bold_starts[0] == "Words explained"  # the heading
    assert bold_starts[1] == ""  # the plain first line
    assert bold_starts[2:] == [term.term for term in glossary]
