"""Command-line entry point: parse the options, then dispatch to the right runner.

The runners are the self-test, the headless export, the search and the window. Only parses and
dispatches. No Qt import at module level, so ``--help``, ``--version`` and leaflet errors
answer fast and work on a machine without a display.

The usual start, with no options and no clinic file (``plain_start``), paints the text kept
from the last start (``core/snapshot.py``) before it reads the options, the clinic file or
the leaflet: the text comes first (issue #16).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kyphoreader import APP_NAME
from kyphoreader.paths import default_cache_dir, default_leaflet_path, find_clinic_file

if TYPE_CHECKING:
    from kyphoreader.core.leaflet import Leaflet

#: The start-up benchmark's option (``app/firstpaint.py``); a start with it is still plain.
QUIT_AFTER_FIRST_PAINT = "--quit-after-first-paint"


def has_display() -> bool:
    """Whether a window would be seen: not on Linux with no display or an offscreen platform."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in ("offscreen", "minimal"):
        return False
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(platform or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def plain_start(argv: list[str]) -> tuple[str, bool] | None:
    """The leaflet of a start with nothing else to read, and whether it is the benchmark's.

    Plain: no option but the benchmark's, at most one leaflet, and no clinic file (which may
    turn on the waiting room or change the text size). None for any other start.
    """
    leaflets = []
    for argument in argv:
        if argument == QUIT_AFTER_FIRST_PAINT:
            continue
        if not argument or argument.startswith("-"):
            return None
        leaflets.append(argument)
    if len(leaflets) > 1 or find_clinic_file() is not None:
        return None
    # The name the options give the leaflet (Path, as typed), so that settings keep its key.
    name = str(Path(leaflets[0])) if leaflets else str(default_leaflet_path())
    return name, QUIT_AFTER_FIRST_PAINT in argv


def run_plain_start(argv: list[str], leaflet_name: str, quit_after_first_paint: bool) -> int | None:
    """Start from the text kept for ``leaflet_name``; None when there is no good copy of it."""
    from kyphoreader.core.snapshot import read_snapshot

    snapshot = read_snapshot(default_cache_dir(), leaflet_name)
    if snapshot is None:
        return None
    if _waiting_room_runs():
        return 0
    from kyphoreader.app.startup import run_from_snapshot

    return run_from_snapshot(snapshot, quit_after_first_paint)


def _waiting_room_runs() -> bool:
    """True (and said on standard error) when a waiting-room reader already runs here."""
    from kyphoreader.kiosk.instance import tell_running

    if tell_running():  # a waiting room runs here: no second window over it
        print(f"{APP_NAME}: the waiting-room reader is already running", file=sys.stderr)
        return True
    return False


def load_leaflet_from(path: str | Path, cache: Path | None) -> tuple[Leaflet | None, str]:
    """The leaflet at ``path`` (through the ``cache``), or None and why it cannot be opened."""
    from kyphoreader.core.cache import load_leaflet_cached
    from kyphoreader.core.leaflet import LeafletError

    try:
        return load_leaflet_cached(path, cache), ""
    except LeafletError as error:
        return None, str(error)


def main(argv: list[str] | None = None) -> int:
    """Run the reader. Returns the process exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    plain = plain_start(arguments)
    if plain is not None:
        status = run_plain_start(arguments, *plain)
        if status is not None:
            return status
    from kyphoreader.options import parse_options

    options = parse_options(arguments)
    windowless = options.export_pdf is not None or options.search is not None
    if windowless or options.self_test or options.hash_pin:
        from kyphoreader.collector import resume_collection

        resume_collection()  # paused for a window's start (collector.py): there is none
    if options.self_test:
        from kyphoreader.selftest import run_self_test

        return run_self_test()
    if options.hash_pin:
        from kyphoreader.kiosk.hashpin import run_hash_pin

        return run_hash_pin()
    if not windowless and not options.kiosk and _waiting_room_runs():
        return 0
    if options.kiosk:  # the waiting room writes nothing to disk, bytecode included
        sys.dont_write_bytecode = True
    # The waiting room writes nothing to disk, so it keeps no cache of the parsed leaflet.
    cache = None if options.kiosk else default_cache_dir()
    leaflet, error = load_leaflet_from(options.leaflet_path, cache)
    if leaflet is None:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        if windowless or not options.leaflet_given or not has_display():
            return 2
        # A leaflet given to the window (a double-click, where nobody sees standard error):
        # the window says why it cannot be opened and shows the bundled leaflet instead.
        from kyphoreader.app.startup import run_after_error

        return run_after_error(options, error)
    if options.export_pdf is not None:
        from kyphoreader.printing.headless import export_pdf

        return export_pdf(options, leaflet)
    if options.search is not None:
        from kyphoreader.search.cli import run_search

        return run_search(options.search, leaflet)
    from kyphoreader.app.startup import run  # Qt is imported only once there is a window to show.

    return run(options, leaflet)
