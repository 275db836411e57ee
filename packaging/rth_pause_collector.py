"""PyInstaller runtime hook of the reader's bundles (build.spec): pause the cycle collector.

Custom runtime hooks run before PyInstaller's own, which import Qt (the PySide6 hook looks for
a qt.conf); ``python -m kyphoreader`` pauses the collector before it imports Qt too
(``kyphoreader/__main__.py``, ``kyphoreader/collector.py``, issue #16).
"""

from kyphoreader.collector import pause_collection

pause_collection()
