"""What the reader widget actually shows keeps every kept word of the article, in order."""

from __future__ import annotations

import pytest
from article import load_article, missing_in_order, normalise

pytestmark = pytest.mark.gui


def shown_text(window) -> str:
    return normalise(window.reader.document().toPlainText())


def test_every_sentence_of_the_ten_paragraphs_is_shown_in_order(window):
    assert missing_in_order(load_article().sentences, shown_text(window)) == []


def test_every_kept_key_point_is_shown_in_order(window):
    assert missing_in_order(load_article().kept_key_points, shown_text(window)) == []


def test_the_nine_references_are_shown_exactly_in_order(window):
    assert missing_in_order(load_article().references, shown_text(window)) == []


def test_omitted_key_points_are_not_shown(window):
    text = shown_text(window)
    for line in load_article().omitted_key_points:
        assert line not in text


def test_title_review_status_and_disclaimer_are_shown_first(window, bundled_leaflet):
    text = shown_text(window)
    assert text.startswith(bundled_leaflet.title)
    status = text.index("has not been checked by a doctor or nurse")
    disclaimer = text.index("does not replace advice from your own doctor or care team")
    first_paragraph = text.index(load_article().sentences[0])
    assert status < first_paragraph and disclaimer < first_paragraph
