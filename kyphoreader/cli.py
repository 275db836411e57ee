"""Command-line entry point: parse the options, then dispatch to the right runner.

The runners are the self-test, the headless export, the search and the window. Only parses and
dispatches. No Qt import at module level, so ``--help``, ``--version`` and leaflet errors
answer fast and work on a machine without a display.
"""

from __future__ import annotations

import sys

from kyphoreader import APP_NAME
from kyphoreader.core.cache import default_cache_dir, load_leaflet_cached
from kyphoreader.core.leaflet import LeafletError
from kyphoreader.options import parse_options


def main(argv: list[str] | None = None) -> int:
    """Run the reader. Returns the process exit status."""
    options = parse_options(argv)
    if options.self_test:
        from kyphoreader.selftest import run_self_test

        return run_self_test()
    try:
        leaflet = load_leaflet_cached(options.leaflet_path, default_cache_dir())
    except LeafletError as error:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        return 2
    if options.export_pdf is not None:
        from kyphoreader.printing.headless import export_pdf

        return export_pdf(options, leaflet)
    if options.search is not None:
        from kyphoreader.search.cli import run_search

        return run_search(options.search, leaflet)
    from kyphoreader.app.startup import run  # Qt is imported only once there is a window to show.

    return run(options, leaflet)
