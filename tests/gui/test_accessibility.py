"""What a screen reader and a keyboard user get: caret, headings, links, names, F6, announcements.

These look at Qt's accessibility interfaces in the test process; tests/a11y looks at the same
through AT-SPI, as Orca does.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QToolButton,
)

from kyphoreader.app.actions import name_holds_label
from kyphoreader.app.polish import name_controls
from kyphoreader.core.document import TITLE_ANCHOR

pytestmark = pytest.mark.gui


def reader_interface(window):
    return QAccessible.queryAccessibleInterface(window.reader)


def caret(window) -> int:
    return window.reader.textCursor().position()


def line_at_caret(window) -> str:
    return window.reader.textCursor().block().text()


def test_the_text_is_a_read_only_document_with_a_text_interface(window):
    interface = reader_interface(window)
    assert interface.role() == QAccessible.Role.Document
    assert interface.text(QAccessible.Text.Name) == "Leaflet text"
    assert interface.state().readOnly and interface.state().focusable
    text = interface.textInterface()
    assert text is not None
    assert text.characterCount() == window.reader.document().characterCount() - 1
    assert text.text(0, 51) == "Kyphoplasty-induced Back Pain: Origins and Remedies"
    window.reader.place_caret(120)
    assert text.cursorPosition() == 120


def test_headings_have_their_level_and_links_are_links(window):
    interface = reader_interface(window)
    children = [interface.child(i) for i in range(interface.childCount())]
    headings = {
        c.text(QAccessible.Text.Name): c.attributesInterface().attributeValue(
            QAccessible.Attribute.Level
        )
        for c in children
        if c is not None and c.role() == QAccessible.Role.Heading
    }
    assert headings["Kyphoplasty-induced Back Pain: Origins and Remedies"] == 1
    assert headings["Possible complications"] == 2
    assert headings["Other causes"] == 3
    links = [c for c in children if c is not None and c.role() == QAccessible.Role.Link]
    assert len(links) == len(window.reader.links()) >= 11
    two = next(c for c in links if c.text(QAccessible.Text.Name) == "[2]")
    assert two.text(QAccessible.Text.Description).startswith("Goes to: [2] Riew KD")
    actions = two.actionInterface()
    assert QAccessibleActionInterface.pressAction() in actions.actionNames()
    actions.doAction(QAccessibleActionInterface.pressAction())
    assert line_at_caret(window).startswith("[2] Riew KD")
    assert window.navigation.can_go_back()


def test_a_new_leaflet_replaces_the_headings_and_links(window, tmp_path):
    interface = reader_interface(window)
    before = interface.childCount()
    other = tmp_path / "other.md"
    other.write_text(
        "title: Hip\n\n## Walking\n\nSlowly [[1]](#ref-1).\n\n## Refs\n\nOne.\n{: #ref-1 }\n"
    )
    assert window.open_leaflet(str(other))
    interface = reader_interface(window)
    names = [interface.child(i).text(QAccessible.Text.Name) for i in range(interface.childCount())]
    assert interface.childCount() < before
    assert {"Hip", "Walking", "Refs", "[1]"} <= set(names)


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("contents", "What a study found"),
        ("next", "Why can back pain continue?"),
        ("search", "Cement leakage"),
        ("citation", "[2] Riew KD"),
        ("next_link", "Other factors"),
    ],
)
def test_every_jump_moves_the_caret_there(window, qtbot, how, expected):
    reader = window.reader
    moves = []
    reader.cursorPositionChanged.connect(lambda: moves.append(caret(window)))
    if how == "contents":
        window.contents.section_activated.emit("what-a-study-found")
    elif how == "next":
        window.actions_by_name["next_section"].trigger()
    elif how == "search":
        window.search_bar.field.setText("cement leak")
        window.search_bar.flush()
    elif how == "citation":
        reader.go_to("possible-complications")
        reader.link_activated.emit("ref-2")
    elif how == "next_link":
        reader.go_to("other-causes")
        window.actions_by_name["next_link"].trigger()
        assert reader.link_at_caret() is not None
        assert reader.textCursor().selectedText() == "[1]"
    assert moves, "the caret did not move, so no caret event reached screen readers"
    assert expected in line_at_caret(window)


def test_the_link_at_the_caret_is_the_one_the_whole_text_lists_there(window):
    """Only the caret's paragraph is read (issue #16): the same answer as every link listed."""
    from PySide6.QtGui import QTextCursor

    reader = window.reader
    links = reader.links()  # every link of the text, from a walk of the whole document
    assert len(links) >= 11
    positions = sorted(
        {p for link in links for p in (link.start - 1, link.start, link.end - 1, link.end)}
        | set(range(0, reader.document().characterCount() - 1, 211))
    )
    for position in positions:
        cursor = QTextCursor(reader.document())
        cursor.setPosition(position)
        reader.setTextCursor(cursor)
        listed = next((link for link in links if link.start <= position < link.end), None)
        assert reader.link_at_caret() == listed, position
    for link in links:  # a link selected, as Ctrl+L selects it
        cursor = QTextCursor(reader.document())
        cursor.setPosition(link.start)
        cursor.setPosition(link.end, QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)
        assert reader.link_at_caret() == link


