"""The core (leaflet, document, settings, paths, command line) must not need Qt."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "kyphoreader",
    "kyphoreader.paths",
    "kyphoreader.core.leaflet",
    "kyphoreader.core.document",
    "kyphoreader.search.index",
    "kyphoreader.search.synonyms",
    "kyphoreader.search.cli",
    "kyphoreader.core.cache",
    "kyphoreader.core.settings",
    "kyphoreader.cli",
    "kyphoreader.options",
    "kyphoreader.core.text",
    "kyphoreader.core.clinic",
    "kyphoreader.core.notice",
    "kyphoreader.glossary.terms",
    "kyphoreader.readaloud.script",
    "kyphoreader.readaloud.pace",
    "kyphoreader.core.files",
    "kyphoreader.core.snapshot",
    "kyphoreader.core.elementfinder",
    "kyphoreader.core.htmltext",
    "kyphoreader.core.limits",
    "kyphoreader.core.pictures",
    "kyphoreader.core.safehtml",
    "kyphoreader.kiosk.policy",
    "kyphoreader.kiosk.instance",
    "kyphoreader.kiosk.hashpin",
]


def test_core_modules_import_without_pyside6():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
        + "from kyphoreader.core.leaflet import load_leaflet\n"
        + "from kyphoreader.paths import default_leaflet_path\n"
        + "load_leaflet(default_leaflet_path())\n"
        + "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_read_aloud_loads_text_to_speech_only_when_first_used():
    # Qt Multimedia is heavy and warns on machines without PipeWire: never at start-up.
    code = (
        "import sys\n"
        "import kyphoreader.readaloud.controller, kyphoreader.readaloud.controls\n"
        "print(sorted(m for m in sys.modules if 'TextToSpeech' in m or 'Multimedia' in m))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_html_is_escaped_as_the_standard_library_does_it():
    # core.document has its own escape (html.escape's import costs time before the first
    # paint): it must give exactly the same text.
    import html

    from kyphoreader.core.document import escape

    samples = ["", "plain", "a & b < c > d", "\"quoted\" and 'single'", "&amp; stays &amp;amp;"]
    samples += ["é – ü, 5 < 6 & 7 > 3 \"'" * 3]
    for text in samples:
        assert escape(text) == html.escape(text)
