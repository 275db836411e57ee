"""Fuzz ``kyphoreader --export-pdf``: every hostile leaflet gives a PDF holding all its words,
or the one-line error and no file, in bounded time.

The command runs in this process (``cli.main``), as a user would run it but without starting
a thousand interpreters; a few cases also run as a real subprocess.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from clirunner import run_kyphoreader
from fuzzing import CASES, EXPORT_SECONDS, SEED, all_text, case_id, deadline

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "print"))
from pdfpages import body_text, read_pdf  # noqa: E402

from kyphoreader import cli
from kyphoreader.core.leaflet import load_leaflet

pytestmark = pytest.mark.gui
SIZES = (12, 14, 18, 22, 28, 36)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory, qapp):
    """Parsed leaflets go to a folder of the test's own, never the user's cache."""
    return tmp_path_factory.mktemp("cache")


def print_size(case) -> int:
    """The case's print size: the largest for leaflets at the limits, else one of each."""
    return 36 if case.big else random.Random(f"{SEED}/{case.name}").choice(SIZES)


def letters(text: str, form: str = "NFD") -> str:
    """The ASCII letters and digits of ``text`` once decomposed ("é" gives "e").

    Other letters are left out: whether they can be drawn depends on the fonts installed, and
    the words that matter are the leaflet's own. The PDF side is read with NFKD, so that a
    ligature drawn for "fi" counts as "f" and "i".
    """
    return "".join(ch for ch in unicodedata.normalize(form, text) if ch.isascii() and ch.isalnum())


def other_script(word: str) -> bool:
    """Whether ``word`` has a letter or mark of a script other than Latin, Greek or Cyrillic.

    Qt here may not shape such scripts (no OpenType support for them), and then the PDF does
    not give back the text of the whole run, the word's Latin letters included.
    """
    return any(
        not ch.isascii()
        and unicodedata.category(ch)[0] in "LM"
        and not unicodedata.name(ch, "").startswith(("LATIN", "GREEK", "CYRILLIC", "COMBINING"))
        for ch in word
    )


def reorders(text: str) -> bool:
    """Whether ``text`` has what makes a PDF's text come back in another order: right-to-left
    letters or overrides (drawn reversed), or marks stacked on a letter (read as lines above)."""
    return any(
        unicodedata.combining(ch) or unicodedata.bidirectional(ch) in _REORDERING for ch in text
    )


_REORDERING = {"R", "AL", "RLE", "LRE", "RLO", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}


def missing_words(leaflet_text: str, pdf_text: str) -> list[str]:
    """Words of the leaflet not found in the PDF in order (line breaks inside a word allowed).

    Where the order cannot be read back (see ``reorders``), every letter must still be there
    as often as in the leaflet.
    """
    haystack = letters(pdf_text, "NFKD")
    words = [word for word in re.findall(r"\S+", leaflet_text) if not other_script(word)]
    if reorders(leaflet_text):
        have = Counter(haystack)
        need = Counter(letters(" ".join(words)))
        return [f"{ch!r} x {count - have[ch]}" for ch, count in need.items() if have[ch] < count]
    missing, position = [], 0
    for word in words:
        needle = letters(word)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(word)
        else:
            position = found + len(needle)
    return missing


def run_export(monkeypatch, capsys, cache_dir, path, out, size):
    monkeypatch.setattr(cli, "default_cache_dir", lambda: cache_dir)
    status = cli.main(["--export-pdf", str(out), "--print-size", str(size), str(path)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_export_gives_a_full_pdf_or_one_line(case, case_folder, cache_dir, monkeypatch, capsys):
    path = case.build(case_folder)
    out = case_folder.parent / "out.pdf"
    size = print_size(case)
    with deadline(EXPORT_SECONDS, f"{SEED}/{case.name}: export at {size} pt"):
        status, stdout, stderr = run_export(monkeypatch, capsys, cache_dir, path, out, size)
    if status == 2:
        assert case.expect != "ok", f"{case.name}: should have printed, got {stderr!r}"
        assert stderr.count("\n") == 1 and stderr.startswith(f"kyphoreader: error: {path}: ")
        assert "Traceback" not in stderr
        assert not out.exists()
        return
    assert status == 0, f"{case.name}: exit status {status}, {stderr!r}"
    assert case.expect != "error", f"{case.name}: should have been refused"
    assert stdout.startswith(f"Wrote {out}:")
    leaflet = load_leaflet(path)
    pages = read_pdf(out)
    pdf_text = body_text(pages)  # the text of the pages, without running titles and numbers
    assert f": {len(pages)} pages at {size:g} pt" in stdout
    assert missing_words(all_text(leaflet), pdf_text) == [], f"{case.name} at {size} pt"
    if case.keeps_bundled:
        assert "kyphoplasty" in pdf_text.lower()


SUBPROCESS_CASES = [
    case
    for case in CASES
    if case.name
    in {"path-fifo", "path-dev-zero", "path-dev-urandom", "img-link-dev-zero", "img-fifo"}
]


@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=case_id)
def test_the_real_command_never_hangs_or_aborts(case, case_folder, tmp_path):
    path = case.build(case_folder)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = run_kyphoreader(
        "--export-pdf",
        str(tmp_path / "out.pdf"),
        str(path),
        display=False,
        env_extra=env,
        timeout=60,
    )
    assert result.returncode in (0, 2), result.stderr
    if result.returncode == 2:
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr
    else:
        assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
