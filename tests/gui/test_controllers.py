"""Each feature's controller on its own, with only the widgets it drives (no main window)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from kyphoreader.app.actions import ACTION_SPECS, MENUS, create_actions, toolbar_specs
from kyphoreader.app.dialogs import DialogHost
from kyphoreader.reading.controller import AppearanceController, AppearanceDefaults
from kyphoreader.reading.navigation import NavigationController
from kyphoreader.reading.toc import TocPanel
from kyphoreader.reading.view import LAYER_ORDER, ReaderView
from kyphoreader.search.bar import SearchBar
from kyphoreader.search.results import ResultsPanel
from kyphoreader.search.session import CURRENT_LAYER, MATCH_LAYER, SearchSession

pytestmark = pytest.mark.gui


@pytest.fixture
def reader(qtbot, bundled_leaflet):
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show_leaflet(bundled_leaflet)
    view.show()
    return view


@pytest.fixture
def contents(qtbot, bundled_leaflet):
    panel = TocPanel()
    qtbot.addWidget(panel)
    panel.set_sections(bundled_leaflet.sections)
    return panel


def fmt(colour: str) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setBackground(QBrush(QColor(colour)))
    return text_format


# -- highlight layers ------------------------------------------------------------------------


def test_layers_are_set_and_cleared_independently_and_drawn_in_order(reader):
    colours = {
        name: f"#{number:02d}{number:02d}{number:02d}" for number, name in enumerate(LAYER_ORDER)
    }
    for name, colour in colours.items():
        reader.set_layer_format(name, fmt(colour))
    reader.set_layer("readaloud", [(10, 30)])
    reader.set_layer("search", [(12, 15), (40, 45)])
    drawn = [s.format.background().color().name() for s in reader.extraSelections()]
    # Search matches are drawn over the sentence read aloud, so they stay visible inside it.
    assert drawn == [colours["readaloud"], colours["search"], colours["search"]]
    reader.clear_layer("search")
    assert reader.layer("readaloud") == [(10, 30)]
    assert [s.cursor.selectionStart() for s in reader.extraSelections()] == [10]
    with pytest.raises(ValueError):
        reader.set_layer("no-such-layer", [(0, 1)])


def test_a_span_of_a_sections_plain_text_maps_to_the_same_words_on_screen(reader, bundled_leaflet):
    for section in bundled_leaflet.walk():
        words = section.text.split()
        if len(words) < 4:
            continue
        phrase = " ".join(words[1:4])
        match = re.search(r"\s+".join(map(re.escape, words[1:4])), section.text)
        assert match is not None
        span = reader.document_span(section.id, match.start(), match.end())
        assert span is not None, section.id
        cursor = reader.textCursor()
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], cursor.MoveMode.KeepAnchor)
        assert " ".join(cursor.selectedText().split()) == phrase
        heading = reader.document_span(section.id, 0, len(section.heading), heading=True)
        cursor.setPosition(heading[0])
        cursor.setPosition(heading[1], cursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == section.heading


# -- navigation ------------------------------------------------------------------------------


def test_navigation_remembers_jumps_goes_back_and_resets(reader, contents):
    navigation = NavigationController(reader, contents)
    start = reader.top_position()
    contents.section_activated.emit("possible-complications")
    assert navigation.current_section() == "possible-complications"
    assert contents.current_section() == "possible-complications"
    assert navigation.can_go_back()
    navigation.go_to_next_section()  # a step, not a jump: nothing more to go back to
    assert len(navigation.history()) == 1
    navigation.go_back()
    assert reader.top_position() == start and not navigation.can_go_back()
    navigation.jump_to("summary")
    navigation.reset()
    assert navigation.history() == [] and navigation.current_section() == reader.section_at_top()
    assert navigation.current_section() == contents.section_ids()[0]


# -- search ----------------------------------------------------------------------------------


def test_the_search_session_marks_matches_in_its_layers_and_resets(
    qtbot, reader, contents, bundled_leaflet
):
    bar, results = SearchBar(), ResultsPanel()
    qtbot.addWidget(bar)
    qtbot.addWidget(results)
    session = SearchSession(reader, bar, results, contents)
    from kyphoreader.reading.theme import THEMES

    session.apply_theme(THEMES["default"])
    session.set_leaflet(bundled_leaflet)
    reader.set_layer_format("readaloud", fmt("#abcdef"))
    reader.set_layer("readaloud", [(5, 9)])
    bar.field.setText("cement")
    bar.flush()
    total = session.match_count()
    assert total > 3 and bar.count_label.text() == f"1 of {total}"
    assert len(reader.layer(MATCH_LAYER)) == total - 1 and len(reader.layer(CURRENT_LAYER)) == 1
    assert reader.textCursor().selectedText().lower() == "cement"
    assert sum(contents.hit_counts().values()) == total
    session.go_to_previous()
    assert bar.count_label.text() == f"{total} of {total}"
    session.reset()
    assert bar.text() == "" and session.result is None and contents.hit_counts() == {}
    assert reader.layer(MATCH_LAYER) == [] and reader.layer(CURRENT_LAYER) == []
    assert reader.layer("readaloud") == [(5, 9)]  # another feature's mark is untouched


# -- appearance ------------------------------------------------------------------------------


def test_appearance_reaches_the_chrome_and_resets_to_the_clinic_defaults(qtbot, reader):
    panel = QLabel("Contents")
    qtbot.addWidget(panel)
    defaults = AppearanceDefaults(text_size=150, theme="high_contrast", line_spacing=200)
    appearance = AppearanceController(reader, lambda: [panel], defaults)
    appearance.reset()
    assert reader.point_size() == pytest.approx(24) and reader.line_spacing() == 200
    assert panel.font().family() == "Atkinson Hyperlegible"
    appearance.set_text_size(400)
    appearance.set_theme("dark")
    assert panel.font().pointSizeF() > 14
    seen = []
    appearance.changed.connect(lambda: seen.append(appearance.text_size))
    appearance.reset()
    assert seen == [150]
    assert appearance.theme.name == "high_contrast" and appearance.line_spacing == 200


# -- dialogs ---------------------------------------------------------------------------------


def test_the_dialog_host_opens_without_blocking_styles_and_frees_every_dialog(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    host = DialogHost(window)
    host.set_styler(lambda dialog: dialog.setFont(QFont("Atkinson Hyperlegible", 20)))
    destroyed = []
    answers = []
    for _ in range(3):
        dialog = host.open(QDialog(window))
        dialog.destroyed.connect(lambda *_: destroyed.append(1))
        assert dialog.isVisible() and dialog.font().pointSize() == 20
    box = host.message(
        QMessageBox.Icon.Question,
        "A question",
        "<b>plain</b>",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        answers.append,
    )
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == "<b>plain</b>"
    box.button(QMessageBox.StandardButton.Yes).click()
    assert answers == [QMessageBox.StandardButton.Yes]
    assert len(host.open_dialogs()) == 3
    host.close_all()
    assert host.open_dialogs() == []
    qtbot.waitUntil(lambda: len(destroyed) == 3)
    assert not [w for w in window.findChildren(QDialog) if isinstance(w, QObject)]


# -- the action table ------------------------------------------------------------------------


def test_every_action_is_reachable_from_a_menu_and_shortcuts_never_clash(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    actions = create_actions(owner)
    assert set(actions) == {spec.name for spec in ACTION_SPECS}
    assert all(spec.menu in MENUS for spec in ACTION_SPECS)
    keys = [k.toString() for a in actions.values() for k in a.shortcuts()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert [s.name for s in toolbar_specs()][:3] == [
        "toggle_contents",
        "previous_section",
        "next_section",
    ]


def test_the_waiting_room_gets_no_action_it_does_not_allow(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    actions = create_actions(owner, kiosk=True)
    banned = {spec.name for spec in ACTION_SPECS if not spec.kiosk_allowed}
    assert {"open", "quit", "export_pdf", "print_preview", "reset_settings"} <= banned
    assert not banned & set(actions)
    assert {"zoom_in", "zoom_out", "find", "next_section", "theme_dark"} <= set(actions)


def test_the_window_menus_are_built_from_the_table_alone(window):
    in_menus = set()
    for menu_action in window.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                if action.menu():
                    stack.append(action.menu())
                elif not action.isSeparator():
                    in_menus.add(action.objectName().removeprefix("action_"))
    assert in_menus == {spec.name for spec in ACTION_SPECS}
