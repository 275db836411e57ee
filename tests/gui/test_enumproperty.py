"""Qt enum values set by name or kept as numbers, so that a start need not name ``Qt``."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton

from kyphoreader.app.enumproperty import set_enum_property
from kyphoreader.reading import toc


def test_an_enum_property_is_set_by_the_name_of_its_value(qtbot):
    button = QToolButton()
    qtbot.addWidget(button)
    set_enum_property(button, "focusPolicy", "TabFocus")
    assert button.focusPolicy() == Qt.FocusPolicy.TabFocus
    set_enum_property(button, "toolButtonStyle", "ToolButtonTextOnly")
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly


def test_flags_are_set_by_names_joined_with_a_bar(qtbot):
    label = QLabel("words")
    qtbot.addWidget(label)
    set_enum_property(label, "textInteractionFlags", "TextSelectableByMouse|LinksAccessibleByMouse")
    assert label.textInteractionFlags() == (
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
    )


@pytest.mark.parametrize(
    ("name", "value"), [("focusPolicy", "TabFokus"), ("focusPolicie", "TabFocus")]
)
def test_a_misspelt_property_or_value_fails_loudly(qtbot, name, value):
    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(ValueError, match=name):
        set_enum_property(label, name, value)
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus  # Qt's default, untouched


def test_the_contents_numbers_are_qts_values():
    assert toc._ID_ROLE == Qt.ItemDataRole.UserRole
    assert toc._HEADING_ROLE == Qt.ItemDataRole.UserRole + 1
    assert toc._WORD_WRAP == Qt.TextFlag.TextWordWrap
