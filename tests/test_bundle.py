"""The standalone executable: the spec bundles every resource; a built bundle self-tests.

The build test is marked slow (about a minute): it runs PyInstaller on build.spec, then runs
the one-folder executable's --self-test from another folder, with no display and, where the
machine allows it, no network (unshare -n).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"


def test_spec_bundles_the_whole_resources_folder():
    text = SPEC.read_text(encoding="utf-8")
    assert 'datas = [(str(ROOT / "resources"), "resources")]' in text


def test_every_resource_the_code_loads_exists_under_resources():
    names = set()
    for source in (ROOT / "kyphoreader").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        names.update(re.findall(r'resource_path\("([^"]+)"\)', text))
        names.update(re.findall(r'^(?:DEFAULT_LEAFLET|ICON) = "([^"]+)"', text, re.MULTILINE))
    assert {"leaflets/kyphoplasty/leaflet.md", "icons/kyphoreader.svg"} <= names
    for name in names:
        assert (ROOT / "resources" / name).is_file(), name
    assert (ROOT / "resources/leaflets/kyphoplasty/synonyms.txt").is_file()


def test_spec_bundles_the_fonts_the_code_loads():
    from kyphoreader.reading import typography

    text = SPEC.read_text(encoding="utf-8")
    assert f'"{typography._FONT_PACKAGE}"' in text  # noqa: SLF001
    for font in typography._FONT_FILES:  # noqa: SLF001
        assert f"files/{font}" in text


def _no_network_prefix() -> list[str]:
    """unshare -n (as root) or unshare -rn (unprivileged), if this machine allows it."""
    unshare = shutil.which("unshare")
    if not unshare:
        return []
    for flags in (["-n"], ["-rn"]):
        probe = subprocess.run([unshare, *flags, "true"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return [unshare, *flags]
    return []


@pytest.mark.slow
def test_built_bundle_passes_its_self_test(tmp_path):
    pytest.importorskip("PyInstaller", reason="install the build extra: pip install .[build]")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "work"),
            str(SPEC),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        cwd=tmp_path,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    executable = (
        tmp_path
        / "dist"
        / "kyphoreader"
        / ("kyphoreader.exe" if os.name == "nt" else "kyphoreader")
    )
    assert executable.is_file()
    assert (
        tmp_path / "dist/kyphoreader/_internal/resources/leaflets/kyphoplasty/leaflet.md"
    ).is_file()
    # Read aloud: the platform's speech engine is in, Qt's test engine and FFmpeg are not.
    bundle = tmp_path / "dist" / "kyphoreader"
    names = [path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()]
    if sys.platform.startswith("linux"):
        assert any(name.endswith("texttospeech/libqtexttospeech_speechd.so") for name in names)
    assert not any("qtexttospeech_mock" in name for name in names)
    assert not any("/plugins/multimedia/" in name or "avcodec" in name for name in names)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["HOME"] = str(elsewhere)  # no user settings or caches from this machine

    def run_bundle(*arguments: str, offscreen: bool = False, timeout: int = 120):
        """Run the bundle from another folder, with no network, display or standard input."""
        return subprocess.run(
            [*_no_network_prefix(), str(executable), *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=elsewhere,
            env={**env, "QT_QPA_PLATFORM": "offscreen"} if offscreen else env,
            stdin=subprocess.DEVNULL,
        )

    result = run_bundle("--self-test", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "read aloud" in result.stdout  # found or not, the self-test says which
    # Search in the bundle: spelling by sound (jellyfish) and by edit distance (rapidfuzz).
    searched = run_bundle("--search", "kifoplasty infecshun")
    assert searched.returncode == 0, searched.stdout + searched.stderr
    lines = searched.stdout.splitlines()
    assert lines[0] == "Showing results for kyphoplasty infection."
    assert lines[1].startswith("possible-complications\tPossible complications\t")
    # The waiting room in the bundle: the staff PIN is hashed without OpenSSL, which the
    # bundle leaves out, and the locked-down window starts and paints.
    assert not list((tmp_path / "dist/kyphoreader/_internal").rglob("_hashlib*"))
    hashed = subprocess.run(
        [str(executable), "--hash-pin"],
        input="24681357\n24681357\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=elsewhere,
        env=env,
    )
    assert hashed.returncode == 0, hashed.stderr
    from kyphoreader.kiosk.policy import parse_pin_line

    assert parse_pin_line(hashed.stdout.strip().split('"')[1]).matches("24681357")
    kiosk = run_bundle("--kiosk", "--quit-after-first-paint", offscreen=True)
    assert kiosk.returncode == 0 and "first-paint" in kiosk.stdout, kiosk.stderr
    # A usual start (the second paints the kept copy): the cycle collector is paused by the
    # bundle's own runtime hook until the window has settled, and the reader's modules are
    # files of bytecode beside the archive (build.spec: READER_START).
    assert (bundle / "_internal/kyphoreader/app/mainwindow.pyc").is_file()
    for _ in range(2):
        usual = run_bundle("--quit-after-first-paint", offscreen=True)
        assert usual.returncode == 0, usual.stderr
    reports = {line.split()[0]: line.split() for line in usual.stdout.splitlines() if line}
    assert "collector=off" in reports["first-paint"]
    assert "collector=on" in reports["settled"]
    assert "focus=reader" in reports["usable"]
