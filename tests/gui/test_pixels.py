"""Measured on screen (offscreen grabs): focus rings, the current match, colours after changes.

Each test grabs what a low-vision reader would see and measures it: how wide the focus ring
is and how it contrasts in every theme, whether the current search match differs from the
others by 3:1, and whether links and fonts follow a theme change and Reset.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

from kyphoreader.reading.theme import THEMES, contrast_ratio
from kyphoreader.reading.view import RING_WIDTH

pytestmark = pytest.mark.gui


def close(a: QColor, b: str, slack: int = 24) -> bool:
    other = QColor(b)
    return all(abs(x - y) <= slack for x, y in zip(a.getRgb()[:3], other.getRgb()[:3], strict=True))


def ring_run(image: QImage, colour: str, y: int) -> int:
    """How many pixels from the left edge, on row ``y``, are the ring's colour."""
    run = 0
    for x in range(min(12, image.width())):
        if close(image.pixelColor(x, y), colour):
            run += 1
        elif run:
            break
    return run


def focus(widget: QWidget, qtbot) -> None:
    widget.activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    QApplication.processEvents()


def measure_ring(widget: QWidget, theme, qtbot) -> tuple[int, float, float]:
    """Ring width, and its contrast with the unfocused look and with what is inside."""
    unfocused = widget.grab().toImage()
    focus(widget, qtbot)
    focused = widget.grab().toImage()
    y = focused.height() // 2
    width = ring_run(focused, theme.focus, y)
    before = unfocused.pixelColor(1, y).name()
    inside = focused.pixelColor(width + 3, y).name()
    return width, contrast_ratio(theme.focus, before), contrast_ratio(theme.focus, inside)


@pytest.mark.parametrize("name", list(THEMES))
def test_focus_ring_is_thick_and_contrasts_on_every_kind_of_control(window, qtbot, name):
    window.appearance.set_theme(name)
    theme = THEMES[name]
    window.search_bar.field.setText("cement")
    window.search_bar.flush()
    controls = {
        "toolbar button": window.toolbar.widgetForAction(window.actions_by_name["about"]),
        "search box": window.search_bar.field,
        "next match": window.search_bar.next_button,
        "contents": window.contents,
        "text": window.reader,
        "results": window.results,
        "close panel": window.contents_dock.titleBarWidget().close_button,
    }
    for label, control in controls.items():
        width, change, inside = measure_ring(control, theme, qtbot)
        assert width >= 2, (name, label, width)
        assert change >= 3, (name, label, change)
        assert inside >= 3 or contrast_ratio(theme.focus, theme.background) >= 3, (name, label)


