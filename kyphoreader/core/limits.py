"""The limits a leaflet must keep, and the checks of its Markdown made before it is parsed.

The limits are set so that the largest leaflet they allow opens and prints in bounded time
(see the README); the checks here catch, before python-markdown sees the text, what would make
the parser recurse too deeply or scan the same text over and over. Each check gives the line
and the limit in words a leaflet writer can act on.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kyphoreader.core.files import size_text


class Limits(NamedTuple):
    """How large and how deeply nested a leaflet may be.

    A named tuple, and the checks' patterns are compiled on first use: the reader imports
    this module on its way to a usable window (issue #16), where a dataclass and four
    compiled patterns cost about 1.5 ms.

    Attributes:
        max_bytes: size of the leaflet file.
        max_line_chars: characters on one line of the file.
        max_nesting: lists, quotes, emphasis, brackets or HTML elements inside each other.
        max_table_nesting: tables inside tables (Qt lays nested tables out again per level).
        max_table_columns: cells in one table row (more cannot fit across a printed page).
        max_headings: headings in the leaflet.
        max_heading_chars: characters in one heading.
        max_blocks: paragraphs, headings, list items, table cells, rules and line breaks.
        max_title_chars: characters in the title (printed at the top of every page).
        max_meta_chars: characters in any other front-matter value.
        max_meta_keys: front-matter keys.
        max_look_ahead: characters the parser may have to scan ahead for closing brackets and
            closing ``>`` of HTML tags, over the whole file (only hostile files come near it).
        max_image_bytes: size of one image file.
        max_image_side: width or height of one image, in pixels.
        max_image_pixels: pixels of all the leaflet's images together.
    """

    max_bytes: int = 64 * 1024
    max_line_chars: int = 10_000
    max_nesting: int = 6
    max_table_nesting: int = 4
    max_table_columns: int = 10
    max_headings: int = 250
    max_heading_chars: int = 150
    max_blocks: int = 2_500
    max_title_chars: int = 150
    max_meta_chars: int = 2_000
    max_meta_keys: int = 40
    max_look_ahead: int = 2_000_000
    max_image_bytes: int = 1024 * 1024
    max_image_side: int = 4_000
    max_image_pixels: int = 16_000_000


#: The limits every leaflet the reader opens must keep.
LIMITS = Limits()

#: Only the limits that keep the parser safe (nesting and look-ahead per character), without
#: the size limits: for benchmarks and tests of layout and search far beyond what a leaflet
#: may be. The reader never uses it.
SIZE_UNLIMITED = Limits(
    max_bytes=64 * 1024 * 1024,
    max_line_chars=64 * 1024 * 1024,
    max_headings=10_000_000,
    max_heading_chars=64 * 1024 * 1024,
    max_blocks=10_000_000,
    max_title_chars=64 * 1024 * 1024,
    max_meta_chars=64 * 1024 * 1024,
    max_look_ahead=1024 * LIMITS.max_look_ahead,
)


class LimitExceededError(Exception):
    """A leaflet goes beyond one of its limits; the message says which, without the file name."""


def number(value: int) -> str:
    """An integer with thousands separators, as the messages print it ("10,000")."""
    return f"{value:,}"


_BLANK = r"\n[ \t]*\n"
_LIST_MARKER = r"(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)"
_EMPHASIS_OR_BRACKET = r"\\.|[*_]+|[\[\]()]"
_TAG_START = r"<[A-Za-z!/?]"


def check_source(text: str, limits: Limits = LIMITS) -> None:
    """Check leaflet Markdown against the limits that protect the parser.

    Raises:
        LimitExceededError: naming the line (where there is one) and the limit.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise LimitExceededError(
            f"the text is too large ({number(size)} bytes); a leaflet may be at most "
            f"{size_text(limits.max_bytes)}"
        )
    for line_number, line in enumerate(text.split("\n"), start=1):
        if len(line) > limits.max_line_chars:
            raise LimitExceededError(
                f"line {line_number} is {number(len(line))} characters long; a line may be at "
                f"most {number(limits.max_line_chars)} characters"
            )
        depth = prefix_depth(line)
        if depth > limits.max_nesting:
            raise LimitExceededError(
                f"line {line_number} is nested {depth} deep (lists, quotes or indents inside "
                f"each other); at most {limits.max_nesting} levels are allowed"
            )
    look_ahead = _check_blocks(text, limits) + _tag_look_ahead(text)
    if look_ahead > limits.max_look_ahead:
        raise LimitExceededError(
            "too many '[', '(' or '<' are left open (each needs its closing ']', ')' or '>' "
            "soon after it); write \\[, \\( or &lt; for ones that stand alone"
        )


def prefix_depth(line: str) -> int:
    """How deeply a line sits in lists and quotes.

    That is its indent (4 columns a level) and the ``>``s and list markers before its text.
    """
    columns = 0
    markers = 0
    index = 0
    length = len(line)
    while index < length:
        char = line[index]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        elif char == ">":
            markers += 1
            if line.startswith(" ", index + 1):  # the space after a ">" belongs to it
                index += 1
        else:
            found = re.compile(_LIST_MARKER).match(line, index)
            if found is None:
                break
            markers += 1
            index = found.end()
            if line.startswith(" ", index):  # as does the space after a list marker
                index += 1
            continue
        index += 1
    return columns // 4 + markers


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _check_blocks(text: str, limits: Limits) -> int:
    """Check emphasis and bracket nesting block by block; return the bracket look-ahead."""
    look_ahead = 0
    start = 0
    for separator in [*re.finditer(_BLANK, text), None]:
        end = separator.start() if separator else len(text)
        look_ahead += _check_block(text, start, end, limits)
        if look_ahead > limits.max_look_ahead:
            return look_ahead
        start = separator.end() if separator else end
    return look_ahead


def _check_block(text: str, start: int, end: int, limits: Limits) -> int:
    emphasis = 0
    open_square: list[int] = []
    open_round: list[int] = []
    look_ahead = 0
    for found in re.compile(_EMPHASIS_OR_BRACKET, re.DOTALL).finditer(text, start, end):
        token = found.group()
        where = found.start()
        if token[0] == "\\":
            continue
        if token == "[":
            open_square.append(where)
            if len(open_square) > limits.max_nesting:
                raise LimitExceededError(
                    f"line {_line_of(text, where)} has brackets [ ] nested more than "
                    f"{limits.max_nesting} deep"
                )
        elif token == "]":
            if open_square:
                look_ahead += where - open_square.pop()
        elif token == "(":
            open_round.append(where)
        elif token == ")":
            if open_round:
                look_ahead += where - open_round.pop()
        else:  # a run of * or _: it may open or close emphasis
            before = text[where - 1] if where > start else " "
            after = text[found.end()] if found.end() < end else " "
            if not before.isspace() and emphasis:
                emphasis = max(0, emphasis - len(token))
            elif not after.isspace():
                emphasis += len(token)
                if emphasis > limits.max_nesting:
                    raise LimitExceededError(
                        f"line {_line_of(text, where)} has emphasis (* or _) nested more than "
                        f"{limits.max_nesting} deep"
                    )
    look_ahead += sum(end - where for where in open_square)
    look_ahead += sum(end - where for where in open_round)
    return look_ahead


def _tag_look_ahead(text: str) -> int:
    """Characters from each possible HTML tag start to the next ``>`` (or the end)."""
    total = 0
    closing = -1
    for found in re.finditer(_TAG_START, text):
        where = found.start()
        if closing < where:
            closing = text.find(">", where)
            if closing < 0:
                closing = len(text)
        total += closing - where
    return total
