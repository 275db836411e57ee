"""The words of the review notice: status or reviewer, due date, disclaimer."""

from __future__ import annotations

import datetime as dt

from kyphoreader.core.leaflet import LeafletMeta
from kyphoreader.core.notice import notice_text

DISCLAIMER = "This leaflet is general information.\n    Speak to your doctor."


def test_an_unreviewed_leaflet_says_so_and_gives_its_disclaimer():
    meta = LeafletMeta("T", disclaimer=DISCLAIMER)
    assert notice_text(meta) == (
        "This leaflet has not been checked by a doctor or nurse (it has not been clinically "
        "reviewed). This leaflet is general information. Speak to your doctor."
    )


def test_a_reviewed_leaflet_gives_reviewer_date_and_disclaimer():
    meta = LeafletMeta("T", reviewed_by="Dr C", review_date="2026-05-01", disclaimer=DISCLAIMER)
    assert notice_text(meta) == (
        "Checked by Dr C on 1 May 2026. This leaflet is general information. Speak to your doctor."
    )


def test_a_reviewer_without_a_date_is_not_a_review():
    meta = LeafletMeta("T", reviewed_by="Dr C")
    assert notice_text(meta).startswith("This leaflet has not been checked")


def test_past_the_next_review_date_the_notice_says_it_is_due():
    meta = LeafletMeta(
        "T",
        reviewed_by="Dr C",
        review_date="2026-05-01",
        disclaimer="Note.",
        extra={"next_review": "2027-05-01"},
    )
    before = notice_text(meta, dt.date(2027, 5, 1))
    after = notice_text(meta, dt.date(2027, 5, 2))
    assert before == "Checked by Dr C on 1 May 2026. Note."
    assert after == (
        "This leaflet is due for review: its next review date (1 May 2027) has passed. Ask the "
        "clinic whether a newer version is available. Checked by Dr C on 1 May 2026. Note."
    )


def test_no_disclaimer_leaves_no_trailing_space():
    assert notice_text(LeafletMeta("T", reviewed_by="A", review_date="2026-01-01")) == (
        "Checked by A on 1 January 2026."
    )
