"""Bundle benchmark: size, file count and start-up of the frozen reader against a frozen floor.

Builds, with the PyInstaller in this environment and in this run, kyphoreader one folder and
one file (build.spec), and the minimal PySide6 program of benchmarks/startup.py (a QApplication
and a QTextBrowser showing the same article) frozen one folder and one file with the same spec,
so the same PyInstaller options and the same trimming. Then starts each frozen program in turns
(shuffled each round) and reports, against the minimal program in the same form, the time to
the text painted, to the usable window, and the peak memory; plus a first-ever start of the
one-folder reader (empty cache, no settings). Runs offscreen unless a DISPLAY is set.

    python benchmarks/bundle.py [--runs 10] [--keep DIR] [--reuse] [--rebuild-reader]

``--keep DIR`` builds in DIR and keeps the bundles; ``--reuse`` then skips every build whose
bundle is already there, and ``--rebuild-reader`` rebuilds only kyphoreader's two.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import (  # noqa: E402
    ARTICLE,
    MINIMAL_PROGRAM,
    TARGETS,
    Program,
    base_env,
    report,
    run_rounds,
)

ROOT = Path(__file__).resolve().parent.parent
#: Size targets (MB) and the one-file start-up target of issue #16.
SIZE_TARGETS = {"folder_mb": 110, "file_mb": 45}
ONEFILE_TARGET = 1.2


def folder_size(path: Path) -> tuple[int, int]:
    """Bytes and number of files on disk (symbolic links count as links, as du counts them)."""
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def freeze(work: Path, dist: Path, onefile: bool, script: Path | None = None) -> None:
    """Run PyInstaller on build.spec (for ``script`` instead of the reader, if given)."""
    env = dict(os.environ)
    env.pop("KYPHOREADER_SPEC_SCRIPT", None)
    if script is not None:
        env["KYPHOREADER_SPEC_SCRIPT"] = str(script)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")]
    if onefile:
        command += ["--", "--onefile"]
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(command, check=True, cwd=work, env=env, timeout=3600)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="build here and keep the bundles")
    parser.add_argument("--reuse", action="store_true", help="reuse bundles already in --keep")
    parser.add_argument(
        "--rebuild-reader", action="store_true", help="with --reuse: rebuild kyphoreader's"
    )
    args = parser.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="kyphoreader-bundle-"))
    scratch = scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    minimal = scratch / "minimal.py"
    minimal.write_text(MINIMAL_PROGRAM, encoding="utf-8")
    dist, work = scratch / "dist", scratch / "work"
    # The program each minimal bundle was frozen from: a changed one is frozen again.
    frozen_from = dist / "minimal-program.py"
    minimal_changed = not (
        frozen_from.exists() and frozen_from.read_text(encoding="utf-8") == MINIMAL_PROGRAM
    )
    builds = {
        # name: (executable, onefile, script)
        "reader folder": (dist / "folder" / "kyphoreader" / "kyphoreader", False, None),
        "reader file": (dist / "file" / "kyphoreader", True, None),
        "minimal folder": (dist / "folder" / "minimal" / "minimal", False, minimal),
        "minimal file": (dist / "file" / "minimal", True, minimal),
    }
    for name, (executable, onefile, script) in builds.items():
        wanted = not (args.reuse and executable.exists())
        if (args.rebuild_reader and script is None) or (minimal_changed and script is not None):
            wanted = True
        if wanted:
            print(f"building {name} ...", flush=True)
            form = "file" if onefile else "folder"
            freeze(work / f"{form}-{name.split()[0]}", dist / form, onefile, script)
    frozen_from.write_text(MINIMAL_PROGRAM, encoding="utf-8")

    folder_bytes, folder_files = folder_size(builds["reader folder"][0].parent)
    onefile_bytes = builds["reader file"][0].stat().st_size
    minimal_bytes, minimal_files = folder_size(builds["minimal folder"][0].parent)
    minimal_file_bytes = builds["minimal file"][0].stat().st_size

    runs = scratch / "runs"
    runs.mkdir(exist_ok=True)
    env = base_env(runs)
    env.pop("PYTHONPATH", None)
    reader_args = ["--quit-after-first-paint"]
    minimal_folder = Program(
        "minimal, one folder", [str(builds["minimal folder"][0]), str(ARTICLE)], env
    )
    minimal_file = Program("minimal, one file", [str(builds["minimal file"][0]), str(ARTICLE)], env)
    folder = Program(
        "kyphoreader, one folder", [str(builds["reader folder"][0]), *reader_args], env
    )
    first = Program(
        "kyphoreader, one folder, first start",
        [str(builds["reader folder"][0]), *reader_args],
        env,
        fresh_home=True,
    )
    onefile = Program("kyphoreader, one file", [str(builds["reader file"][0]), *reader_args], env)
    run_rounds([minimal_folder, minimal_file, folder, first, onefile], args.runs, runs)

    mib = 1024 * 1024
    print("frozen bundles (PyInstaller, this machine)")
    print(
        f"  one folder: {folder_bytes / mib:6.1f} MiB ({folder_bytes / 1e6:.1f} MB), "
        f"{folder_files} files (target <= {SIZE_TARGETS['folder_mb']} MB)"
    )
    print(
        f"  one file:   {onefile_bytes / mib:6.1f} MiB ({onefile_bytes / 1e6:.1f} MB) "
        f"(target <= {SIZE_TARGETS['file_mb']} MB)"
    )
    print(
        f"  minimal program: one folder {minimal_bytes / mib:.1f} MiB, {minimal_files} files; "
        f"one file {minimal_file_bytes / mib:.1f} MiB"
    )
    platform = "offscreen" if env.get("QT_QPA_PLATFORM") == "offscreen" else "display"
    print(f"start-up, frozen ({platform}, {args.runs} rounds, medians)")
    print("against the minimal program, one folder:")
    missed = report(
        minimal_folder,
        [folder, first],
        {
            folder.name: {
                "painted": TARGETS["text painted"],
                "usable": TARGETS["usable"],
                "peak_mib": TARGETS["peak memory"],
            },
            first.name: {"painted": TARGETS["first-ever start"]},
        },
    )
    print("against the minimal program, one file:")
    missed += report(
        minimal_file,
        [onefile],
        {onefile.name: {"painted": ONEFILE_TARGET, "usable": TARGETS["usable"]}},
    )
    if missed:
        print(f"targets missed: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
