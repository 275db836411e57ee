"""Run kyphoreader with ``python -m kyphoreader``."""

import sys

from kyphoreader.cli import main

if __name__ == "__main__":
    sys.exit(main())
