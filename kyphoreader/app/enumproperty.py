"""Set a Qt enum property by the name of its value, without naming PySide's ``Qt`` namespace.

The first use of ``PySide6.QtCore.Qt`` makes all of its ninety-odd enum types at once, some
15 ms: the largest single cost between the first paint and a usable window (issue #16). Qt's
property system takes an enum value by its name, so the panels, toolbars and notice of a usual
start set their few enum properties that way, and ``Qt`` is named only where a user's action
or a first start needs it. ``tests/gui/test_first_paint.py`` checks that ``Qt`` is not made
before the window is usable.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def set_enum_property(target: QObject, name: str, value: str) -> None:
    """Set the enum (or flags) property ``name`` of ``target`` to the value named ``value``.

    ``value`` is the name of a value without its enum, "TabFocus" for Qt.FocusPolicy.TabFocus;
    flags are joined with "|". Raises ValueError when Qt has no such property or value, so a
    typing mistake fails loudly rather than leaving Qt's default.
    """
    if not target.setProperty(name, value):
        raise ValueError(f"{type(target).__name__} has no {name} property taking {value!r}")
