"""``kyphoreader --self-test``: check an installation end to end, with no display.

Loads the bundled leaflet, shows it in the real window classes offscreen, runs a search,
exports a large-print PDF to a temporary folder and reads its text back, and looks for a voice
to read aloud with (reported, never a failure: many PCs have none). Prints one line with what
it did and how long each step took. This is what a clinic's IT person runs to check an
installation, and what CI runs against the built executable.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from kyphoreader import APP_NAME, __version__
from kyphoreader.core.leaflet import Leaflet, load_leaflet
from kyphoreader.paths import default_leaflet_path

SEARCH_QUERY = "kyfoplasty"  # a misspelling: the check covers the forgiving search too
PRINT_POINTS = 18.0


class SelfTestError(Exception):
    """A check failed; the message says which."""


def _squash(text: str) -> str:
    """Text without any white space and with ligatures such as "ﬂ" spelt out.

    So PDF line breaks and kerning gaps do not matter, nor a fallback typeface's ligatures.
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


def drop_running_title(text: str, title: str) -> str:
    """``text`` without the running title at its start, whole or shortened with "…"."""
    if text.startswith(title):
        return text[len(title) :]
    for mark in ("…", "..."):  # NFKC spells the ellipsis out
        cut = text.find(mark)
        if cut > 0 and title.startswith(text[:cut]):
            return text[cut + len(mark) :]
    return text


def _check_pdf_text(leaflet: Leaflet, path: Path) -> int:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    title = _squash(leaflet.title)
    printed = ""
    for page in reader.pages:
        # Each page starts with the running title and "Page n of N": drop them, so a
        # paragraph that runs on to the next page reads on without them.
        text = drop_running_title(_squash(page.extract_text() or ""), title)
        printed += re.sub(r"Page\d+of\d+", "", text, count=1)
    position = 0
    for section in leaflet.walk():
        for line in section.text.splitlines():
            found = printed.find(_squash(line), position)
            if found < 0:
                raise SelfTestError(f"the PDF is missing text of '{section.heading}': {line[:60]}")
            position = found
    return len(reader.pages)


def _check_platform_plugin() -> None:
    """Fail plainly when Qt's platform plugin is missing; Qt itself would abort the process."""
    from PySide6.QtCore import QLibraryInfo

    wanted = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if not wanted:
        return
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = {
        entry.name.split(".")[0].removeprefix("lib").removeprefix("q")
        for entry in (folder.iterdir() if folder.is_dir() else [])
    }
    if names and wanted not in names:
        raise SelfTestError(
            f"Qt's platform plugin '{wanted}' is not installed (available: "
            f"{', '.join(sorted(names))})"
        )


def run_self_test() -> int:
    """Run every check; print one line; return 0 if all passed, 1 if not."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    timings: list[str] = []
    started = time.perf_counter()

    def lap(label: str) -> None:
        nonlocal started
        now = time.perf_counter()
        timings.append(f"{label} {1000 * (now - started):.0f} ms")
        started = now

    try:
        leaflet = load_leaflet(default_leaflet_path())
        sections = len(leaflet.section_ids)
        lap(f"loaded the leaflet ({sections} sections)")

        from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler

        def quiet_offscreen(kind: QtMsgType, _context: object, message: str) -> None:
            # The offscreen platform cannot size windows to hints; that is not a fault.
            if "propagateSizeHints" not in message:
                print(f"Qt: {message}", file=sys.stderr)

        qInstallMessageHandler(quiet_offscreen)
        _check_platform_plugin()

        from kyphoreader.app.mainwindow import MainWindow
        from kyphoreader.app.startup import create_application
        from kyphoreader.printing.options import PrintOptions
        from kyphoreader.printing.output import export_pdf
        from kyphoreader.reading.typography import load_reading_typeface

        app = create_application()
        with tempfile.TemporaryDirectory(prefix="kyphoreader-self-test-") as scratch:
            store = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(store)
            window.show_leaflet(leaflet)
            window.resize(1024, 768)
            window.show()
            app.processEvents()
            image = window.grab().toImage()
            shown = " ".join(window.reader.document().toPlainText().split())
            first_words = " ".join(leaflet.sections[0].text.split()[:12])
            if image.isNull() or first_words not in shown:
                raise SelfTestError("the window did not show the leaflet")
            lap("showed it in the window")

            window.search_session.search(SEARCH_QUERY)
            result = window.search_session.result
            if result is None or not result.hits or not result.corrections:
                raise SelfTestError(f"searching for '{SEARCH_QUERY}' found nothing")
            lap(f"searched '{SEARCH_QUERY}' ({len(result.hits)} matches)")

            pdf = Path(scratch) / "large-print.pdf"
            pages = export_pdf(
                leaflet, PrintOptions(PRINT_POINTS, "A4"), pdf, glossary=window.glossary.glossary
            )
            read_pages = _check_pdf_text(leaflet, pdf)
            if read_pages != pages:
                raise SelfTestError(f"the PDF has {read_pages} pages, expected {pages}")
            lap(f"exported and read back a {PRINT_POINTS:g} pt PDF ({pages} pages)")
            from kyphoreader.readaloud.speaker import speech_summary

            lap(speech_summary("en"))
            if not load_reading_typeface():
                raise SelfTestError("the Atkinson Hyperlegible typeface could not be loaded")
            window.close()
    except SelfTestError as error:
        print(f"{APP_NAME} {__version__} self-test FAILED: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - report anything else plainly, never a traceback
        print(
            f"{APP_NAME} {__version__} self-test FAILED: {type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return 1
    print(f"{APP_NAME} {__version__} self-test passed: " + "; ".join(timings))
    return 0