def test_back_puts_the_caret_where_the_reader_was(window):
    reader = window.reader
    reader.go_to("possible-complications")
    start = caret(window)
    reader.link_activated.emit("ref-2")
    assert caret(window) != start
    window.actions_by_name["back"].trigger()
    assert caret(window) == reader.top_position()
    assert line_at_caret(window) == "Possible complications"


def test_keys_move_the_caret_and_home_end_go_to_the_ends(window, qtbot):
    reader = window.reader
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_End)
    assert caret(window) == reader.document().characterCount() - 1
    bar = reader.verticalScrollBar()
    assert bar.value() == bar.maximum()
    qtbot.keyClick(reader, Qt.Key.Key_Home)
    assert caret(window) == 0 and bar.value() == 0
    qtbot.keyClick(reader, Qt.Key.Key_PageDown)
    after_page = caret(window)
    assert after_page > 0 and bar.value() > 0
    qtbot.keyClick(reader, Qt.Key.Key_Down)
    assert caret(window) > after_page
    qtbot.keyClick(reader, Qt.Key.Key_PageUp)
    assert caret(window) < after_page


def test_enter_on_a_link_follows_it_and_tab_leaves_the_text(window, qtbot):
    reader = window.reader
    reader.go_to("possible-complications")
    reader.setFocus()
    window.actions_by_name["next_link"].trigger()
    assert reader.layer("focus"), "the focused link has a ring"
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert line_at_caret(window).startswith("[2] Riew KD")
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert not reader.hasFocus(), "Tab leaves the text instead of stepping through 11 links"


def test_contents_rows_report_level_and_only_branches_expand(window):
    tree = QAccessible.queryAccessibleInterface(window.contents)
    assert tree.role() == QAccessible.Role.Tree
    rows = {}
    for index in range(tree.childCount()):
        child = tree.child(index)
        if child is not None and child.role() == QAccessible.Role.TreeItem:
            rows[child.text(QAccessible.Text.Name)] = child
    assert len(rows) == len(window.contents.section_ids())
    level = QAccessible.Attribute.Level
    assert rows["Why can back pain continue?"].attributesInterface().attributeValue(level) == 1
    assert rows["Other causes"].attributesInterface().attributeValue(level) == 2
    branch = rows["Why can back pain continue?"].state()
    assert branch.expandable and branch.expanded
    for name, row in rows.items():
        if name != "Why can back pain continue?":
            assert not row.state().expanded and not row.state().expandable, name
    # Qt numbers rows in the order shown for its focus events; the interface does the same.
    window.contents.setCurrentItem(window.contents.item_for("summary"))
    shown = [tree.child(i).text(QAccessible.Text.Name) for i in range(len(rows))]
    assert shown.index("Summary") == window.contents.section_ids().index("summary")


