"""Bundle benchmark: size, file count and start-up of the frozen reader.

Builds, with the PyInstaller in this environment and in this run: kyphoreader one folder and
one file (build.spec), and a minimal PySide6 program (a QApplication and a QTextBrowser
showing the same article) frozen one folder with default options. Then times each frozen
program from process start to its first painted window, alternating them, and prints the
medians and ratios. Runs offscreen unless a DISPLAY is set.

    python benchmarks/bundle.py [--runs 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import ARTICLE, MINIMAL_PROGRAM, time_to_first_paint  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"folder_mb": 110, "file_mb": 45, "startup_ratio": 1.15}


def folder_size(path: Path) -> tuple[int, int]:
    """Bytes and number of files on disk (symbolic links count as links, as du counts them)."""
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def pyinstaller(args: list[str], work: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *args],
        check=True,
        cwd=work,
        timeout=1800,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="build here and keep the bundles")
    args = parser.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="kyphoreader-bundle-"))
    scratch.mkdir(parents=True, exist_ok=True)
    dist, work = scratch / "dist", scratch / "work"
    pyinstaller(
        ["--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")], scratch
    )
    pyinstaller(
        [
            "--distpath",
            str(dist / "onefile"),
            "--workpath",
            str(work / "onefile"),
            str(ROOT / "build.spec"),
            "--",
            "--onefile",
        ],
        scratch,
    )
    minimal = scratch / "minimal.py"
    minimal.write_text(MINIMAL_PROGRAM, encoding="utf-8")
    pyinstaller(
        [
            "--distpath",
            str(dist / "minimal"),
            "--workpath",
            str(work / "minimal"),
            "--name",
            "minimal",
            str(minimal),
        ],
        scratch,
    )

    folder_bytes, folder_files = folder_size(dist / "kyphoreader")
    onefile_bytes = (dist / "onefile" / "kyphoreader").stat().st_size
    minimal_bytes, minimal_files = folder_size(dist / "minimal" / "minimal")

    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = env["XDG_CACHE_HOME"] = str(scratch / "home")
    reader_cmd = [str(dist / "kyphoreader" / "kyphoreader"), "--quit-after-first-paint"]
    onefile_cmd = [str(dist / "onefile" / "kyphoreader"), "--quit-after-first-paint"]
    minimal_cmd = [str(dist / "minimal" / "minimal" / "minimal"), str(ARTICLE)]
    for command in (reader_cmd, onefile_cmd, minimal_cmd):
        time_to_first_paint(command, env)  # warm the file cache and the leaflet cache
    reader, onefile, reference = [], [], []
    for _ in range(args.runs):
        reference.append(time_to_first_paint(minimal_cmd, env))
        reader.append(time_to_first_paint(reader_cmd, env))
        onefile.append(time_to_first_paint(onefile_cmd, env))
    median = {
        name: statistics.median(v) * 1000
        for name, v in (("reader", reader), ("onefile", onefile), ("minimal", reference))
    }

    mib = 1024 * 1024
    print("frozen bundle (PyInstaller, this machine)")
    print(
        f"  one folder: {folder_bytes / mib:6.1f} MiB ({folder_bytes / 1e6:.1f} MB), "
        f"{folder_files} files (target <= {TARGETS['folder_mb']} MB)"
    )
    print(
        f"  one file:   {onefile_bytes / mib:6.1f} MiB ({onefile_bytes / 1e6:.1f} MB) "
        f"(target <= {TARGETS['file_mb']} MB)"
    )
    print(
        f"  minimal PySide6 program, one folder: {minimal_bytes / mib:.1f} MiB, {minimal_files} files"
    )
    print(f"start-up to first paint, medians of {args.runs} alternating runs")
    print(f"  minimal frozen program: {median['minimal']:7.1f} ms")
    print(
        f"  kyphoreader one folder: {median['reader']:7.1f} ms  "
        f"ratio {median['reader'] / median['minimal']:.2f} (target <= {TARGETS['startup_ratio']})"
    )
    print(
        f"  kyphoreader one file:   {median['onefile']:7.1f} ms  "
        f"ratio {median['onefile'] / median['minimal']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
