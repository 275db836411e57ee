"""Compose the HTML a reader or a printer shows for a leaflet: title, notices and body.

Plain Python: the same HTML feeds the screen and (later) the printed page, so both carry the
same words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

# The reader's window imports this module before its first paint (the style sheet and the
# title's anchor): what only paper, About, search or the clinic's contact need is imported
# where it is used (issue #16).
if TYPE_CHECKING:
    import datetime as dt

    from kyphoreader.core.clinic import ClinicDetails
    from kyphoreader.core.leaflet import Leaflet, LeafletMeta, Section
    from kyphoreader.glossary.terms import Glossary

#: ``html.escape``'s replacements, without its import (html.entities) before the first paint.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """``text`` with the characters HTML gives a meaning escaped, as ``html.escape`` does."""
    return text.translate(_ESCAPES)


#: Anchor of the title block at the top of the document.
TITLE_ANCHOR = "leaflet-title"

#: Rules in the subset of CSS that Qt's rich text understands. Emphasis becomes bold, never
#: italic (large-print guidance); sizes and spacing are set on the document in code so that
#: they scale with the chosen text size.
LEAFLET_CSS = """
em, i, cite { font-style: normal; font-weight: bold; }
h1, h2, h3, h4, h5, h6 { font-weight: bold; }
p.summary { font-weight: bold; }
p.notice { font-weight: normal; }
"""


def front_matter_html(leaflet: Leaflet) -> str:
    """Return the title, summary, review status and disclaimer as HTML."""
    meta = leaflet.meta
    parts = [f'<h1 id="{TITLE_ANCHOR}">{escape(meta.title)}</h1>']
    if meta.summary:
        parts.append(f'<p class="summary">{escape(meta.summary)}</p>')
    parts.append(f'<p class="notice"><b>Review status:</b> {escape(meta.review_status)}</p>')
    if meta.disclaimer:
        parts.append(f'<p class="notice"><b>Please note:</b> {escape(meta.disclaimer)}</p>')
    return "\n".join(parts)


def front_matter_text(leaflet: Leaflet) -> str:
    """The title block as plain text, one line per line ``front_matter_html`` shows.

    Read aloud says it, and the reader maps spans of it to the shown title block.
    """
    meta = leaflet.meta
    lines = [meta.title]
    if meta.summary:
        lines.append(meta.summary)
    lines.append(f"Review status: {meta.review_status}")
    if meta.disclaimer:
        lines.append(f"Please note: {meta.disclaimer}")
    return "\n".join(" ".join(line.split()) for line in lines)


def front_matter_section(leaflet: Leaflet) -> Section:
    """The title, summary, review status and disclaimer as a section, so search finds them.

    Its id is TITLE_ANCHOR and its text is what ``front_matter_html`` shows under the title.
    """
    from kyphoreader.core.leaflet import Section

    meta = leaflet.meta
    lines = [meta.summary] if meta.summary else []
    lines.append(f"Review status: {meta.review_status}")
    if meta.disclaimer:
        lines.append(f"Please note: {meta.disclaimer}")
    return Section(TITLE_ANCHOR, meta.title, 1, front_matter_html(leaflet), "\n\n".join(lines))


def searchable_leaflet(leaflet: Leaflet) -> Leaflet:
    """The leaflet with its front matter as one more section: every word shown can be found.

    The front matter goes last, so that where search lists sections in reading order the
    leaflet's own text comes before the title block that repeats its words.
    """
    from kyphoreader.core.leaflet import Leaflet

    return Leaflet(
        leaflet.meta,
        leaflet.html,
        [*leaflet.sections, front_matter_section(leaflet)],
        leaflet.source_name,
    )


def leaflet_document_html(leaflet: Leaflet) -> str:
    """Return the whole leaflet as one HTML document, ready for a QTextDocument."""
    return (
        f"<html><head><title>{escape(leaflet.title)}</title></head><body>\n"
        f"{front_matter_html(leaflet)}\n{leaflet.html}\n</body></html>"
    )


#: Front-matter key of the date by which the leaflet should be reviewed again (YYYY-MM-DD).
NEXT_REVIEW_KEY = "next_review"
#: What a copy and About say once the next-review date has passed.
DUE_FOR_REVIEW = (
    "This leaflet is due for review: its next review date ({date}) has passed. "
    "Ask the clinic whether a newer version is available."
)
#: What the contact box says when no clinic file gives a clinic.
ASK_THE_GIVER = "If you have questions about this leaflet, ask the person who gave it to you."


def _iso_date(text: str) -> dt.date | None:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def date_text(value: str | dt.date) -> str:
    """A date as people read it ("1 May 2027"); text that is not an ISO date is kept as it is."""
    import datetime as dt

    day = value if isinstance(value, dt.date) else _iso_date(value)
    if day is None:
        return str(value).strip()
    return f"{day.day} {day:%B %Y}"


def next_review(meta: LeafletMeta) -> str:
    """The leaflet's ``next_review`` front-matter value ('' when not given)."""
    return meta.extra.get(NEXT_REVIEW_KEY, "").strip()


