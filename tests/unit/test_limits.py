"""A leaflet at a limit opens; one just past it gets one line naming the file and the limit."""

from __future__ import annotations

import pytest

from kyphoreader.core.leaflet import MAX_LEAFLET_BYTES, LeafletError, load_leaflet, parse_leaflet
from kyphoreader.core.limits import LIMITS, prefix_depth

L = LIMITS
HEAD = "## A\n\n"


def nested_lists(depth: int) -> str:
    return HEAD + "".join("    " * i + "- item\n" for i in range(depth))


def nested_quotes(depth: int) -> str:
    return HEAD + ">" * depth + " quoted\n"


def nested_emphasis(depth: int) -> str:
    return HEAD + "*a " * depth + "x" + " b*" * depth + "\n"


def nested_brackets(depth: int) -> str:
    return HEAD + "[" * depth + "x" + "]" * depth + "\n"


def nested_html(depth: int) -> str:
    return HEAD + "<div>" * depth + "x" + "</div>" * depth + "\n"


def nested_tables(depth: int) -> str:
    return HEAD + "<table><tr><td>" * depth + "x" + "</td></tr></table>" * depth + "\n"


def table_columns(count: int) -> str:
    return HEAD + "<table><tr>" + "<td>w</td>" * count + "</tr></table>\n"


def headings(count: int) -> str:
    return "".join(f"## Heading {i}\n\nText.\n\n" for i in range(count))


def list_items(count: int) -> str:
    return HEAD + "- x\n" * (count - 2)  # the heading and the list are blocks too


def line(length: int) -> str:
    return HEAD + "x" * length + "\n"


def heading(length: int) -> str:
    return "## " + "h" * length + "\n\nText.\n"


def title(length: int) -> str:
    return f"title: {'t' * length}\n\n" + HEAD + "Text.\n"


def front_keys(count: int) -> str:
    return "".join(f"key{i}: v\n" for i in range(count)) + "\n" + HEAD + "Text.\n"


def front_value(length: int) -> str:
    return f"summary: {'s' * length}\n\n" + HEAD + "Text.\n"


CASES = [
    (nested_lists, L.max_nesting, f"line {L.max_nesting + 3} is nested {L.max_nesting + 1} deep"),
    (nested_quotes, L.max_nesting, f"at most {L.max_nesting} levels"),
    (nested_emphasis, L.max_nesting, f"emphasis (* or _) nested more than {L.max_nesting} deep"),
    (nested_brackets, L.max_nesting, f"brackets [ ] nested more than {L.max_nesting} deep"),
    (nested_html, L.max_nesting, f"HTML blocks are nested more than {L.max_nesting} deep"),
    (nested_tables, L.max_table_nesting, "tables are nested more than 4 deep"),
    (table_columns, L.max_table_columns, "a table row has more than 10 cells"),
    (headings, L.max_headings, "more than 250 headings"),
    (list_items, L.max_blocks, "more than 2,500 paragraphs, list items"),
    (line, L.max_line_chars, "line 3 is 10,001 characters long; a line may be at most 10,000"),
    (heading, L.max_heading_chars, "a heading may be at most 150 characters"),
    (title, L.max_title_chars, "a title may be at most 150 characters"),
    (front_keys, L.max_meta_keys, "the front matter has 41 keys; at most 40"),
    (front_value, L.max_meta_chars, "'summary' is 2,001 characters long; at most 2,000"),
]


@pytest.mark.parametrize(
    ("make", "limit", "words"), CASES, ids=lambda v: getattr(v, "__name__", "")
)
def test_at_the_limit_opens_and_past_it_says_which_limit(tmp_path, make, limit, words):
    path = tmp_path / "leaflet.md"
    path.write_text(make(limit), encoding="utf-8")
    assert load_leaflet(path).sections
    path.write_text(make(limit + 1), encoding="utf-8")
    with pytest.raises(LeafletError) as info:
        load_leaflet(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert words in message


def test_the_file_size_limit(tmp_path):
    path = tmp_path / "leaflet.md"
    text = HEAD + ("word " * 20 + "\n") * (MAX_LEAFLET_BYTES // 101)
    path.write_text(text + "x" * (MAX_LEAFLET_BYTES - len(text)), encoding="utf-8")
    assert load_leaflet(path).sections
    with path.open("a", encoding="utf-8") as handle:
        handle.write("x")
    with pytest.raises(LeafletError, match=r"too large \(65,537 bytes\); at most 64 KB"):
        load_leaflet(path)


@pytest.mark.parametrize(
    "text",
    [
        HEAD + ("(a " * 3000 + "\n") * 6,  # "(" that never close: the parser would scan on each one
        HEAD + ("<a " * 1000 + "\n") * 10,  # tags that never close, likewise
    ],
    ids=["brackets", "tags"],
)
def test_text_that_would_make_the_parser_scan_again_and_again_is_refused(text):
    with pytest.raises(LeafletError, match="left open"):
        parse_leaflet(text, "x.md")


def test_no_recursion_error_or_memory_error_escapes(monkeypatch):
    import markdown

    def explode(self, text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(markdown.Markdown, "convert", explode)
    with pytest.raises(LeafletError, match="x.md: the file is too large or too deeply nested"):
        parse_leaflet("## A\n\nText.\n", "x.md")


def test_toc_markers_are_left_as_words():
    leaflet = parse_leaflet("## A\n\n[TOC]\n\n## B\n")
    assert "[TOC]" in leaflet.sections[0].text and "<ul" not in leaflet.html


@pytest.mark.parametrize(
    ("line", "depth"),
    [("text", 0), ("- item", 1), ("    - item", 2), ("> > quoted", 2), ("> - > - x", 4),
     ("\t\t- x", 3), ("1. first", 1), ("        code", 2)],
)  # fmt: skip
def test_nesting_of_a_line(line, depth):
    assert prefix_depth(line) == depth
