"""Spare the reader's own modules PySide's search for ``__feature__`` use (issue #16).

Once PySide6 is imported, every module imported for the first time is read back from its
source file and searched for the word "PySide6", so that ``from __feature__ import
snake_case`` can change names module by module. The reader uses no such feature, and reading
back its own hundred-odd modules cost about 10 ms of every start (4 ms before the text is
painted). Our modules are instead entered in PySide's table as the search would find them:
"uses PySide, no feature". Any other module is searched as before. With a PySide whose
internals differ, nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType

#: The package whose modules are not read back.
PACKAGE = "kyphoreader"
#: PySide's value for "a module that uses PySide, with no feature switched on".
NO_FEATURE = 0


def spare_our_modules() -> bool:
    """Enter our modules in PySide's feature table unread. True if it could be done."""
    feature = sys.modules.get("shibokensupport.feature")
    search = getattr(feature, "feature_imported", None)
    table = getattr(feature, "pyside_feature_dict", None)
    if feature is None or not callable(search) or not isinstance(table, dict):
        return False
    if getattr(search, "spares", None) == PACKAGE:
        return True

    def feature_imported(module: ModuleType) -> object:
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and (name == PACKAGE or name.startswith(f"{PACKAGE}.")):
            table.setdefault(name, NO_FEATURE)
            return None
        return search(module)

    feature_imported.spares = PACKAGE  # type: ignore[attr-defined]
    feature.feature_imported = feature_imported  # type: ignore[attr-defined]
    return True
