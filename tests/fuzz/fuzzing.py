"""The hostile leaflets of one fuzz run, and the checks of what the reader made of them."""

from __future__ import annotations

import faulthandler
import os
import re
import sys
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from hostile import Case, fuzz_cases

from kyphoreader.core.leaflet import Leaflet, LeafletError, load_leaflet
from kyphoreader.paths import default_leaflet_path

#: The run's seed (set KYPHOREADER_FUZZ_SEED to try others) and how many leaflets it makes.
SEED = int(os.environ.get("KYPHOREADER_FUZZ_SEED", "17"))
COUNT = int(os.environ.get("KYPHOREADER_FUZZ_COUNT", "1100"))
CASES = fuzz_cases(SEED, COUNT)
#: Time limits from issue 17: a leaflet opens in under 5 s and prints in under 10 s.
OPEN_SECONDS = 5.0
EXPORT_SECONDS = 10.0


def case_id(case: Case) -> str:
    return case.name


@contextmanager
def deadline(seconds: float, what: str):
    """Fail if the block takes longer than ``seconds``; end the whole run if it hangs."""
    # A hang inside Qt or a blocking open() cannot be interrupted from Python: dump the
    # stacks and stop the run, so CI shows where it hung instead of waiting forever.
    faulthandler.dump_traceback_later(seconds * 6 + 30, exit=True, file=sys.__stderr__)
    started = time.perf_counter()
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"{what} took {elapsed:.1f} s (limit {seconds:g} s)"


def load_case(case: Case, folder: Path) -> tuple[Path, Leaflet | None, str]:
    """Build ``case`` in ``folder`` and load it: (path, leaflet or None, error or "")."""
    path = case.build(folder)
    with deadline(OPEN_SECONDS, f"{SEED}/{case.name}: loading"):
        try:
            return path, load_leaflet(path), ""
        except LeafletError as error:
            return path, None, str(error)


def check_error(case: Case, path: Path, error: str) -> None:
    """The one-line message: names the file, says what is wrong, no traceback."""
    assert case.expect != "ok", f"{case.name}: should have been shown, got: {error}"
    assert "\n" not in error and "Traceback" not in error
    assert error.startswith(f"{path}: "), f"{case.name}: the message must name the file"
    assert len(error) < len(str(path)) + 300, f"{case.name}: one short line, got {error!r}"
    assert case.error_has in error, f"{case.name}: expected {case.error_has!r} in {error!r}"


def all_text(leaflet: Leaflet) -> str:
    return "\n".join(f"{s.heading}\n{s.text}" for s in leaflet.walk())


_BUNDLED_TEXT = None


def bundled_paragraphs() -> list[str]:
    global _BUNDLED_TEXT
    if _BUNDLED_TEXT is None:
        leaflet = load_leaflet(default_leaflet_path())
        _BUNDLED_TEXT = [line for s in leaflet.walk() for line in s.text.split("\n") if line]
    return _BUNDLED_TEXT


def check_shown(case: Case, leaflet: Leaflet) -> None:
    """A shown leaflet: safe HTML, and the words it must have."""
    assert case.expect != "error", f"{case.name}: should have been refused, but was shown"
    assert unsafe_html(leaflet.html) == [], case.name
    for section in leaflet.walk():
        assert unsafe_html(section.html) == [], case.name
    text = all_text(leaflet)
    assert case.text_has in text, f"{case.name}: {case.text_has!r} is not in the text"
    if case.keeps_bundled:
        missing = [p for p in bundled_paragraphs() if p not in text]
        assert missing == [], f"{case.name}: lost {missing[:2]}"


# -- what Qt could be made to load --------------------------------------------------------------

_ALLOWED_ATTRIBUTES = {
    "id", "class", "lang", "title", "href", "name", "start", "type", "value", "colspan",
    "rowspan", "border", "src", "alt", "width", "height",
}  # fmt: skip
_ALLOWED_HREF = re.compile(r"^(#|https?:|mailto:|tel:|[^:/\\]+$)", re.IGNORECASE)


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("link", "style", "script", "base", "meta", "object", "iframe", "embed"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in _ALLOWED_ATTRIBUTES:
                self.problems.append(f"<{tag} {name}>")
            elif name == "src" and not (value or "").startswith("data:image/"):
                self.problems.append(f"<{tag} src={value!r}>")
            elif name == "href" and not _ALLOWED_HREF.match(value or ""):
                self.problems.append(f"<{tag} href={value!r}>")
            elif name == "href" and ".." in (value or "").replace("\\", "/").split("/"):
                self.problems.append(f"<{tag} href={value!r}>")


def unsafe_html(markup: str) -> list[str]:
    """What in ``markup`` could make Qt read a file: elements, attributes, URLs."""
    inspector = _Inspector()
    inspector.feed(markup)
    inspector.close()
    return inspector.problems[:5]


def section_count(leaflet: Leaflet) -> int:
    return sum(1 for _ in leaflet.walk())
