"""Spare our modules and the standard library PySide's search for ``__feature__`` (issue #16).

Once PySide6 is imported, every module imported for the first time is read back from its
source file and searched for the word "PySide6", so that ``from __feature__ import
snake_case`` can change names module by module. The reader uses no such feature, and reading
back its own hundred-odd modules cost about 10 ms of every start (4 ms before the text is
painted); the standard library's modules imported after PySide (json, dataclasses, html,
datetime...) cost about 3 ms more, and none of them can use PySide. Both are instead entered
in PySide's table as the search would find them: ours as "uses PySide, no feature", the
standard library's as "does not use PySide". Any other module (an installed package, say) is
searched as before. With a PySide whose internals differ, nothing is changed.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType

#: The package whose modules are not read back.
PACKAGE = "kyphoreader"
#: PySide's value for "a module that uses PySide, with no feature switched on".
NO_FEATURE = 0
#: PySide's value for "a module that does not use PySide".
IGNORED = -1
#: Folders of installed packages, which may sit inside the standard library's folder.
PACKAGE_FOLDERS = ("site-packages", "dist-packages")


def standard_library_folder() -> str:
    """The folder of the standard library's Python modules ('' when it cannot be told)."""
    origin = getattr(os, "__file__", None)
    return os.path.dirname(origin) + os.sep if isinstance(origin, str) else ""


def in_standard_library(module: ModuleType, folder: str) -> bool:
    """True if ``module`` was loaded from the standard library's ``folder`` (not a package's)."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if not folder or not isinstance(origin, str) or not origin.startswith(folder):
        return False
    return not any(part in PACKAGE_FOLDERS for part in origin[len(folder) :].split(os.sep))


def spare_our_modules() -> bool:
    """Enter our and the standard library's modules in PySide's feature table unread.

    True if it could be done.
    """
    feature = sys.modules.get("shibokensupport.feature")
    search = getattr(feature, "feature_imported", None)
    table = getattr(feature, "pyside_feature_dict", None)
    if feature is None or not callable(search) or not isinstance(table, dict):
        return False
    if getattr(search, "spares", None) == PACKAGE:
        return True
    folder = standard_library_folder()

    def feature_imported(module: ModuleType) -> object:
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and (name == PACKAGE or name.startswith(f"{PACKAGE}.")):
            table.setdefault(name, NO_FEATURE)
            return None
        if isinstance(name, str) and in_standard_library(module, folder):
            table.setdefault(name, IGNORED)
            return None
        return search(module)

    feature_imported.spares = PACKAGE  # type: ignore[attr-defined]
    feature.feature_imported = feature_imported  # type: ignore[attr-defined]
    return True
