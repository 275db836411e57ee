"""Python's cycle collector waits while the reader starts (issue #16).

A start imports some three hundred modules and makes thousands of Qt wrappers and enum
members. Python runs its cycle collector after every 700 new objects, so it walks them some
fifty times before the text is painted: about 6 ms, a tenth of what the reader adds to a bare
Qt program, to free almost nothing (the start makes next to no cyclic garbage). The entry
point pauses the collector; it runs again once the window has settled, or at once for the
commands that open no window. Nothing else in the reader turns it off or on.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Stop the cycle collector until ``resume_collection`` (only if it is running now)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Run the cycle collector again, if ``pause_collection`` stopped it."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def is_paused() -> bool:
    """True while the collector waits for the start to end."""
    return _paused
