"""Every dialog is destroyed when it closes: opened and closed 50 times, none stays, memory holds.

A waiting-room PC runs for weeks; a dialog (or its printer) kept after closing would pile up
as hidden windows in the accessibility tree and in memory.
"""

from __future__ import annotations

import ctypes
import gc
import os
import weakref
from collections import Counter

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QPixmapCache
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
from PySide6.QtWidgets import QApplication, QFileDialog

from kyphoreader.printing.options import PrintOptions

pytestmark = pytest.mark.gui

TIMES = 50
WARM_UP = 5
#: Growth of the resident memory allowed over 50 openings of one dialog. A dialog kept after
#: closing costs 1 to 3 MiB (the print dialog with its printer, the preview with its pages),
#: so 50 kept would be 50 to 150 MiB; the allowance covers the allocator's own slack.
MAX_GROWTH_MIB = 8.0


def resident_mib() -> float:
    """Resident memory of this process (/proc/self/statm), once caches are emptied.

    Qt's pixmap cache (up to 10 MiB of drawn widgets by design) is cleared and freed heap
    pages are given back, so what is measured is what is still held.
    """
    QPixmapCache.clear()
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: measure as it is
        pass
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def settle() -> None:
    """Let closed dialogs be deleted, as the event loop would."""
    for _ in range(2):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        gc.collect()


def live_qt_objects() -> Counter:
    """How many Qt objects of each type Python still holds."""
    return Counter(type(o).__name__ for o in shiboken6.getAllValidWrappers())


OPENERS = {
    "print choices": lambda w: w.printing.start("print"),
    "print dialog": lambda w: w.printing.print_with(PrintOptions()),
    "print preview": lambda w: w.printing.preview_with(PrintOptions()),
    "save as PDF": lambda w: w.printing.save_pdf_with(PrintOptions()),
    "open a leaflet": lambda w: w.actions_by_name["open"].trigger(),
    "about": lambda w: w.actions_by_name["about"].trigger(),
    "contact the clinic": lambda w: w.actions_by_name["contact_clinic"].trigger(),
    "message": lambda w: w.printing.write_pdf("/no/such/folder/x.pdf", PrintOptions()),
}


def open_and_close(window, qtbot, opener):
    """Open one dialog, check it is up, close it with Escape; return it (now closed)."""
    opener(window)
    dialogs = window.dialogs.open_dialogs()
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.dialogs.open_dialogs() == []
    settle()
    return dialog


@pytest.mark.parametrize("kind", sorted(OPENERS))
def test_a_dialog_opened_and_closed_50_times_leaves_nothing(window, qtbot, monkeypatch, kind):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["fake"]))
    opener = OPENERS[kind]
    for _ in range(WARM_UP):  # first-use caches (fonts, printer plugin, icons) fill here
        open_and_close(window, qtbot, opener)
    windows_before = {id(w) for w in QApplication.topLevelWidgets()}
    before = resident_mib()
    objects_before = live_qt_objects()
    for _ in range(TIMES):
        dialog = open_and_close(window, qtbot, opener)
        assert not shiboken6.isValid(dialog), f"the {kind} window was kept after closing"
    del dialog  # the test's own reference to the last one
    after = resident_mib()
    kept = live_qt_objects() - objects_before
    assert not kept, f"{kind}: Qt objects kept after closing: {kept}"
    left = [w for w in QApplication.topLevelWidgets() if id(w) not in windows_before]
    assert left == [], f"{kind}: hidden windows left behind: {left}"
    print(f"{kind}: resident memory {before:.1f} MiB before, {after:.1f} MiB after {TIMES} times")
    assert after - before <= MAX_GROWTH_MIB, kind


def test_the_print_dialogs_printer_goes_with_it(window, qtbot, monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["fake"]))
    window.printing.print_with(PrintOptions())
    dialog = window.dialogs.open_dialogs()[0]
    assert isinstance(dialog, QPrintDialog)
    printer = weakref.ref(dialog.printer())
    dialog.reject()
    settle()
    assert printer() is None and not shiboken6.isValid(dialog)


def test_the_previews_page_view_and_file_dialogs_model_go_with_them(window, qtbot):
    from kyphoreader.printing.preview import PreviewDialog

    window.printing.preview_with(PrintOptions())
    preview = window.dialogs.open_dialogs()[0]
    assert isinstance(preview, PreviewDialog)
    qtbot.waitUntil(lambda: preview.page_count() > 0)
    pages = preview.preview
    window.printing.save_pdf_with(PrintOptions())
    chooser = window.dialogs.open_dialogs()[-1]
    assert isinstance(chooser, QFileDialog)
    parts = [pages, *chooser.findChildren(object)]
    window.dialogs.close_all()
    settle()
    assert not any(shiboken6.isValid(part) for part in parts)
