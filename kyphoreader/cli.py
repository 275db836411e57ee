"""Command-line entry point: parse options, load the leaflet, then hand over to the window.

No Qt import at module level, so ``--help``, ``--version`` and leaflet errors answer fast and
work on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from kyphoreader import APP_DISPLAY_NAME, APP_NAME, __version__
from kyphoreader.leaflet import MAX_LEAFLET_BYTES, LeafletError
from kyphoreader.leafletcache import default_cache_dir, load_leaflet_cached
from kyphoreader.paths import default_leaflet_path


@dataclass(frozen=True)
class Options:
    """What the user asked for on the command line."""

    leaflet_path: Path
    quit_after_first_paint: bool = False


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to document the options in tests)."""
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description=f"{APP_DISPLAY_NAME}: a large-print, offline reader for patient leaflets.",
        epilog=(
            "Without LEAFLET the bundled kyphoplasty leaflet opens. A leaflet is a UTF-8 "
            f"Markdown file of at most {MAX_LEAFLET_BYTES // (1024 * 1024)} MB; see the README "
            "for its format."
        ),
    )
    parser.add_argument(
        "leaflet", nargs="?", metavar="LEAFLET.md", help="a leaflet file to open instead"
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    # Used by the start-up benchmark: report when the window first paints, then quit.
    parser.add_argument("--quit-after-first-paint", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse_options(argv: list[str] | None = None) -> Options:
    """Parse ``argv`` (without the program name) into Options."""
    args = build_parser().parse_args(argv)
    path = Path(args.leaflet) if args.leaflet else default_leaflet_path()
    return Options(leaflet_path=path, quit_after_first_paint=args.quit_after_first_paint)


def main(argv: list[str] | None = None) -> int:
    """Run the reader. Returns the process exit status."""
    options = parse_options(argv)
    try:
        leaflet = load_leaflet_cached(options.leaflet_path, default_cache_dir())
    except LeafletError as error:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        return 2
    from kyphoreader.app import run  # Qt is imported only once there is a window to show.

    return run(options, leaflet)
