"""Command-line entry point: parse the options, then dispatch to the right runner.

The runners are the self-test, the headless export, the search and the window. Only parses and
dispatches. No Qt import at module level, so ``--help``, ``--version`` and leaflet errors
answer fast and work on a machine without a display.
"""

from __future__ import annotations

import os
import sys

from kyphoreader import APP_NAME
from kyphoreader.core.cache import default_cache_dir, load_leaflet_cached
from kyphoreader.core.leaflet import LeafletError
from kyphoreader.options import parse_options


def has_display() -> bool:
    """Whether a window would be seen: not on Linux with no display or an offscreen platform."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in ("offscreen", "minimal"):
        return False
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(platform or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    """Run the reader. Returns the process exit status."""
    options = parse_options(argv)
    if options.self_test:
        from kyphoreader.selftest import run_self_test

        return run_self_test()
    if options.hash_pin:
        from kyphoreader.kiosk.hashpin import run_hash_pin

        return run_hash_pin()
    windowless = options.export_pdf is not None or options.search is not None
    if not windowless and not options.kiosk:
        from kyphoreader.kiosk.instance import tell_running

        if tell_running():  # a waiting room runs here: no second window over it
            print(f"{APP_NAME}: the waiting-room reader is already running", file=sys.stderr)
            return 0
    # The waiting room writes nothing to disk: no cache of the parsed leaflet, no bytecode.
    cache = None if options.kiosk else default_cache_dir()
    if options.kiosk:
        sys.dont_write_bytecode = True
    try:
        leaflet = load_leaflet_cached(options.leaflet_path, cache)
    except LeafletError as error:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        if windowless or not options.leaflet_given or not has_display():
            return 2
        # A leaflet given to the window (a double-click, where nobody sees standard error):
        # the window says why it cannot be opened and shows the bundled leaflet instead.
        from kyphoreader.app.startup import run_after_error

        return run_after_error(options, str(error))
    if options.export_pdf is not None:
        from kyphoreader.printing.headless import export_pdf

        return export_pdf(options, leaflet)
    if options.search is not None:
        from kyphoreader.search.cli import run_search

        return run_search(options.search, leaflet)
    from kyphoreader.app.startup import run  # Qt is imported only once there is a window to show.

    return run(options, leaflet)
