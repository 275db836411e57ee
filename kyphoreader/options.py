"""The command line: what a user can ask for, parsed into an ``Options`` value.

Qt-free, so ``--help``, ``--version`` and bad options answer fast and work with no display.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from kyphoreader import APP_DISPLAY_NAME, APP_NAME, __version__
from kyphoreader.core.clinic import ClinicConfig, load_clinic_config
from kyphoreader.core.files import size_text
from kyphoreader.core.leaflet import MAX_LEAFLET_BYTES
from kyphoreader.kiosk.policy import STAFF_EXIT_KEYS, kiosk_decision
from kyphoreader.paths import default_leaflet_path
from kyphoreader.printing.options import (
    DEFAULT_PRINT_POINTS,
    MAX_PRINT_POINTS,
    MIN_PRINT_POINTS,
    PrintOptionError,
    PrintOptions,
    default_paper,
    parse_paper,
    parse_print_size,
    system_locale_name,
)


@dataclass(frozen=True)
class Options:
    """What the user asked for on the command line."""

    leaflet_path: Path
    quit_after_first_paint: bool = False
    export_pdf: Path | None = None
    print_options: PrintOptions = PrintOptions()
    self_test: bool = False
    config_path: Path | None = None
    leaflet_given: bool = False
    clinic: ClinicConfig = ClinicConfig()
    verbose: bool = False
    search: str | None = None
    kiosk: bool = False
    kiosk_reason: str = ""
    hash_pin: bool = False


class _OneLineParser(argparse.ArgumentParser):
    """Report a bad command line in one line on stderr (no usage block), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _print_size(text: str) -> float:
    try:
        return parse_print_size(text)
    except PrintOptionError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _paper(text: str) -> str:
    try:
        return parse_paper(text)
    except PrintOptionError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to document the options in tests)."""
    parser = _OneLineParser(
        prog=APP_NAME,
        description=f"{APP_DISPLAY_NAME}: a large-print, offline reader for patient leaflets.",
        epilog=(
            "Without LEAFLET the bundled kyphoplasty leaflet opens. A leaflet is a UTF-8 "
            f"Markdown file of at most {size_text(MAX_LEAFLET_BYTES)}; see the README "
            "for its format."
        ),
    )
    parser.add_argument(
        "leaflet", nargs="?", metavar="LEAFLET.md", help="a leaflet file to open instead"
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    export = parser.add_argument_group(
        "large-print PDF (no window, no display needed)",
        "Write a PDF re-flowed at the print size, with the title and 'Page n of N' on every "
        "page, then exit.",
    )
    export.add_argument("--export-pdf", metavar="OUT.pdf", type=Path, help="write the PDF here")
    export.add_argument(
        "--print-size",
        metavar="PT",
        type=_print_size,
        default=None,
        help=f"text size in points, {MIN_PRINT_POINTS:g} to {MAX_PRINT_POINTS:g} "
        f"(default: the clinic file's, else {DEFAULT_PRINT_POINTS:g}; Standard 12, Clear 14, "
        "Large 18, Extra large 22, Giant 28)",
    )
    export.add_argument(
        "--paper",
        type=_paper,
        default=None,
        help="A4 or Letter (default: the clinic file's, else from the locale: Letter only "
        "where the locale measures in US units, A4 elsewhere and for C/POSIX)",
    )
    export.add_argument(
        "--section",
        metavar="ID",
        action="append",
        default=[],
        help="print only this section and its sub-sections (repeat for more; default: all)",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        type=Path,
        default=None,
        help="the clinic file to use (clinic.toml; default: $KYPHOREADER_CONFIG, then the "
        "system-wide one)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="show Qt's own messages on standard error instead of only in the log file",
    )
    parser.add_argument(
        "--search",
        metavar="QUERY",
        help="search the leaflet as the search box does, with no window: print one line per "
        "section found, best first (id, heading and number of matches, tab-separated), after "
        "a 'Showing results for' line when the words were corrected or not all found; exit "
        "status 0 if something was found, 1 if nothing was",
    )
    waiting = parser.add_argument_group("waiting room")
    waiting.add_argument(
        "--kiosk",
        action="store_true",
        help="waiting-room mode: full screen, only what a visitor needs, back to a fresh "
        f"start after no input, nothing written to disk; staff leave with {STAFF_EXIT_KEYS} "
        "and the PIN (also on with [kiosk] enabled = true in the clinic file)",
    )
    waiting.add_argument(
        "--hash-pin",
        action="store_true",
        help="read the staff PIN twice from standard input and print the line to put in the "
        "clinic file's [kiosk] section",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation with no display (load, show, search, print to PDF), "
        "print one line and exit",
    )
    # Used by the start-up benchmark: report when the window first paints, then quit.
    parser.add_argument("--quit-after-first-paint", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse_options(argv: list[str] | None = None) -> Options:
    """Parse ``argv`` (without the program name) into Options."""
    parser = build_parser()
    args = parser.parse_args(argv)
    path = Path(args.leaflet) if args.leaflet else default_leaflet_path()
    if args.export_pdf is None and (args.section or args.paper):
        parser.error("--section and --paper need --export-pdf")
    clinic = load_clinic_config(args.config)
    # --paper wins, then the clinic file's [print] paper, then the locale.
    paper = args.paper or default_paper(clinic.print.paper, system_locale_name())
    size = args.print_size if args.print_size is not None else clinic.print.text_size
    if args.search is not None and args.export_pdf is not None:
        parser.error("--search and --export-pdf cannot be used together")
    kiosk, kiosk_reason = kiosk_decision(args.kiosk, clinic)
    return Options(
        leaflet_path=path,
        quit_after_first_paint=args.quit_after_first_paint,
        export_pdf=args.export_pdf,
        print_options=PrintOptions(size, paper, tuple(args.section)),
        self_test=args.self_test,
        config_path=args.config,
        leaflet_given=bool(args.leaflet),
        clinic=clinic,
        verbose=args.verbose,
        search=args.search,
        kiosk=kiosk,
        kiosk_reason=kiosk_reason,
        hash_pin=args.hash_pin,
    )