@pytest.mark.parametrize("name", list(THEMES))
def test_focus_ring_in_dialogs_radio_buttons_and_the_preview(window, qtbot, name):
    window.appearance.set_theme(name)
    theme = THEMES[name]
    window.actions_by_name["print"].trigger()
    [dialog] = window.dialogs.open_dialogs()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    QApplication.processEvents()
    # The size box has the keyboard as the print window opens, and shows it.
    assert dialog.focusWidget() is dialog.preset
    image = dialog.preset.grab().toImage()
    assert ring_run(image, theme.focus, image.height() // 2) >= 2
    radio = dialog.findChildren(QRadioButton)[1]
    width, change, _inside = measure_ring(radio, theme, qtbot)
    assert width >= 2 and change >= 3, (name, width, change)
    window.dialogs.close_all()
    from kyphoreader.printing.options import PrintOptions

    preview = window.printing.preview_with(PrintOptions(18, "A4", ()))
    qtbot.waitExposed(preview)
    from PySide6.QtWidgets import QGraphicsView

    view = preview.findChildren(QGraphicsView)[0]
    width, change, _inside = measure_ring(view, theme, qtbot)
    assert width >= 2 and change >= 3, (name, width, change)
    window.dialogs.close_all()


@pytest.mark.parametrize("name", list(THEMES))
def test_the_current_match_has_a_ring_the_other_matches_have_not(window, qtbot, name):
    window.appearance.set_theme(name)
    theme = THEMES[name]
    window.search_bar.field.setText("the")
    window.search_bar.flush()
    reader = window.reader
    qtbot.waitUntil(lambda: bool(reader.ring_rects("current_match")))
    QApplication.processEvents()
    image = reader.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    [ring] = reader.ring_rects("current_match")
    x = int((ring.left() + RING_WIDTH / 2) * ratio)
    y = int(ring.center().y() * ratio)
    current = image.pixelColor(x, y)
    assert close(current, theme.current_hit_ring, 40), (current.name(), theme.current_hit_ring)
    # The same place beside another match, on screen, shows the page: 3:1 or more apart.
    others = [s for s in reader.layer("search") if reader.is_span_visible(*s)]
    assert others
    [other] = reader.span_rects(*others[0])[:1]
    grow = ring.width() - reader.span_rects(*reader.layer("current_match")[0])[0].width()
    beside = image.pixelColor(
        int((other.left() - grow / 2 + RING_WIDTH / 2) * ratio), int(other.center().y() * ratio)
    )
    assert contrast_ratio(current.name(), beside.name()) >= 3, (current.name(), beside.name())


def test_a_focused_link_in_the_text_has_a_ring(window, qtbot):
    theme = THEMES["default"]
    reader = window.reader
    reader.go_to("possible-complications")
    focus(reader, qtbot)
    window.actions_by_name["next_link"].trigger()
    QApplication.processEvents()
    [ring] = reader.ring_rects("focus")
    image = reader.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    run = 0
    y = int(ring.center().y() * ratio)
    for x in range(int(ring.left() * ratio), int(ring.left() * ratio) + 8):
        run += close(image.pixelColor(x, y), theme.focus)
    assert run >= 2 * ratio
    assert contrast_ratio(theme.focus, theme.background) >= 3


@pytest.mark.parametrize("sequence", [("high_contrast",), ("dark",), ("dark", "reset")])
def test_links_and_fonts_follow_a_theme_change_and_reset(window, qtbot, sequence):
    window.appearance.set_text_size(200)
    points = window.appearance.interface_font_points()
    for step in sequence:
        if step == "reset":
            window.actions_by_name["reset_settings"].trigger()
        else:
            window.appearance.set_theme(step)
    theme = window.appearance.theme
    assert window.reader.link_colours() == {theme.link}
    # And on screen: the pixels of a citation are the link colour, not the old theme's.
    reader = window.reader
    link = reader.links()[0]
    reader.ensure_visible(link.start, link.end)
    QApplication.processEvents()
    assert reader.is_span_visible(link.start, link.end)
    [rect] = reader.span_rects(link.start, link.end)
    image = reader.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    colours = {
        image.pixelColor(int(x * ratio), int(y * ratio)).name()
        for x in range(int(rect.left()), int(rect.right()))
        for y in range(int(rect.top()), int(rect.bottom()))
    }
    assert any(close(QColor(c), theme.link, 30) for c in colours), (theme.link, colours)
    assert contrast_ratio(theme.link, theme.background) >= 4.5
    expected = window.appearance.interface_font_points()
    if "reset" not in sequence:
        assert expected == points
    for widget in (
        window.contents, window.toolbar, window.search_bar.field, window.results,
        window.toolbar.widgetForAction(window.actions_by_name["about"]),
    ):  # fmt: skip
        assert widget.font().pointSizeF() == expected, widget.objectName()


def test_dialogs_take_the_text_size(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    window.appearance.set_text_size(400)
    expected = window.appearance.interface_font_points()
    window.actions_by_name["about"].trigger()
    window.dialogs.message(QMessageBox.Icon.Critical, "Something went wrong", "Details")
    window.dialogs.ask_save_path("Save", str(tmp_path / "a.pdf"), "PDF files (*.pdf)", print)
    window.actions_by_name["open"].trigger()
    from kyphoreader.printing.options import PrintOptions

    window.printing.preview_with(PrintOptions(18, "A4", ()))
    dialogs = window.dialogs.open_dialogs()
    assert len(dialogs) == 5
    for dialog in dialogs:
        assert dialog.font().pointSizeF() == expected, type(dialog).__name__
        for child in dialog.findChildren(QWidget):
            if (
                child.isVisible()
                and hasattr(child, "text")
                and child.metaObject().className() in ("QPushButton", "QLabel", "QToolButton")
            ):
                assert child.font().pointSizeF() >= expected - 0.01, type(dialog).__name__
    window.dialogs.close_all()
