"""Text size steps and clamping; theme contrast ratios computed from the themes' own colours."""

from __future__ import annotations

import pytest

from kyphoreader.reading.fontscale import (
    LEVELS,
    MAX_INTERFACE_POINTS,
    NAMED_SIZES,
    FontScale,
    interface_points,
    nearest_level,
)
from kyphoreader.reading.theme import THEMES, contrast_ratio, theme_named


def test_range_is_50_to_400_percent():
    assert (LEVELS[0], LEVELS[-1]) == (50, 400)
    assert 100 in LEVELS


def test_bigger_and_smaller_step_through_the_levels():
    scale = FontScale()
    assert scale.bigger() == 110
    assert scale.smaller() == 100
    assert scale.smaller() == 90


def test_clamped_at_both_ends():
    scale = FontScale(400)
    assert scale.at_largest and scale.bigger() == 400
    scale = FontScale(50)
    assert scale.at_smallest and scale.smaller() == 50


def test_reset_and_snapping():
    scale = FontScale(333)
    assert scale.percent == 350
    assert scale.reset() == 100
    assert nearest_level(10_000) == 400 and nearest_level(-5) == 50
    assert all(percent in LEVELS for _label, percent in NAMED_SIZES)


def test_points_scale_from_the_default():
    assert FontScale(200).points(16) == 32


def test_interface_grows_with_the_text_but_stays_usable():
    assert interface_points(100) == 14
    assert interface_points(50) == 12
    assert interface_points(400) == MAX_INTERFACE_POINTS
    assert MAX_INTERFACE_POINTS >= 16  # at least the default body size at the largest setting


def test_contrast_ratio_arithmetic():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_every_theme_meets_the_contrast_targets(theme):
    seven_to_one = [
        (theme.text, theme.background),
        (theme.panel_text, theme.panel_background),
        (theme.panel_text, theme.button_background),
        (theme.link, theme.background),
        (theme.hit_text, theme.hit_background),
        (theme.current_hit_text, theme.current_hit_background),
        (theme.selection_text, theme.selection_background),
        (theme.glossary_text, theme.glossary_background),  # an explained word keeps 7:1
    ]
    for first, second in seven_to_one:
        assert contrast_ratio(first, second) >= 7, (theme.name, first, second)
    three_to_one = [
        (theme.hit_background, theme.background),  # a match against the page
        (theme.current_hit_background, theme.background),
        (theme.glossary_background, theme.background),  # the mark on an explained word
        (theme.selection_background, theme.panel_background),  # current section mark
        (theme.focus, theme.panel_background),  # focus ring on panels
        (theme.focus, theme.background),  # focus ring round the text
        (theme.focus, theme.button_background),
        (theme.button_border, theme.panel_background),
        (theme.button_border, theme.background),  # the explanation bubble's edge on the page
    ]
    for first, second in three_to_one:
        assert contrast_ratio(first, second) >= 3, (theme.name, first, second)
    assert contrast_ratio(theme.placeholder, theme.background) >= 4.5


def test_unknown_theme_falls_back_to_the_default():
    assert theme_named("nonsense").name == "default"
    assert {"default", "high_contrast", "dark"} <= set(THEMES)
    assert theme_named("high_contrast").background == "#000000"


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_rings_disabled_text_and_scroll_bars_meet_their_contrast(theme):
    # The ring round the current search match sits on the page, a gap away from the match:
    # it is the change between the current match and the others (WCAG 2.4.13 style, 3:1).
    assert contrast_ratio(theme.current_hit_ring, theme.background) >= 3
    # Disabled text stays readable (4.5:1) on buttons and panels.
    assert contrast_ratio(theme.disabled_text, theme.button_background) >= 4.5
    assert contrast_ratio(theme.disabled_text, theme.panel_background) >= 4.5
    # Placeholder text on the search box.
    assert contrast_ratio(theme.placeholder, theme.background) >= 4.5
    # Scroll bar thumb (button border colour) against its track (panel background).
    assert contrast_ratio(theme.button_border, theme.panel_background) >= 3
    # Links on the page and the focus ring on the page, in every theme.
    assert contrast_ratio(theme.link, theme.background) >= 4.5
    assert contrast_ratio(theme.focus, theme.background) >= 3


def test_the_style_sheet_gives_every_control_a_thick_ring_and_big_scroll_bars():
    from kyphoreader.reading.style import FOCUS_RING_PX, SCROLL_BAR_PX, stylesheet_for

    assert FOCUS_RING_PX >= 2 and SCROLL_BAR_PX >= 16
    sheet = stylesheet_for(THEMES["default"])
    for kind in (
        "QToolButton:focus", "QPushButton:focus", "QLineEdit:focus", "QComboBox:focus",
        "QAbstractSpinBox:focus", "QAbstractScrollArea:focus", "QRadioButton:focus",
        "QCheckBox:focus",
    ):  # fmt: skip
        assert kind in sheet
    assert "placeholder-text-color: #4d4b45" in sheet
    assert "border-style: dashed" in sheet  # disabled controls look different, not only paler
