"""Compose the HTML a reader or a printer shows for a leaflet: title, notices and body.

Plain Python: the same HTML feeds the screen and (later) the printed page, so both carry the
same words.
"""

from __future__ import annotations

from html import escape

from kyphoreader.leaflet import Leaflet

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
    file_line = (
        f"<p>Leaflet file: {escape(leaflet.source_name)}</p>" if leaflet.source_name else ""
    )
    return f"<h2>{escape(meta.title)}</h2>{notice}{disclaimer}<table>{table}</table>{file_line}"
