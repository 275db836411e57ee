"""The reader as a screen reader finds it, through AT-SPI (what Orca uses), in a real session."""

from __future__ import annotations

import pytest

from kyphoreader.app.actions import name_holds_label, toolbar_specs

pytestmark = [pytest.mark.gui, pytest.mark.slow]

INTERACTIVE = {
    "push button", "check box", "radio button", "combo box", "text", "toggle button",
    "table cell", "tree item", "link", "spin button", "slider", "page tab", "list item",
    "menu item", "document frame", "tree", "list",
}  # fmt: skip


def showing(tree: list[dict]) -> list[dict]:
    return [node for node in tree if "showing" in node["states"]]


STARTS = {
    "first": "atspi_reader",
    "from a kept copy": "atspi_reader_from_kept_copy",
    "turned on by the bus": "atspi_reader_turned_on_by_the_bus",
}


@pytest.mark.parametrize("start", ["first", "turned on by the bus"])
def test_no_interactive_object_is_without_a_name(request, start):
    tree = request.getfixturevalue(STARTS[start]).tree()
    unnamed = [
        (node["role"], node["description"])
        for node in showing(tree)
        if node["role"] in INTERACTIVE and not node["name"].strip()
    ]
    assert unnamed == []


def test_toolbar_names_hold_the_visible_labels(atspi_reader):
    names = {node["name"] for node in showing(atspi_reader.tree()) if node["role"] in
             ("push button", "check box")}  # fmt: skip
    for spec in toolbar_specs():
        label = spec.toolbar_text or spec.text.replace("&", "")
        matching = [name for name in names if name_holds_label(name, label)]
        assert matching, f"no button named with its visible label {label!r} in {sorted(names)}"
    assert "A+ Larger text" in names and "A- Smaller text" in names


@pytest.mark.parametrize("start", list(STARTS))
def test_the_text_is_a_document_with_headings_levels_and_links(request, start):
    tree = request.getfixturevalue(STARTS[start]).tree()
    [document] = [node for node in tree if node["role"] == "document frame"]
    assert document["name"] == "Leaflet text"
    assert "Why can back pain continue?" in document["text"] or document["characters"] > 5000
    headings = [node for node in tree if node["role"] == "heading"]
    levels = {node["name"]: node["attributes"].get("level") for node in headings}
    assert levels["Kyphoplasty-induced Back Pain: Origins and Remedies"] == "1"
    assert levels["Why can back pain continue?"] == "2"
    assert levels["Fractures in the bones next to the treated one"] == "3"
    links = [node for node in tree if node["role"] == "link"]
    assert len(links) >= 11
    assert {"[1]", "[2]", "[9]"} <= {node["name"] for node in links}
    assert all(node["actions"] and node["description"].startswith("Goes to:") for node in links)
    [notice] = [node for node in tree if node["role"] == "notification"]
    assert notice["name"] == "Review notice"


@pytest.mark.parametrize("start", list(STARTS))
def test_contents_rows_have_levels_and_only_branches_are_expanded(request, start):
    tree = request.getfixturevalue(STARTS[start]).tree()
    rows = {node["name"]: node for node in tree if node["role"] == "table cell"}
    assert rows["Why can back pain continue?"]["attributes"]["level"] == "1"
    assert rows["Other causes"]["attributes"]["level"] == "2"
    assert "expanded" in rows["Why can back pain continue?"]["states"]
    leaves = [name for name, node in rows.items() if name != "Why can back pain continue?"]
    for name in leaves:
        assert "expanded" not in rows[name]["states"], name
        assert "expandable" not in rows[name]["states"], name


def test_the_caret_moves_to_a_section_chosen_in_the_contents(atspi_reader):
    answer = atspi_reader.ask("caret-after-press", "table cell", "Summary")
    assert answer["line"].strip() == "Summary"
    assert answer["caret"] != answer["before"]
    moves = [e for e in answer["events"] if e["type"] == "object:text-caret-moved"]
    assert moves and moves[-1]["detail1"] == answer["caret"]
    assert moves[-1]["source"] == "document frame"


def test_the_match_count_is_readable_and_announced(atspi_reader):
    answer = atspi_reader.ask("type", "Search", "cement")
    labels = [node["name"] for node in showing(answer["tree"]) if node["role"] == "label"]
    counts = [name for name in labels if name.startswith("Match 1 of ")]
    assert counts, labels
    announced = [e["data"] for e in answer["events"] if e["type"] == "object:announcement"]
    assert counts[0] in announced
