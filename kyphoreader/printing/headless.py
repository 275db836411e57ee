"""Write a large-print PDF with no window and no display: ``kyphoreader --export-pdf``.

A good export prints one line ("Wrote …") and nothing else: Qt's own messages (such as
missing OpenType support for a script) go to the reader's log file unless ``--verbose``.
A copy that would be incomplete is refused with one line and exit status 2, and no file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TextIO

from kyphoreader import APP_NAME
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.glossary.terms import Glossary, GlossaryError, load_glossary_for
from kyphoreader.options import Options
from kyphoreader.printing.options import PrintOptionError


class QtMessageLog:
    """Route Qt's messages to the log file (or standard error) while it is installed."""

    def __init__(self, log: Path, verbose: bool) -> None:
        self.log = log
        self.verbose = verbose
        self._stream: TextIO | None = None
        self._previous = None
        self.count = 0

    def __enter__(self) -> QtMessageLog:
        from PySide6.QtCore import qInstallMessageHandler

        self._previous = qInstallMessageHandler(self._handle)
        return self

    def __exit__(self, *_exc: object) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(self._previous)
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _handle(self, mode, context, message: str) -> None:
        self.count += 1
        category = getattr(context, "category", "") or "qt"
        line = f"{category}: {message}"
        if self.verbose:
            print(line, file=sys.stderr)
            return
        try:
            if self._stream is None:
                self.log.parent.mkdir(parents=True, exist_ok=True)
                self._stream = self.log.open("a", encoding="utf-8")
                stamp = dt.datetime.now().isoformat(timespec="seconds")
                self._stream.write(f"--- {stamp} Qt messages during --export-pdf\n")
            self._stream.write(line + "\n")
        except OSError:
            pass  # a log that cannot be written must not break a good export


def leaflet_glossary(leaflet: Leaflet) -> Glossary:
    """The glossary beside the leaflet; one warning line and none if it cannot be used."""
    if not leaflet.source_name:
        return Glossary()
    try:
        return load_glossary_for(leaflet.source_name)
    except GlossaryError as error:
        print(
            f'{APP_NAME}: warning: {error}. The copy is printed without "Words explained".',
            file=sys.stderr,
        )
        return Glossary()


def export_pdf(options: Options, leaflet: Leaflet) -> int:
    """Write the large-print PDF without a window. Returns the exit status."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    from PySide6.QtGui import QGuiApplication

    from kyphoreader.app.errors import default_log_path
    from kyphoreader.printing.output import export_pdf as write_pdf
    from kyphoreader.printing.pages import PrintError

    assert options.export_pdf is not None
    clinic = options.clinic
    if clinic.broken:
        print(f"{APP_NAME}: warning: {clinic.problems[0]} The defaults are used.", file=sys.stderr)
    glossary = leaflet_glossary(leaflet)
    with QtMessageLog(default_log_path(), options.verbose):
        _application = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        try:
            pages = write_pdf(
                leaflet,
                options.print_options,
                options.export_pdf,
                clinic=clinic.clinic,
                glossary=glossary,
            )
        except (PrintError, PrintOptionError) as error:
            print(f"{APP_NAME}: error: {error}", file=sys.stderr)
            return 2
    print(
        f"Wrote {options.export_pdf}: {pages} pages at {options.print_options.point_size:g} pt "
        f"on {options.print_options.paper}"
    )
    return 0