def test_contents_rows_are_at_least_44_pixels_high(window):
    contents = window.contents
    for section_id in contents.section_ids():
        assert contents.visualItemRect(contents.item_for(section_id)).height() >= 44


def test_the_match_count_and_messages_are_names_a_screen_reader_reads(window):
    bar = window.search_bar
    bar.field.setText("cement")
    bar.flush()
    assert bar.count_label.text() == "1 of 6"
    assert bar.count_label.accessibleName() == "Match 1 of 6"
    window.search_session.go_to_next()
    assert bar.count_label.accessibleName() == "Match 2 of 6"
    bar.field.setText("kyfoplasty")
    bar.flush()
    assert bar.message_label.accessibleName() == bar.message_label.text()
    assert bar.message_label.text().startswith("Showing results for kyphoplasty")
    bar.field.setText("zzqxj")
    bar.flush()
    assert bar.count_label.accessibleName() == "No matches"


def test_names_hold_the_visible_labels_in_the_window_and_its_dialogs(window, qtbot):
    def check(root):
        assert name_controls(root) == []
        for button in root.findChildren(QAbstractButton):
            if button.isVisible() and button.text():
                name = button.accessibleName()
                assert name_holds_label(name, button.text()), (name, button.text())

    check(window)
    for action in ("about", "print"):
        window.actions_by_name[action].trigger()
        [dialog] = window.dialogs.open_dialogs()
        check(dialog)
        window.dialogs.close_all()
    from kyphoreader.printing.options import PrintOptions

    preview = window.printing.preview_with(PrintOptions(18, "A4", ()))
    check(preview)
    assert "Zoom" in {box.accessibleName() for box in preview.findChildren(QComboBox)}
    edits = [e for e in preview.findChildren(QLineEdit) if e.isVisibleTo(preview)]
    assert all(e.accessibleName() or e.parent().accessibleName() for e in edits)
    view = preview.findChildren(QGraphicsView)[0]
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus  # its focus ring can show
    window.dialogs.close_all()


def test_f6_moves_through_the_parts_of_the_window_in_order(window, qtbot):
    window.search_bar.field.setText("cement")
    window.search_bar.flush()
    regions = window.regions
    window.reader.setFocus()
    order = [regions.next() for _ in range(5)]
    assert order == ["results", "toolbar", "search", "contents", "reader"]
    assert isinstance(QApplication.focusWidget(), type(window.reader))
    assert regions.previous() == "contents"
    window.actions_by_name["toggle_contents"].trigger()  # hidden parts are skipped
    window.reader.setFocus()
    assert regions.previous() == "search"
    assert [s.toString() for s in window.actions_by_name["next_region"].shortcuts()] == ["F6"]


def test_toolbar_buttons_take_the_keyboard_and_are_big(window):
    for button in window.toolbar.findChildren(QToolButton):
        if button.isVisible():
            assert button.focusPolicy() != Qt.FocusPolicy.NoFocus, button.text()
            assert button.width() >= 44 and button.height() >= 44
    for dock in (window.contents_dock, window.results_dock):
        close = dock.titleBarWidget().close_button
        assert close.accessibleName() == f"Close {dock.windowTitle()}"
        assert close.minimumWidth() >= 44 and close.minimumHeight() >= 44
    assert window.menuBar().height() >= 44


def test_the_front_matter_can_be_searched(window):
    bar = window.search_bar
    bar.field.setText("replace advice")
    bar.flush()
    hits = window.search_session.result.hits
    assert hits and hits[0].section_id == TITLE_ANCHOR
    assert "does not replace advice" in window.reader.textCursor().block().text()
    bar.field.setText("Origins and Remedies")
    bar.flush()
    assert window.search_session.match_count() >= 1


def test_the_more_buttons_button_of_a_narrowed_window_has_a_name(window, qtbot):
    """Qt shows it when the toolbar's buttons stop fitting, long after the window was named."""
    window.show()
    qtbot.waitExposed(window)
    window.resize(420, 700)
    more = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    qtbot.waitUntil(more.isVisible)
    assert more.accessibleName() == "More buttons"
    assert more.toolTip().startswith("More buttons")