def is_due_for_review(meta: LeafletMeta, today: dt.date | None = None) -> bool:
    """True once the ``next_review`` date has passed (never for a missing or unreadable date)."""
    upcoming = next_review(meta)
    if not upcoming:  # the usual case, settled without importing datetime (issue #16)
        return False
    import datetime as dt

    due = _iso_date(upcoming)
    return due is not None and (today or dt.date.today()) > due


def review_rows(meta: LeafletMeta, today: dt.date | None = None) -> list[tuple[str, str]]:
    """(label, text) rows for the last-reviewed and next-review dates, as About and copies show."""
    reviewed = (
        date_text(meta.review_date)
        if meta.is_reviewed
        else "Not reviewed yet (not clinically reviewed)"
    )
    upcoming = next_review(meta)
    if not upcoming:
        planned = "Not set"
    elif is_due_for_review(meta, today):
        planned = f"{date_text(upcoming)}: this date has passed, so the leaflet is due for review"
    else:
        planned = date_text(upcoming)
    return [("Last reviewed", reviewed), ("Next review", planned)]


def due_notice(meta: LeafletMeta, today: dt.date | None = None) -> str:
    """The "due for review" sentence, or '' while the leaflet is not due."""
    if not is_due_for_review(meta, today):
        return ""
    return DUE_FOR_REVIEW.format(date=date_text(next_review(meta)))


def unbreakable(text: str) -> str:
    """``text`` with spaces and hyphens that never break a line (for a phone number)."""
    return text.replace(" ", "\u00a0").replace("-", "\u2011")


def contact_paragraphs(clinic: ClinicDetails | None) -> list[tuple[str, str]]:
    """The contact details as (label, plain text) pairs, in the order they are shown.

    The same words are used on screen (About, Help → Contact the clinic) and on paper. With no
    clinic set, the reader is told to ask the person who gave the leaflet. Text from the
    clinic file is plain text: callers escape it.
    """
    if clinic is None or not clinic.is_set:
        from kyphoreader.core.clinic import DEFAULT_FORMATS

        formats = clinic.formats_statement if clinic is not None else DEFAULT_FORMATS
        return [("", ASK_THE_GIVER), ("", formats)]
    rows: list[tuple[str, str]] = []
    if clinic.name:
        rows.append(("Contact", clinic.name))
    if clinic.phone:
        rows.append(("Phone", clinic.phone))
    if clinic.hours:
        rows.append(("Opening hours", clinic.hours))
    if clinic.email:
        rows.append(("Email", clinic.email))
    if clinic.address:
        rows.append(("Address", ", ".join(p.strip() for p in clinic.address.splitlines() if p)))
    if clinic.urgent:
        rows.append(("If it is urgent", clinic.urgent))
    rows.append(("", clinic.formats_statement))
    return rows


