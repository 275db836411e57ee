"""Run kyphoreader with ``python -m kyphoreader`` (and as the frozen executable's script)."""

import sys

from kyphoreader.collector import pause_collection

pause_collection()  # until the window has settled (collector.py, issue #16)

from kyphoreader.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
