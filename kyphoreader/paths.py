"""Find bundled resources in a source tree, an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

DEFAULT_LEAFLET = "leaflets/kyphoplasty/leaflet.md"
#: The clinic file's name in the system folders and beside a frozen executable.
CLINIC_FILE_NAME = "clinic.toml"
#: Environment variable that names a clinic file.
CONFIG_ENV = "KYPHOREADER_CONFIG"


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


def default_cache_dir() -> Path:
    """The per-user cache folder (for example ``~/.cache/kyphoreader`` on Linux)."""
    if sys.platform.startswith("linux"):
        # platformdirs' answer on Linux (the XDG rule), without its import: start-up time.
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "kyphoreader"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kyphoreader", appauthor=False))


def default_log_dir() -> Path:
    """The per-user log folder (for example ``~/.local/state/kyphoreader/log`` on Linux)."""
    if sys.platform.startswith("linux"):
        # platformdirs' answer on Linux (the XDG rule), without its import: start-up time.
        base = os.environ.get("XDG_STATE_HOME", "").strip() or os.path.expanduser("~/.local/state")
        return Path(base) / "kyphoreader" / "log"
    from platformdirs import user_log_dir

    return Path(user_log_dir("kyphoreader", appauthor=False))


def system_config_paths() -> list[Path]:
    """The system-wide places a clinic file may be, in the order they are tried."""
    if sys.platform.startswith("win"):
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return [Path(base) / "kyphoreader" / CLINIC_FILE_NAME]
    if sys.platform == "darwin":
        return [Path("/Library/Application Support/kyphoreader") / CLINIC_FILE_NAME]
    dirs = os.environ.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
    return [Path(d) / "kyphoreader" / CLINIC_FILE_NAME for d in dirs.split(os.pathsep) if d]


def find_clinic_file(explicit: Path | None = None) -> Path | None:
    """The clinic file to use: ``--config``, then the environment, the system, the executable.

    An explicit path (``--config`` or the environment variable) is returned even if it does
    not exist, so that reading it reports the mistake instead of silently using defaults.
    """
    if explicit is not None:
        return explicit
    from_env = os.environ.get(CONFIG_ENV, "").strip()
    if from_env:
        return Path(from_env)
    candidates = system_config_paths()
    if getattr(sys, "frozen", False):
        candidates.append(Path(sys.executable).resolve().parent / CLINIC_FILE_NAME)
    return next((p for p in candidates if p.exists()), None)
