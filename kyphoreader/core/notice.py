"""The words of the review notice shown above the reader at every start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kyphoreader.core.document import date_text, due_notice

if TYPE_CHECKING:  # datetime is imported only when a leaflet has review dates
    import datetime as dt

    from kyphoreader.core.leaflet import LeafletMeta


def notice_text(meta: LeafletMeta, today: dt.date | None = None) -> str:
    """The review notice as one paragraph of plain text.

    A reviewed leaflet (``reviewed_by`` and ``review_date`` set) gives its reviewer, date and
    disclaimer in one line; any other gives its review status (not clinically reviewed) and its
    disclaimer. Once the ``next_review`` date has passed, the notice starts by saying the
    leaflet is due for review.

    Args:
        meta: the leaflet's front matter.
        today: the date the next review is judged by (default: today).
    """
    parts = [due_notice(meta, today)]
    if meta.is_reviewed:
        parts.append(f"Checked by {meta.reviewed_by.strip()} on {date_text(meta.review_date)}.")
    else:
        parts.append(meta.review_status)
    parts.append(" ".join(meta.disclaimer.split()))
    return " ".join(part for part in parts if part)
