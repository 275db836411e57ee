"""Find bundled resources in a source tree, an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

DEFAULT_LEAFLET = "leaflets/kyphoplasty/leaflet.md"


def resources_root() -> Path:
    """Return the folder that holds the ``resources`` tree.

    Frozen builds unpack it to ``sys._MEIPASS/resources``; an installed wheel carries it as
    ``kyphoreader/resources``; a source checkout (or an editable install) has it beside the
    package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "resources"
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources"


def resource_path(name: str) -> Path:
    """Return the path of a bundled resource, given as a relative POSIX path.

    Args:
        name: for example ``"leaflets/kyphoplasty/leaflet.md"``.

    Raises:
        ValueError: if ``name`` is absolute or climbs out of the resources folder.
    """
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"resource names must be relative and stay inside resources/: {name!r}")
    return resources_root().joinpath(*relative.parts)


def default_leaflet_path() -> Path:
    """Return the path of the leaflet that ships with the reader."""
    return resource_path(DEFAULT_LEAFLET)
