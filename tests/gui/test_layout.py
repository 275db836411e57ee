"""The default look follows the clear-print numbers: size, spacing, line length, alignment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QTextBlockFormat

pytestmark = pytest.mark.gui


def blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def body_blocks(document):
    return [b for b in blocks(document) if b.text().strip() and b.blockFormat().headingLevel() == 0]


def test_body_text_is_at_least_14_point_sans_serif(window):
    font = window.reader.document().defaultFont()
    assert font.pointSizeF() >= 14
    # The face actually used, not only the one asked for: a sans serif made for low vision.
    assert QFontInfo(font).family() == "Atkinson Hyperlegible"


def test_line_height_at_least_one_and_a_half(window):
    for block in body_blocks(window.reader.document()):
        fmt = block.blockFormat()
        assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        assert fmt.lineHeight() >= 150, block.text()[:40]


def test_paragraph_gap_is_at_least_one_blank_line(window):
    reader = window.reader
    line = reader.fontMetrics().lineSpacing()
    for block in body_blocks(reader.document()):
        assert block.blockFormat().bottomMargin() >= line * 0.99, block.text()[:40]


def test_text_is_left_aligned_never_justified(window):
    for block in blocks(window.reader.document()):
        alignment = block.blockFormat().alignment()
        assert alignment & Qt.AlignmentFlag.AlignLeft
        assert not alignment & Qt.AlignmentFlag.AlignJustify


TABLE_HTML = (
    "<h2>Doses</h2><table><tr><td>Morning</td><td>One tablet</td></tr>"
    "<tr><td><h3>In the cell</h3></td><td>Evening</td></tr></table>"
    "<p>After the table.</p><h2>Next</h2><p>Last words.</p>"
)


@pytest.mark.parametrize(("points", "spacing"), [(16.0, 150), (32.0, 200), (64.0, 250)])
@pytest.mark.parametrize("text", ["bundled", "table"])
def test_every_block_gets_the_format_of_its_kind(qtbot, bundled_leaflet, points, spacing, text):
    """Headings and paragraphs, in the body or in a table's cells, each get their own format."""
    from PySide6.QtGui import QFontMetricsF, QTextDocument, QTextFormat

    from kyphoreader.core.document import LEAFLET_CSS, leaflet_document_html
    from kyphoreader.reading.typography import (
        HEADING_LINE_HEIGHT,
        heading_point_size,
        reading_font,
        set_text,
    )

    document = QTextDocument()
    document.setDefaultStyleSheet(LEAFLET_CSS)
    document.setHtml(leaflet_document_html(bundled_leaflet) if text == "bundled" else TABLE_HTML)
    set_text(document, points, spacing)
    line = QFontMetricsF(reading_font(points)).lineSpacing()
    all_blocks = list(blocks(document))
    assert sum(1 for b in all_blocks if b.blockFormat().headingLevel() > 0) >= 3
    for block in all_blocks:
        fmt = block.blockFormat()
        level = fmt.headingLevel()
        if level > 0:
            expected = (max(HEADING_LINE_HEIGHT, spacing - 30), line * 1.2, line * 0.5)
        else:
            expected = (spacing, 0, line * spacing / 100)
        got = (fmt.lineHeight(), fmt.topMargin(), fmt.bottomMargin())
        assert got == pytest.approx(expected), block.text()[:40]
        assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        assert fmt.property(QTextFormat.Property.BlockAlignment) == Qt.AlignmentFlag.AlignLeft.value
        if level > 0 and block.text().strip():
            size = heading_point_size(points, level)
            iterator = block.begin()
            while not iterator.atEnd():
                char_format = iterator.fragment().charFormat()
                assert char_format.fontPointSize() == pytest.approx(size), block.text()
                assert char_format.fontWeight() == 700
                assert not char_format.hasProperty(QTextFormat.Property.FontSizeAdjustment)
                iterator += 1


def test_no_italics_in_the_text(window):
    for block in blocks(window.reader.document()):
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            assert not fragment.charFormat().fontItalic(), fragment.text()
            iterator += 1


def test_emphasis_in_a_leaflet_becomes_bold_not_italic(qtbot, sample_leaflet):
    from kyphoreader.reading.view import ReaderView

    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_leaflet(sample_leaflet)
    cursor = reader.document().find("first")
    assert not cursor.charFormat().fontItalic()
    assert cursor.charFormat().fontWeight() >= 600


