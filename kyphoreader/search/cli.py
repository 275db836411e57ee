"""``kyphoreader --search QUERY``: print what the search would show, with no window or display.

Qt-free. The output is made for people and for scripts alike: a first line "Showing results
for …" when the query was corrected or relaxed, then one line per section, best first,
``section-id<TAB>heading<TAB>number of matches``. The exit status is 0 when something was
found and 1 when nothing was (as grep does), 2 for bad input.
"""

from __future__ import annotations

import sys
from typing import TextIO

from kyphoreader import APP_NAME
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.search.index import SearchIndex, SearchResult
from kyphoreader.search.synonyms import SynonymError, load_synonyms_for

FOUND, NOTHING_FOUND, BAD_INPUT = 0, 1, 2


def result_lines(result: SearchResult) -> list[str]:
    """The lines ``--search`` prints for ``result`` (without line ends)."""
    lines = [result.showing_for] if result.showing_for else []
    for group in result.groups:
        heading = " ".join(group.heading.split())  # never a tab or line break inside a field
        lines.append(f"{group.section_id}\t{heading}\t{len(group.hits)}")
    return lines


def run_search(
    query: str, leaflet: Leaflet, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Search ``leaflet`` for ``query`` and print the sections found, best first.

    Returns:
        0 when something was found, 1 when nothing was, 2 for a query with nothing to search.
    """
    out = out or _tolerant(sys.stdout)
    err = err or _tolerant(sys.stderr)
    if not query.strip():
        print(f"{APP_NAME}: error: --search needs a word or question to look for", file=err)
        return BAD_INPUT
    synonyms: dict[str, list[str]] = {}
    if leaflet.source_name:
        try:
            synonyms = load_synonyms_for(leaflet.source_name)
        except SynonymError as error:
            print(f"{APP_NAME}: warning: searching without lay words: {error}", file=err)
    result = SearchIndex(leaflet, synonyms).find(query)
    if not result.groups:
        print(result.message, file=err)
        return NOTHING_FOUND
    for line in result_lines(result):
        print(line, file=out)
    return FOUND


def _tolerant(stream: TextIO) -> TextIO:
    """``stream``, set to replace what its encoding cannot show instead of failing."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return stream