def contact_html(clinic: ClinicDetails | None, separate: bool = True) -> str:
    """The contact details as HTML; the phone number never breaks across lines.

    Args:
        clinic: the clinic's details, or None when there is no clinic file.
        separate: one paragraph per detail (on screen); False puts the details in one
            paragraph, one per line, as the printed box does to stay small at large sizes.
    """
    rows = []
    for label, text in contact_paragraphs(clinic):
        value = escape(unbreakable(text) if label == "Phone" else text)
        rows.append(f"<b>{escape(label)}:</b> {value}" if label else value)
    if separate:
        return "\n".join(f"<p>{row}</p>" for row in rows)
    return f"<p>{'<br/>'.join(rows)}</p>"


def about_html(
    leaflet: Leaflet, clinic: ClinicDetails | None = None, today: dt.date | None = None
) -> str:
    """Return the leaflet's metadata as HTML for the "About this leaflet" window.

    Args:
        leaflet: the leaflet.
        clinic: the clinic's contact details from the clinic file, if any.
        today: the date to judge the next review by (default: today).
    """
    meta = leaflet.meta
    rows = [
        ("Title", meta.title),
        ("Summary", meta.summary),
        ("Version", meta.version),
        ("Language", meta.language),
        ("Source", meta.source),
        ("Date added", meta.date_added),
        ("Checked by", meta.reviewed_by or "Nobody yet (not clinically reviewed)"),
        ("Date checked", meta.review_date or "Not checked"),
        *review_rows(meta, today),
    ]
    rows += sorted(
        (key.replace("_", " ").capitalize(), value)
        for key, value in meta.extra.items()
        if key != NEXT_REVIEW_KEY
    )
    table = "".join(
        f'<tr><td style="padding: 4px 12px 4px 0px;"><b>{escape(label)}</b></td>'
        f'<td style="padding: 4px 0px;">{escape(value) or "Not given"}</td></tr>'
        for label, value in rows
    )
    notice = f"<p><b>Review status:</b> {escape(meta.review_status)}</p>"
    due = due_notice(meta, today)
    due_html = f"<p><b>{escape(due)}</b></p>" if due else ""
    disclaimer = f"<p><b>Please note:</b> {escape(meta.disclaimer)}</p>" if meta.disclaimer else ""
    file_line = f"<p>Leaflet file: {escape(leaflet.source_name)}</p>" if leaflet.source_name else ""
    contact = f"<h3>Contact</h3>{contact_html(clinic)}"
    return (
        f"<h2>{escape(meta.title)}</h2>{notice}{due_html}{disclaimer}<table>{table}</table>"
        f"{contact}{file_line}"
    )


#: Print rules: black text and no underlines at all (large-print guidance; a link is useless
#: on paper).
PRINT_CSS = (
    LEAFLET_CSS
    + """
a { color: #000000; text-decoration: none; }
u, ins { text-decoration: none; }
"""
)
#: Anchor of the closing "About this copy" block, kept together with the contact box.
COLOPHON_ANCHOR = "about-this-copy"
#: Anchor of the references printed for a copy of chosen sections.
CITED_ANCHOR = "cited-references"


class PrintPart(NamedTuple):
    """One piece of a printed copy, in order.

    Attributes:
        kind: "title" (title block), "body" (sections), "references" (the references cited by
            chosen sections), "glossary" ("Words explained"), "colophon" ("About this copy")
            or "contact" (the contact box).
        html: the piece as an HTML fragment.
    """

    kind: str
    html: str


_LINK_TARGET = re.compile(r'href="#([^"]+)"')


def cited_references(leaflet: Leaflet, sections: list[Section]) -> list[tuple[str, list[str]]]:
    """The references the chosen sections cite that they do not hold themselves.

    Returns:
        (heading of the section that holds them, [their HTML]) per section, in leaflet order;
        only the elements the citations point to, never the rest of that section.
    """
    chosen_html = "\n".join(section.html for section in sections)
    targets = {
        target
        for target in _LINK_TARGET.findall(chosen_html)
        if f'id="{target}"' not in chosen_html
    }
    if not targets:
        return []
    from kyphoreader.core.elementfinder import ElementFinder  # html.parser: paper only

    finder = ElementFinder(leaflet.html, targets)
    finder.feed(leaflet.html)
    finder.close()
    groups: dict[str, list[tuple[int, str]]] = {}
    order: list[str] = []
    for target, (position, element) in finder.found.items():
        holder = next((s for s in leaflet.walk() if f'id="{target}"' in s.html), None)
        heading = holder.heading if holder is not None else "References"
        if heading not in groups:
            groups[heading] = []
            order.append(heading)
        groups[heading].append((position, element))
    return [(heading, [html for _p, html in sorted(groups[heading])]) for heading in order]