def first_line_ascent(block) -> float:
    return block.layout().lineAt(0).ascent()


@pytest.mark.parametrize("percent", [100, 400])
def test_headings_are_bold_and_larger_than_body(window, percent):
    window.appearance.set_text_size(percent)
    reader = window.reader
    body = body_blocks(reader.document())[0]
    previous = None
    for level in (1, 2, 3):
        heading = next(
            b for b in blocks(reader.document()) if b.blockFormat().headingLevel() == level
        )
        fragment = heading.begin().fragment()
        assert fragment.charFormat().fontWeight() >= 600
        ascent = first_line_ascent(heading)
        assert ascent > first_line_ascent(body) * 1.05, (level, percent)
        if previous is not None:
            assert ascent < previous  # a clear hierarchy: h1 > h2 > h3
        previous = ascent


def longest_line(document) -> int:
    longest = 0
    for block in body_blocks(document):
        layout = block.layout()
        for index in range(layout.lineCount()):
            longest = max(longest, layout.lineAt(index).textLength())
    return longest


def test_lines_hold_at_most_about_70_characters_in_a_wide_window(window, qtbot):
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: window.reader.viewport().width() > 1400)
    assert 55 <= longest_line(window.reader.document()) <= 75


def test_the_text_column_is_centred_in_a_wide_window(window, qtbot):
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: window.reader.viewport().width() > 1400)
    frame = window.reader.document().rootFrame().frameFormat()
    assert frame.leftMargin() == frame.rightMargin()
    assert frame.leftMargin() > 200


def test_no_sideways_scrolling_in_a_small_window(window, qtbot):
    window.resize(640, 480)
    qtbot.waitUntil(lambda: window.reader.viewport().width() < 500)
    assert window.reader.horizontalScrollBar().maximum() == 0


def test_resizing_keeps_the_same_text_at_the_top(window, qtbot):
    from test_navigation import text_at_top

    window.reader.go_to("who-is-more-likely-to-have-another-fracture")
    before = text_at_top(window.reader)
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: window.reader.viewport().width() > 1000)
    assert text_at_top(window.reader) == before


def last_heading_reaches_the_top(reader) -> bool:
    """Scrolled to the end, the last heading is at (or above) the top of the view."""
    document = reader.document()
    last = [b for b in blocks(document) if b.blockFormat().headingLevel() > 0][-1]
    top = document.documentLayout().blockBoundingRect(last).top()
    return reader.verticalScrollBar().maximum() >= top - 1


def test_the_last_heading_can_always_reach_the_top(window, qtbot):
    for height in (760, 720, 600, 560, 700):
        window.resize(760, height)
        qtbot.waitUntil(lambda h=height: window.height() == h)
        assert last_heading_reaches_the_top(window.reader), height


def test_a_slightly_shorter_view_does_not_lay_the_text_out_again(window, qtbot):
    window.resize(760, 760)
    qtbot.waitUntil(lambda: window.height() == 760)
    frame = window.reader.document().rootFrame()
    room = frame.frameFormat().bottomMargin()
    layouts = []
    frame.document().documentLayout().documentSizeChanged.connect(layouts.append)
    window.resize(760, 700)  # a toolbar or the notice arriving above the text, say
    qtbot.waitUntil(lambda: window.height() == 700)
    assert frame.frameFormat().bottomMargin() == room
    assert layouts == []
    assert last_heading_reaches_the_top(window.reader)
    window.resize(760, 560)  # much shorter: no more room than a quarter of the view
    qtbot.waitUntil(lambda: window.height() == 560)
    viewport = window.reader.viewport().height()
    assert frame.frameFormat().bottomMargin() <= viewport * 1.25


def test_the_column_is_centred_from_the_first_show(qtbot, bundled_leaflet):
    """Before its first show the view has no size, so the column waits for the first resize."""
    from kyphoreader.reading.view import ReaderView

    view = ReaderView()
    qtbot.addWidget(view)
    view.show_leaflet(bundled_leaflet)
    view.resize(1400, 700)
    with qtbot.waitExposed(view):
        view.show()
    frame = view.document().rootFrame().frameFormat()
    assert frame.leftMargin() == frame.rightMargin()
    expected = (view.viewport().width() - view.column_width()) / 2
    assert abs(frame.leftMargin() - expected) < 1
    assert frame.bottomMargin() > view.viewport().height() / 2  # room for the last heading
