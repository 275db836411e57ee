"""The panels come back where the reader left them, placed by the saved layout alone.

A usual start lets the saved layout place the contents and results panels (Qt finds them by
name), so that it need not name Qt's dock areas (issue #16); a first start, or a saved layout
that cannot place them, puts the contents at the left and the results below it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QToolBar

from kyphoreader.core.settings import KEY_STATE_VERSION, KEY_WINDOW_STATE, STATE_VERSION

pytestmark = pytest.mark.gui

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


def test_a_first_start_puts_the_contents_at_the_left_and_hides_the_results(window):
    assert window.dockWidgetArea(window.contents_dock) == LEFT
    assert window.dockWidgetArea(window.results_dock) == LEFT
    assert window.contents_dock.isVisible() and not window.results_dock.isVisible()
    assert window.contents_dock.width() >= window.reflow.panel_width_needed()


def test_the_panels_come_back_where_the_reader_moved_them(qtbot, settings_store, open_window):
    first = open_window(settings_store)
    first.resize(1024, 768)
    first.addDockWidget(RIGHT, first.contents_dock)
    first.actions_by_name["toggle_contents"].setChecked(True)
    first.save_settings()
    first.close()

    again = open_window(settings_store)
    assert again.dockWidgetArea(again.contents_dock) == RIGHT
    assert again.contents_dock.isVisible()
    assert again.actions_by_name["toggle_contents"].isChecked()
    assert again.dockWidgetArea(again.results_dock) == LEFT
    assert not again.results_dock.isVisible()
    # In the window's layout, not merely drawn over it: the text is beside the panel.
    reader_right = again.reader.mapTo(again, again.reader.rect().topRight()).x()
    assert reader_right <= again.contents_dock.geometry().left()


def test_a_hidden_contents_panel_stays_hidden(qtbot, settings_store, open_window):
    first = open_window(settings_store)
    first.actions_by_name["toggle_contents"].setChecked(False)
    first.save_settings()
    first.close()

    again = open_window(settings_store)
    assert not again.contents_dock.isVisible()
    assert not again.actions_by_name["toggle_contents"].isChecked()
    again.actions_by_name["toggle_contents"].setChecked(True)
    assert again.contents_dock.isVisible()
    assert again.dockWidgetArea(again.contents_dock) == LEFT


def layout_without_panels(qtbot) -> bytes:
    """A saved layout that knows nothing of the panels (an older reader's, say)."""
    other = QMainWindow()
    qtbot.addWidget(other)
    bar = QToolBar("Main toolbar", other)
    bar.setObjectName("main_toolbar")
    other.addToolBar(bar)
    return bytes(other.saveState().data())


@pytest.mark.parametrize("saved", [b"not a layout at all", None])
def test_a_layout_that_cannot_place_the_panels_puts_them_at_the_left(
    qtbot, settings_store, open_window, saved
):
    state = saved if saved is not None else layout_without_panels(qtbot)
    settings_store.setValue(KEY_STATE_VERSION, STATE_VERSION)
    settings_store.setValue(KEY_WINDOW_STATE, state.hex())
    window = open_window(settings_store)
    assert window.dockWidgetArea(window.contents_dock) == LEFT
    assert window.dockWidgetArea(window.results_dock) == LEFT
    assert window.contents_dock.isVisible()
    reader_left = window.reader.mapTo(window, window.reader.rect().topLeft()).x()
    assert reader_left >= window.contents_dock.geometry().right()
