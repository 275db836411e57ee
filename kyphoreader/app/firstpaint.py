"""Report when the window first paints its text and when it is usable (start-up benchmark).

``kyphoreader --quit-after-first-paint`` prints, with wall-clock times:

    first-paint <time> cpu=<seconds>                  the reader's text is painted first (and
            collector=<on|off>                        the window's drawing has ended), and
                                                      whether Python's cycle collector runs
    usable <time> cpu=<seconds> focus=<objectName>   every panel is built and painted, the
                                                      work queued behind them is done, and
                                                      keyboard focus is placed
    settled <time> cpu=<seconds> icon=<yes|no>        what waits for the whole window to be
            collector=<on|off>                        on screen is done too (the marks of
                                                      the explained words, the icon, the
                                                      cycle collector running again)

and then quits (``cpu`` is the processor time the process has used so far). With
``KYPHOREADER_REPORT_MODULES=1`` in the environment it also prints, at the first paint,
``modules`` and the sorted names of every module imported so far (JSON), which
``tests/gui/test_first_paint.py`` uses to keep what the text does not need off that path, and
``qt-types``, the Qt classes PySide has made so far; and the same when usable
(``usable-modules``, ``usable-qt-types``), for what the window does not need to be used.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from kyphoreader.app.mainwindow import MainWindow
    from kyphoreader.reading.view import ReaderView

#: Environment variable asking for the list of modules imported before the first paint.
REPORT_MODULES_ENV = "KYPHOREADER_REPORT_MODULES"


class FirstPaintReporter(QObject):
    """Watches one main window and prints the benchmark's lines, then quits the application.

    A window built after its text was painted says when its bars and panels are painted with
    a ``chrome_painted`` signal; one built before it was shown paints them with the text. It
    says whether it is built and settled with ``is_built()`` and ``is_settled()``
    (``MainWindow``).
    Nothing is watched through an event filter: PySide would build every event class Qt has
    to hand it the first event (``app/bars.py``), which the reader itself does not pay.
    """

    def __init__(self, window: MainWindow, reader: ReaderView) -> None:
        super().__init__(window)
        self._window = window
        self._reader = reader
        self._painted_reported = False
        self._chrome_painted = False
        self._done = False
        # Told by the reader itself: asking PySide for its viewport would make classes first.
        reader.painted.connect(self._on_text_painted)
        if window.is_built():
            self._chrome_painted = True  # built before it was shown: painted with the text
        else:
            window.chrome_painted.connect(self._on_chrome_painted)
            window.built.connect(self._on_built)

    def _on_built(self) -> None:
        if not self._window.isVisible():  # built before it was shown after all
            self._on_chrome_painted()

    def _on_chrome_painted(self) -> None:
        self._chrome_painted = True
        self._maybe_usable()

    def _on_text_painted(self) -> None:
        self._reader.painted.disconnect(self._on_text_painted)
        # The report waits for the window's drawing (and its flush) to end, as a zero timer
        # started here does.
        QTimer.singleShot(0, self._report_painted)

    def _report_painted(self) -> None:
        self._painted_reported = True
        collector = "on" if gc.isenabled() else "off"
        print(
            f"first-paint {time.time():.6f} cpu={time.process_time():.6f} collector={collector}",
            flush=True,
        )
        if os.environ.get(REPORT_MODULES_ENV):
            import json  # here: the benchmark's own imports must not slow the start it times

            print(f"modules {json.dumps(sorted(sys.modules))}", flush=True)
            print(f"qt-types {json.dumps(_qt_types_made())}", flush=True)
        self._maybe_usable()

    def _maybe_usable(self) -> None:
        if self._painted_reported and self._chrome_painted and not self._done:
            self._done = True
            # Whatever was queued to run right after the panels (marks, say) runs first.
            QTimer.singleShot(0, self._report_usable)

    def _report_usable(self) -> None:
        focus = QApplication.focusWidget()
        name = focus.objectName() if focus is not None else ""
        if focus is not None and not name and focus.parentWidget() is not None:
            name = focus.parentWidget().objectName()  # a viewport: name its view
        now, cpu = time.time(), time.process_time()
        print(f"usable {now:.6f} cpu={cpu:.6f} focus={name or '-'}", flush=True)
        if os.environ.get(REPORT_MODULES_ENV):
            import json

            print(f"usable-modules {json.dumps(sorted(sys.modules))}", flush=True)
            print(f"usable-qt-types {json.dumps(_qt_types_made())}", flush=True)
        if not self._window.is_settled():
            self._window.settled.connect(self._report_settled)
        else:
            self._report_settled()

    def _report_settled(self) -> None:
        app = QApplication.instance()
        icon = "no" if app is None or QApplication.windowIcon().isNull() else "yes"
        collector = "on" if gc.isenabled() else "off"
        print(
            f"settled {time.time():.6f} cpu={time.process_time():.6f} icon={icon}"
            f" collector={collector}",
            flush=True,
        )
        QTimer.singleShot(0, lambda: QApplication.exit(0))


def _qt_types_made() -> list[str]:
    """The Qt classes PySide has made so far (it makes each on first use: enums cost time)."""
    made = []
    for name, module in sorted(sys.modules.items()):
        if name.startswith("PySide6.Qt") and name.count(".") == 1:
            made += [f"{name[8:]}.{attr}" for attr in vars(module) if attr.startswith("Q")]
    return sorted(made)


def report_first_paint(window: MainWindow, reader: ReaderView) -> FirstPaintReporter:
    """Print the first-paint and usable times of ``window`` and then quit (see module doc)."""
    return FirstPaintReporter(window, reader)
