"""What read aloud says, in what order: the leaflet as a list of sentences, each with its place.

Qt-free. The script holds everything a sighted reader sees, in the order they see it: the
title block at the top of the page (title, summary, review status, disclaimer), then every
section's heading and its text, sentence by sentence. The reference list is left out (a
listener cannot use it, and it would take minutes) but can be read on request with
``references_script``.

Each sentence is an ``Utterance``: the section it belongs to and its exact place in that
section's plain text (``Section.text``, or ``Section.heading`` for a heading), so the reader
can map it to the shown document and highlight it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kyphoreader.core.document import TITLE_ANCHOR, front_matter_text
from kyphoreader.core.leaflet import Leaflet, Section
from kyphoreader.core.text import fold_text, split_sentences, words_of

#: ``Utterance.section_id`` of the title block shown above the first section.
FRONT_MATTER = TITLE_ANCHOR

#: Where an utterance's text comes from.
PART_FRONT = "front"
PART_HEADING = "heading"
PART_TEXT = "text"

#: Headings that name a reference list (compared folded: no case, accents or punctuation).
REFERENCE_HEADINGS = frozenset(
    {"references", "reference list", "bibliography", "sources", "literature", "works cited"}
)
_REFERENCE_ANCHOR = re.compile(r'\bid="ref-[^"]*"')
#: A citation mark such as "[1]", "[1, 4]" or "[2–5]".
_CITATION = re.compile(r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]")


@dataclass(frozen=True)
class Utterance:
    """One sentence to say, and where it is.

    Attributes:
        section_id: the section's id, or ``FRONT_MATTER`` for the title block.
        start: where the sentence starts in its source text (see ``part``).
        end: where it ends.
        text: the sentence exactly as shown (``source[start:end]``).
        part: ``PART_TEXT`` (in ``Section.text``), ``PART_HEADING`` (in ``Section.heading``)
            or ``PART_FRONT`` (in ``front_matter_text``).
    """

    section_id: str
    start: int
    end: int
    text: str
    part: str = PART_TEXT

    @property
    def heading(self) -> bool:
        """True for a section heading."""
        return self.part == PART_HEADING

    @property
    def speech(self) -> str:
        """The text to hand the voice: as shown, with citation marks blanked out.

        A citation mark ("[1]") points into the reference list; read aloud it would be a
        bare number in the middle of a sentence. It is replaced by spaces of the same
        length, so a word's place in ``speech`` is its place in ``text``.
        """
        return spoken_text(self.text)

    @property
    def word_count(self) -> int:
        """How many words are said."""
        return len(words_of(self.speech))


def spoken_text(text: str) -> str:
    """``text`` with citation marks ("[1]", "[2, 5]") replaced by as many spaces."""
    return _CITATION.sub(lambda match: " " * len(match.group()), text)


def is_reference_list(section: Section) -> bool:
    """True for a section that is a reference list.

    That is a section whose heading is "References" (or "Bibliography", "Sources", ...), or
    whose text holds the reference anchors citations link to (``{: #ref-1 }``).
    """
    heading = fold_text(re.sub(r"[^\w\s-]", " ", section.heading))
    return heading in REFERENCE_HEADINGS or bool(_REFERENCE_ANCHOR.search(section.html))


def _sentences(section_id: str, source: str, part: str) -> list[Utterance]:
    return [
        Utterance(section_id, sentence.start, sentence.end, sentence.text, part)
        for sentence in split_sentences(source)
        if words_of(spoken_text(sentence.text))  # a line that is only "[1]" says nothing
    ]


def _section_utterances(section: Section) -> list[Utterance]:
    return _sentences(section.id, section.heading, PART_HEADING) + _sentences(
        section.id, section.text, PART_TEXT
    )


def build_script(leaflet: Leaflet, references: bool = False) -> list[Utterance]:
    """Everything read aloud for ``leaflet``, in reading order.

    Args:
        leaflet: the leaflet.
        references: also read the reference list, in its place at the end.

    Returns:
        The title block's sentences, then each section's heading and sentences; sub-sections
        follow their parent, as on the page.
    """
    script = _sentences(FRONT_MATTER, front_matter_text(leaflet), PART_FRONT)
    for section in _reading_sections(leaflet, references):
        script.extend(_section_utterances(section))
    return script


def references_script(leaflet: Leaflet) -> list[Utterance]:
    """The reference list alone (heading and every reference), for reading on request."""
    script: list[Utterance] = []
    for section in leaflet.walk():
        if is_reference_list(section):
            script.extend(_section_utterances(section))
    return script


def _reading_sections(leaflet: Leaflet, references: bool) -> list[Section]:
    sections: list[Section] = []

    def visit(section: Section) -> None:
        if not references and is_reference_list(section):
            return  # and its sub-sections: they belong to the list
        sections.append(section)
        for child in section.children:
            visit(child)

    for section in leaflet.sections:
        visit(section)
    return sections


def index_at(script: list[Utterance], section_id: str, offset: int = 0, part: str = "") -> int:
    """The index of the utterance to start at for a place in a section.

    Args:
        script: the script.
        section_id: the section (or ``FRONT_MATTER``).
        offset: a position in the section's text: the sentence holding it, or the next one.
        part: ``PART_HEADING`` or ``PART_TEXT`` to say which source ``offset`` is in; empty
            means the section's text, and an offset of 0 then starts at its heading.

    Returns:
        The index, or -1 if the script holds nothing of that section.
    """
    in_section = [i for i, u in enumerate(script) if u.section_id == section_id]
    if not in_section:
        return -1
    if not part and offset <= 0:
        return in_section[0]
    wanted = part or (PART_FRONT if section_id == FRONT_MATTER else PART_TEXT)
    for index in in_section:
        utterance = script[index]
        if utterance.part == wanted and utterance.end > offset:
            return index
    later = [i for i in in_section if script[i].part == wanted]
    return later[-1] if later else in_section[0]


def section_starts(script: list[Utterance]) -> dict[str, int]:
    """The index of the first utterance of each section in the script."""
    starts: dict[str, int] = {}
    for index, utterance in enumerate(script):
        starts.setdefault(utterance.section_id, index)
    return starts
