"""Compose the HTML a reader or a printer shows for a leaflet: title, notices and body.

Plain Python: the same HTML feeds the screen and (later) the printed page, so both carry the
same words.
"""

from __future__ import annotations

from html import escape

from kyphoreader.core.leaflet import Leaflet, Section

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


def leaflet_document_html(leaflet: Leaflet) -> str:
    """Return the whole leaflet as one HTML document, ready for a QTextDocument."""
    return (
        f"<html><head><title>{escape(leaflet.title)}</title></head><body>\n"
        f"{front_matter_html(leaflet)}\n{leaflet.html}\n</body></html>"
    )


def about_html(leaflet: Leaflet) -> str:
    """Return the leaflet's metadata as HTML for the "About this leaflet" window."""
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
    ]
    rows += sorted((key.replace("_", " ").capitalize(), value) for key, value in meta.extra.items())
    table = "".join(
        f'<tr><td style="padding: 4px 12px 4px 0px;"><b>{escape(label)}</b></td>'
        f'<td style="padding: 4px 0px;">{escape(value) or "Not given"}</td></tr>'
        for label, value in rows
    )
    notice = f"<p><b>Review status:</b> {escape(meta.review_status)}</p>"
    disclaimer = f"<p><b>Please note:</b> {escape(meta.disclaimer)}</p>" if meta.disclaimer else ""
    file_line = f"<p>Leaflet file: {escape(leaflet.source_name)}</p>" if leaflet.source_name else ""
    return f"<h2>{escape(meta.title)}</h2>{notice}{disclaimer}<table>{table}</table>{file_line}"


#: Print rules: black text, links underlined (the one underline large-print guidance allows).
PRINT_CSS = (
    LEAFLET_CSS
    + """
a { color: #000000; text-decoration: underline; }
"""
)
#: Anchor of the closing "About this copy" block, kept whole on the last page.
COLOPHON_ANCHOR = "about-this-copy"


def print_document_html(leaflet: Leaflet, sections: list[Section] | None, printed_on: str) -> str:
    """Return the HTML of a printed copy: title, the chosen sections, then its provenance.

    Args:
        leaflet: the leaflet.
        sections: the sections to print, in order; None for the whole leaflet.
        printed_on: the date to print on the last page.
    """
    meta = leaflet.meta
    body = leaflet.html if sections is None else "\n".join(s.html for s in sections)
    parts = [f'<h1 id="{TITLE_ANCHOR}">{escape(meta.title)}</h1>']
    if meta.summary:
        parts.append(f"<p><b>{escape(meta.summary)}</b></p>")
    parts.append(body)
    details = [
        ("Source", meta.source),
        ("Version", meta.version),
        ("Review status", meta.review_status),
        ("Please note", meta.disclaimer),
        ("Printed on", printed_on),
    ]
    parts.append(f'<h2 id="{COLOPHON_ANCHOR}">About this copy</h2>')
    parts.extend(
        f"<p><b>{escape(label)}:</b> {escape(value)}</p>" for label, value in details if value
    )
    return (
        f"<html><head><title>{escape(meta.title)}</title></head><body>\n"
        + "\n".join(parts)
        + "\n</body></html>"
    )
