"""Print through the real system print service (CUPS) to the cups-pdf virtual printer.

.ci/run installs CUPS and cups-pdf, starts the scheduler and adds the printer; elsewhere this
test is skipped with the reason.

cups-pdf re-renders the job through Ghostscript, which turns the fonts into Type 3 glyphs
without a text map, so its PDF cannot be read back as text. The test therefore checks that
the printed PDF has the same pages as the exported PDF, whose text is checked word for word
(tests/print/test_pdf_export.py): same page count and size, and on every page the same lines
of text in the same places.

cups-pdf writes as the job's user into its configured ``Out`` folder (/etc/cups/cups-pdf.conf;
``${HOME}`` there is that account's home folder, not this process's $HOME), or into
``AnonDirName`` for an unknown user; the test looks there and deletes what it printed.
"""

from __future__ import annotations

import os
import pwd
import time
from pathlib import Path

import pymupdf
import pytest

from kyphoreader.printing.options import PrintOptions

CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def cups_pdf_printer():
    from PySide6.QtPrintSupport import QPrinterInfo

    for info in QPrinterInfo.availablePrinters():
        if "cups-pdf" in info.makeAndModel().lower() or info.printerName() == "kyphoreader-pdf":
            return info
    return None


def cups_pdf_settings() -> dict[str, str]:
    """The settings in cups-pdf's configuration file (keys and values; comments skipped)."""
    settings = {}
    if CUPS_PDF_CONF.is_file():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.strip().split(None, 1)
            if parts and not parts[0].startswith("#"):
                settings[parts[0]] = parts[1].strip() if len(parts) > 1 else ""
    return settings


def job_user() -> str:
    """The user CUPS records for our print jobs: $CUPS_USER, else this process's account."""
    return os.environ.get("CUPS_USER") or pwd.getpwuid(os.getuid()).pw_name


def cups_pdf_output_dirs(user: str) -> list[Path]:
    """Where cups-pdf writes a job of ``user``: its ``Out`` folder for a local account (with
    ${HOME} that account's home folder, whatever $HOME says here), else ``AnonDirName``."""
    settings = cups_pdf_settings()
    anonymous = Path(settings.get("AnonDirName", "/var/spool/cups-pdf/ANONYMOUS"))
    try:
        account = pwd.getpwnam(user)
    except KeyError:
        return [anonymous]
    out = settings.get("Out", "/var/spool/cups-pdf/${USER}")
    out = out.replace("${HOME}", account.pw_dir).replace("${USER}", user)
    return [Path(out), anonymous]


def printed_since(folders: list[Path], started: float) -> list[Path]:
    """PDFs in ``folders`` written since ``started`` (cups-pdf reuses names: look at times)."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [p for p in folder.glob("*.pdf") if p.stat().st_mtime >= started - 1]
    return sorted(found, key=lambda p: p.stat().st_mtime)


@pytest.mark.gui
def test_print_action_code_prints_through_cups(qapp, bundled_leaflet, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from kyphoreader.printing.output import print_leaflet

    info = cups_pdf_printer()
    if info is None:
        pytest.skip("no CUPS cups-pdf printer here (.ci/run sets one up with cups-pdf)")
    folders = cups_pdf_output_dirs(job_user())
    existed = [folder.exists() for folder in folders]
    started = time.time()
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat  # the real print path
    pages = print_leaflet(bundled_leaflet, PrintOptions(18, "A4"), printer)
    assert pages > 5
    new: list[Path] = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            new = printed_since(folders, started)
            if new and new[-1].stat().st_size > 0:
                time.sleep(1)  # let cups-pdf finish writing
                new = printed_since(folders, started)
                break
            time.sleep(0.5)
        assert new, f"cups-pdf wrote nothing into {' or '.join(map(str, folders))} within 90 s"
        _compare_with_export(new[-1], bundled_leaflet, pages, tmp_path)
    finally:  # leave nothing behind in the account's folders
        for path in new:
            path.unlink(missing_ok=True)
        for folder, was_there in zip(folders, existed, strict=True):
            if not was_there and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def _compare_with_export(printed_path: Path, leaflet, pages: int, tmp_path: Path) -> None:
    from kyphoreader.printing.output import export_pdf

    reference = tmp_path / "reference.pdf"
    export_pdf(leaflet, PrintOptions(18, "A4"), reference)
    with pymupdf.open(printed_path) as printed, pymupdf.open(reference) as expected:
        assert printed.page_count == expected.page_count == pages
        for number in range(pages):
            assert printed[number].rect == expected[number].rect
            similarity = _correlation(_ink_rows(printed[number]), _ink_rows(expected[number]))
            assert similarity > 0.9, f"page {number + 1} differs from the exported PDF"


def _ink_rows(page) -> list[int]:
    """How much dark ink each pixel row of the page holds (its lines of text)."""
    pixmap = page.get_pixmap(dpi=36, colorspace=pymupdf.csGRAY)
    width = pixmap.width
    samples = pixmap.samples
    return [
        sum(1 for value in samples[row * width : (row + 1) * width] if value < 160)
        for row in range(pixmap.height)
    ]


def _correlation(first: list[int], second: list[int]) -> float:
    count = min(len(first), len(second))
    first, second = first[:count], second[:count]
    mean_a, mean_b = sum(first) / count, sum(second) / count
    covariance = sum((a - mean_a) * (b - mean_b) for a, b in zip(first, second, strict=False))
    spread_a = sum((a - mean_a) ** 2 for a in first) ** 0.5
    spread_b = sum((b - mean_b) ** 2 for b in second) ** 0.5
    return covariance / (spread_a * spread_b) if spread_a and spread_b else 0.0
