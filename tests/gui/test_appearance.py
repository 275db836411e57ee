"""Text size, themes, spacing and typeface in the window, and that they stay set."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontDatabase, QFontInfo, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolButton
from test_navigation import text_at_top

from kyphoreader.app.mainwindow import MainWindow
from kyphoreader.reading.fontscale import MAX_INTERFACE_POINTS
from kyphoreader.reading.theme import THEMES

pytestmark = pytest.mark.gui


@pytest.fixture
def big_window(qtbot, settings_store, bundled_leaflet):
    """A 1024x768 window on a screen big enough to hold it."""
    win = MainWindow(settings_store)
    qtbot.addWidget(win)
    win.show_leaflet(bundled_leaflet)
    win.setFixedSize(1024, 768)
    with qtbot.waitExposed(win):
        win.show()
    return win


def body_points(window) -> float:
    return window.reader.document().defaultFont().pointSizeF()


def toolbar_buttons(window) -> dict[str, QToolButton]:
    return {
        b.accessibleName(): b for b in window.toolbar.findChildren(QToolButton) if b.isVisible()
    }


def test_a_plus_and_a_minus_buttons_change_the_text_size(window, qtbot):
    buttons = toolbar_buttons(window)
    assert buttons["A+ Larger text"].text() == "A+" and buttons["A- Smaller text"].text() == "A-"
    start = body_points(window)
    assert start >= 14
    qtbot.mouseClick(buttons["A+ Larger text"], Qt.MouseButton.LeftButton)
    assert body_points(window) > start
    qtbot.mouseClick(buttons["A- Smaller text"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["A- Smaller text"], Qt.MouseButton.LeftButton)
    assert body_points(window) < start


def test_size_shortcuts(window):
    actions = window.actions_by_name
    keys = {name: [k.toString() for k in actions[name].shortcuts()] for name in actions}
    assert {"Ctrl++", "Ctrl+="} <= set(keys["zoom_in"])
    assert "Ctrl+-" in keys["zoom_out"]
    assert "Ctrl+0" in keys["zoom_reset"]


@pytest.mark.parametrize(
    ("key", "modifiers", "expected"),
    [
        (Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier, 110),
        (Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier, 110),
        (Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier, 90),
    ],
)
def test_size_keys_work_from_the_keyboard(window, qtbot, key, modifiers, expected):
    window.reader.setFocus()
    qtbot.keyClick(window.reader, key, modifiers)
    assert window.appearance.font_scale.percent == expected


def test_ctrl_0_resets_the_size(window, qtbot):
    window.appearance.set_text_size(300)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.font_scale.percent == 100


def test_ctrl_wheel_changes_the_size(window):
    def wheel(delta):
        event = QWheelEvent(
            QPointF(100, 100),
            QPointF(100, 100),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(window.reader.viewport(), event)

    wheel(120)
    assert window.appearance.font_scale.percent == 110
    wheel(-120)
    wheel(-120)
    assert window.appearance.font_scale.percent == 90


def test_size_is_clamped_at_both_ends(window):
    for _ in range(30):
        window.actions_by_name["zoom_in"].trigger()
    assert window.appearance.font_scale.percent == 400
    assert body_points(window) == pytest.approx(64)
    assert not window.actions_by_name["zoom_in"].isEnabled()
    for _ in range(30):
        window.appearance.smaller_text()
    assert window.appearance.font_scale.percent == 50
    assert not window.actions_by_name["zoom_out"].isEnabled()


def test_named_sizes_menu(window):
    window.actions_by_name["text_size_200"].trigger()
    assert window.appearance.font_scale.percent == 200
    assert (
        window.actions_by_name["text_size_200"].isChecked()
        and not window.actions_by_name["text_size_100"].isChecked()
    )


def test_no_sideways_scrolling_at_the_largest_size_at_1024x768(big_window, qtbot):
    big_window.appearance.set_theme("high_contrast")
    big_window.appearance.set_text_size(400)
    qtbot.wait(50)
    reader = big_window.reader
    assert reader.horizontalScrollBar().maximum() == 0
    assert reader.document().size().width() <= reader.viewport().width() + 1


def test_buttons_and_labels_are_big_at_the_largest_size(big_window):
    big_window.appearance.set_text_size(400)
    for name, button in toolbar_buttons(big_window).items():
        assert button.width() >= 44 and button.height() >= 44, name
        assert button.font().pointSizeF() >= 16, name
        assert button.font().pointSizeF() == MAX_INTERFACE_POINTS
    field = big_window.search_bar.field
    assert field.font().pointSizeF() >= 16 and field.height() >= 44
    assert big_window.contents.font().pointSizeF() >= 16
    # Every toolbar button still fits in the window: none is pushed into an overflow menu.
    for button in toolbar_buttons(big_window).values():
        assert button.geometry().right() <= big_window.toolbar.width()


@pytest.mark.parametrize("percent", [50, 150, 400])
def test_the_same_text_stays_at_the_top_when_the_size_changes(window, percent):
    window.reader.go_to("who-is-more-likely-to-have-another-fracture")
    before = text_at_top(window.reader)
    window.appearance.set_text_size(percent)
    assert text_at_top(window.reader) == before
    window.appearance.set_line_spacing(250)
    assert text_at_top(window.reader) == before


def test_part_way_through_a_paragraph_the_same_line_stays_on_top(window):
    reader = window.reader
    reader.go_to("possible-complications")
    bar = reader.verticalScrollBar()
    bar.setValue(bar.value() + 150)
    position = reader.top_position()
    window.appearance.larger_text()
    moved = reader.top_position()
    block = reader.document().findBlock(position)
    assert reader.document().findBlock(moved).blockNumber() == block.blockNumber()
    assert abs(moved - position) < 80  # the same line, give or take its length


def test_line_spacing_from_one_and_a_half_to_two_and_a_half(window):
    from test_layout import body_blocks

    for spacing in (150, 175, 200, 250):
        window.actions_by_name[f"line_spacing_{spacing}"].trigger()
        for block in body_blocks(window.reader.document()):
            assert block.blockFormat().lineHeight() == spacing


@pytest.mark.parametrize("percent", [50, 100, 400])
def test_never_italic_or_justified_at_any_size(window, percent):
    from test_layout import blocks

    window.appearance.set_text_size(percent)
    for block in blocks(window.reader.document()):
        assert not block.blockFormat().alignment() & Qt.AlignmentFlag.AlignJustify
        iterator = block.begin()
        while not iterator.atEnd():
            assert not iterator.fragment().charFormat().fontItalic()
            iterator += 1


def test_the_reading_typeface_is_atkinson_hyperlegible(window):
    assert "Atkinson Hyperlegible" in QFontDatabase.families()
    assert window.reader.document().defaultFont().families()[0] == "Atkinson Hyperlegible"
    assert QFontInfo(window.reader.document().defaultFont()).family() == "Atkinson Hyperlegible"


@pytest.mark.parametrize("name", list(THEMES))
def test_a_theme_colours_the_whole_window(window, name):
    window.appearance.set_theme(name)
    theme = THEMES[name]
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Base).name() == theme.background
    assert palette.color(QPalette.ColorRole.Text).name() == theme.text
    assert palette.color(QPalette.ColorRole.Window).name() == theme.panel_background
    assert palette.color(QPalette.ColorRole.Link).name() == theme.link
    for widget in (window.contents, window.toolbar, window.results, window.contents_dock):
        assert widget.palette().color(QPalette.ColorRole.Window).name() == theme.panel_background
    field = window.search_bar.field
    assert field.palette().color(QPalette.ColorRole.Base).name() == theme.background
    assert field.palette().color(QPalette.ColorRole.Text).name() == theme.text
    image = window.reader.viewport().grab().toImage()
    corner = image.pixelColor(2, image.height() - 3).name()
    assert corner == theme.background
    assert window.actions_by_name[f"theme_{name}"].isChecked()


def test_search_highlights_and_explained_words_follow_the_theme(window, qtbot):
    window.appearance.set_theme("dark")
    window.search_bar.field.setText("cement")
    window.search_bar.flush()
    theme = THEMES["dark"]
    colours = {s.format.background().color().name() for s in window.reader.extraSelections()}
    assert colours == {
        theme.hit_background,
        theme.current_hit_background,
        theme.glossary_background,
    }


def test_settings_come_back_in_a_fresh_window(settings_store, open_window):
    first = open_window(settings_store)
    first.appearance.set_text_size(250)
    first.appearance.set_theme("high_contrast")
    first.appearance.set_line_spacing(200)
    first.reader.go_to("summary")
    first.close()

    second = open_window(settings_store)
    assert second.appearance.font_scale.percent == 250
    assert body_points(second) == pytest.approx(40)
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == "#000000"
    assert second.reader.line_spacing() == 200
    assert second.reader.current_section() == "summary"


def test_garbage_in_the_settings_file_falls_back_to_defaults(qtbot, tmp_path, bundled_leaflet):
    from PySide6.QtCore import QSettings

    path = tmp_path / "garbage.ini"
    path.write_bytes(
        b"\x00\xff\xfe garbage [[[ \n[reader]\ntext_size_percent=enormous\ntheme=@Invalid()\n"
        b"line_spacing_percent=-7\n[window]\ngeometry=@ByteArray(\x01\x02)\nstate_version=1\n"
    )
    win = MainWindow(QSettings(str(path), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show_leaflet(bundled_leaflet)
    win.show()
    assert win.appearance.font_scale.percent == 100
    assert win.reader.line_spacing() == 150
    assert win.actions_by_name["theme_default"].isChecked()


def test_reset_to_defaults_puts_everything_back(window):
    window.appearance.set_text_size(300)
    window.appearance.set_theme("dark")
    window.appearance.set_line_spacing(250)
    window.contents_dock.hide()
    window.actions_by_name["reset_settings"].trigger()
    assert window.appearance.font_scale.percent == 100
    assert window.reader.line_spacing() == 150
    assert window.actions_by_name["theme_default"].isChecked()
    assert (
        QApplication.palette().color(QPalette.ColorRole.Base).name() == THEMES["default"].background
    )
    assert not window.contents_dock.isHidden()


def test_size_controls_have_accessible_names(window):
    names = set(toolbar_buttons(window))
    assert {"A+ Larger text", "A- Smaller text"} <= names