def _section_names(sections: list[Section]) -> str:
    top = [s for s in sections if not any(s in p.children for p in sections)]
    return ", ".join(f"\u201c{s.heading}\u201d" for s in top)


def print_parts(
    leaflet: Leaflet,
    sections: list[Section] | None,
    printed_on: str,
    clinic: ClinicDetails | None = None,
    today: dt.date | None = None,
    glossary: Glossary | None = None,
) -> list[PrintPart]:
    """The pieces of a printed copy: title, sections, references, words explained, About, contact.

    Args:
        leaflet: the leaflet.
        sections: the sections to print, in order; None for the whole leaflet.
        printed_on: the date to print on the last page.
        clinic: the clinic's contact details; None when there is no clinic file.
        today: the date to judge the next review by (default: today).
        glossary: the leaflet's glossary; the copy explains the terms its sections hold.
    """
    meta = leaflet.meta
    title = [f'<h1 id="{TITLE_ANCHOR}">{escape(meta.title)}</h1>']
    if meta.summary:
        title.append(f"<p><b>{escape(meta.summary)}</b></p>")
    due = due_notice(meta, today)
    if due:
        title.append(f"<p><b>{escape(due)}</b></p>")
    parts = [PrintPart("title", "\n".join(title))]
    whole = sections is None
    chosen = list(leaflet.walk()) if sections is None else sections
    parts.extend(PrintPart("body", section.html) for section in chosen)
    cited = [] if whole else cited_references(leaflet, chosen)
    for index, (heading, elements) in enumerate(cited):
        anchor = f' id="{CITED_ANCHOR}"' if index == 0 else ""
        parts.append(
            PrintPart("references", f"<h2{anchor}>{escape(heading)}</h2>\n" + "\n".join(elements))
        )
    if glossary is not None:
        from kyphoreader.glossary.terms import words_explained_html

        words = words_explained_html(glossary.terms_in(chosen))
        if words:
            parts.append(PrintPart("glossary", words))
    about = [f'<h2 id="{COLOPHON_ANCHOR}">About this copy</h2>']
    if not whole:
        what = f"only these sections of the leaflet: {_section_names(chosen)}."
        if cited:
            names = " and ".join(f"\u201c{heading}\u201d" for heading, _e in cited)
            what += f" The references they cite are printed under {names}."
        about.append(f"<p><b>This copy:</b> {escape(what)}</p>")
    # The source names "this leaflet"; in a copy of some sections that is the whole leaflet.
    source = meta.source if whole else meta.source.replace("this leaflet", "the whole leaflet")
    groups = [
        [("Source" if whole else "Source of the whole leaflet", source)],
        [("Review status", meta.review_status), *review_rows(meta, today)],
        [("Please note", meta.disclaimer)],
        [("Version", meta.version), ("Printed on", printed_on)],
    ]
    for group in groups:
        lines = [f"<b>{escape(label)}:</b> {escape(value)}" for label, value in group if value]
        if lines:
            about.append(f"<p>{'<br/>'.join(lines)}</p>")
    parts.append(PrintPart("colophon", "\n".join(about)))
    parts.append(PrintPart("contact", contact_html(clinic, separate=False)))
    return parts


def print_document_html(
    leaflet: Leaflet,
    sections: list[Section] | None,
    printed_on: str,
    clinic: ClinicDetails | None = None,
    today: dt.date | None = None,
    glossary: Glossary | None = None,
) -> str:
    """Return the HTML of a printed copy as one document (see ``print_parts``)."""
    parts = print_parts(leaflet, sections, printed_on, clinic, today, glossary)
    body = "\n".join(part.html for part in parts)
    return (
        f"<html><head><title>{escape(leaflet.title)}</title></head><body>\n{body}\n</body></html>"
    )
