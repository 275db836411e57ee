"""The review notice is above the reader at every start, in its size and colours, and hideable."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QApplication

from kyphoreader.app.about import AboutDialog
from kyphoreader.core.leaflet import load_leaflet
from kyphoreader.reading.theme import THEMES

pytestmark = pytest.mark.gui

LAST_SECTION = "references"  # the last section: the top of the text is far out of view


def on_screen(widget, window) -> bool:
    """``widget`` is shown, not covered by its parents' edges, and inside the window."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    rect = widget.rect().translated(widget.mapTo(window, widget.rect().topLeft()))
    return window.rect().contains(rect)


def accessible_tree(interface):
    """Every accessible object under ``interface`` (as a screen reader walks the window)."""
    yield interface
    for index in range(interface.childCount()):
        child = interface.child(index)
        if child is not None and child.isValid():
            yield from accessible_tree(child)


def test_the_notice_is_on_screen_after_reopening_at_the_last_section(
    open_window, tmp_path, bundled_leaflet, qtbot
):
    store = QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat)
    first = open_window(store)
    first.navigation.show_section(LAST_SECTION)
    first.close()

    window = open_window(store)  # the next start
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.navigation.current_section() == LAST_SECTION)
    assert window.reader.verticalScrollBar().value() > 0  # the top of the text is out of view
    notice = window.notice
    assert on_screen(notice, window) and on_screen(notice.label, window)
    assert (
        notice.mapTo(window, notice.rect().bottomLeft()).y()
        <= window.reader.mapTo(window, window.reader.rect().topLeft()).y()
    )  # above the reader, not in its scrolled text
    meta = bundled_leaflet.meta
    assert meta.review_status in notice.text() and meta.disclaimer.split()[-1] in notice.text()
    assert " ".join(meta.disclaimer.split()) in notice.text()
    assert on_screen(notice.read_more_button, window) and on_screen(notice.hide_button, window)

    # As a screen reader finds it: a notification in the window's tree, with the words.
    found = [
        item
        for item in accessible_tree(QAccessible.queryAccessibleInterface(window))
        if item.role() == QAccessible.Role.Notification
    ]
    assert len(found) == 1
    assert found[0].text(QAccessible.Text.Name) == "Review notice"
    assert found[0].text(QAccessible.Text.Description) == notice.text()
    assert not found[0].state().invisible
    names = [item.text(QAccessible.Text.Name) for item in accessible_tree(found[0])]
    assert notice.text() in names  # the words themselves, as text
    assert "Read more" in names and "Hide" in names


def test_a_reviewed_leaflet_gives_reviewer_date_and_disclaimer_in_one_line(window, sample_leaflet):
    window.show_leaflet(sample_leaflet)
    assert window.notice.text() == "Checked by Dr A Example on 3 February 2026. Not medical advice."
    assert "\n" not in window.notice.text()


def test_a_leaflet_past_its_next_review_says_it_is_due(window, tmp_path):
    path = tmp_path / "old.md"
    path.write_text(
        "---\ntitle: Old\nreviewed_by: Dr B\nreview_date: 2020-01-01\nnext_review: 2021-01-01\n"
        "disclaimer: Ask your doctor.\n---\n\n## Part\n\nText.\n",
        encoding="utf-8",
    )
    window.show_leaflet(load_leaflet(path))
    text = window.notice.text()
    assert text.startswith("This leaflet is due for review: its next review date (1 January 2021)")
    assert "Checked by Dr B on 1 January 2020." in text and text.endswith("Ask your doctor.")


def test_hide_lasts_for_the_session_only(window, open_window, settings_store, sample_leaflet):
    notice = window.notice
    notice.hide_button.click()
    assert not notice.isVisible()
    window.reset()  # the waiting room, between visitors
    assert notice.isVisible()
    notice.hide_button.click()
    window.show_leaflet(sample_leaflet)  # another leaflet: its own notice
    assert notice.isVisible()
    notice.hide_button.click()
    window.close()
    assert open_window(settings_store).notice.isVisible()  # the next start


def test_read_more_opens_about(window):
    window.notice.read_more_button.click()
    assert [type(d) for d in window.dialogs.open_dialogs()] == [AboutDialog]


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_notice_uses_the_readers_size_and_colours(window, theme):
    window.appearance.set_theme(theme)
    window.appearance.set_text_size(150)
    QApplication.processEvents()
    notice = window.notice
    assert notice.label.font().pointSizeF() == window.reader.point_size()
    colours = Counter(
        QColor(image.pixel(x, y)).name()
        for image in [notice.label.grab().toImage()]
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )
    assert colours.most_common(1)[0][0] == THEMES[theme].background
    assert THEMES[theme].text in colours
