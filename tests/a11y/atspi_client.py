"""Look at the reader as a screen reader does: a small AT-SPI client run by the SYSTEM python3.

pyatspi (python3-pyatspi) is not in the project's virtual environment, so the tests run this
script with /usr/bin/python3 and read the JSON it prints. Commands:

    tree                       the application's accessibility tree (showing objects)
    press ROLE NAME            do the first action of the object with this role and name
    caret-after-press ROLE NAME   press, then report the document's caret and caret events
    type NAME TEXT             put TEXT in the editable text called NAME, wait, report the tree
    wait-app                   exit 0 once the application is on the bus
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi
from gi.repository import GLib

APP = "kyphoreader"
INTERESTING_STATES = (
    "showing", "focusable", "focused", "expandable", "expanded", "collapsed", "selected",
    "editable", "sensitive", "checked",
)  # fmt: skip


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.name == APP:
            return app
    return None


def describe(acc) -> dict:
    states = acc.getState()
    held = [
        name for name in INTERESTING_STATES
        if states.contains(getattr(pyatspi, "STATE_" + name.upper()))
    ]  # fmt: skip
    node = {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "states": held,
        "attributes": dict(a.split(":", 1) for a in acc.getAttributes() if ":" in a),
        "children": acc.childCount,
    }
    try:
        text = acc.queryText()
        node["text"] = text.getText(0, min(text.characterCount, 400))
        node["characters"] = text.characterCount
        node["caret"] = text.caretOffset
    except NotImplementedError:
        pass
    try:
        action = acc.queryAction()
        node["actions"] = [action.getName(i) for i in range(action.nActions)]
    except NotImplementedError:
        pass
    return node


def walk(acc, depth=0, out=None, limit=4000):
    out = [] if out is None else out
    if acc is None or len(out) > limit:
        return out
    try:
        node = describe(acc)
    except Exception as error:  # noqa: BLE001 - an object that went away
        out.append({"role": "error", "name": str(error), "depth": depth})
        return out
    node["depth"] = depth
    out.append(node)
    for index in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(index)
        except Exception:  # noqa: BLE001
            continue
        walk(child, depth + 1, out, limit)
    return out


def find(acc, role, name):
    if acc is None:
        return None
    try:
        if acc.getRoleName() == role and (acc.name or "") == name:
            return acc
        for index in range(acc.childCount):
            found = find(acc.getChildAtIndex(index), role, name)
            if found is not None:
                return found
    except Exception:  # noqa: BLE001
        return None
    return None


def collect_events(kinds, seconds, during):
    events = []

    def listener(event):
        try:
            source = event.source.getRoleName() if event.source else ""
        except Exception:  # noqa: BLE001
            source = ""
        data = str(event.any_data) if event.any_data is not None else ""
        events.append(
            {"type": event.type, "detail1": event.detail1, "source": source, "data": data}
        )

    for kind in kinds:
        pyatspi.Registry.registerEventListener(listener, kind)
    GLib.timeout_add(200, lambda: (during(), False)[1])
    GLib.timeout_add(int(seconds * 1000), lambda: (pyatspi.Registry.stop(), False)[1])
    pyatspi.Registry.start()
    for kind in kinds:
        pyatspi.Registry.deregisterEventListener(listener, kind)
    return events


def document(app):
    for node in _iter(app):
        if node.getRoleName() == "document frame":
            return node
    return None


def _iter(acc):
    stack = [acc]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        yield node
        try:
            stack.extend(node.getChildAtIndex(i) for i in reversed(range(node.childCount)))
        except Exception:  # noqa: BLE001
            continue


def main(argv):
    command = argv[1]
    deadline = time.time() + 20
    app = find_app()
    while app is None and time.time() < deadline:
        time.sleep(0.3)
        app = find_app()
    if app is None:
        print(json.dumps({"error": "the application is not on the accessibility bus"}))
        return 2
    if command == "wait-app":
        print(json.dumps({"ok": True}))
        return 0
    if command == "tree":
        print(json.dumps(walk(app)))
        return 0
    if command in ("press", "caret-after-press"):
        role, name = argv[2], argv[3]
        target = find(app, role, name)
        if target is None:
            print(json.dumps({"error": f"no {role} called {name!r}"}))
            return 2
        doc = document(app)
        before = doc.queryText().caretOffset if doc is not None else -1

        def press():
            target.queryAction().doAction(0)

        events = collect_events(
            ["object:text-caret-moved", "focus:", "object:state-changed:focused"], 2.5, press
        )
        doc = document(app)
        text = doc.queryText()
        caret = text.caretOffset
        line = text.getTextAtOffset(caret, pyatspi.TEXT_BOUNDARY_LINE_START)
        print(json.dumps({"before": before, "caret": caret, "line": line[0], "events": events}))
        return 0
    if command == "type":
        name, words = argv[2], argv[3]
        target = find(app, "text", name)

        def type_words():
            target.queryEditableText().setTextContents(words)

        events = collect_events(["object:announcement", "object:property-change:accessible-name"],
                                3.0, type_words)  # fmt: skip
        print(json.dumps({"events": events, "tree": walk(app)}))
        return 0
    print(json.dumps({"error": f"unknown command {command}"}))
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
