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

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

if TYPE_CHECKING:
    from kyphoreader.reading.view import ReaderView

#: Environment variable asking for the list of modules imported before the first paint.
REPORT_MODULES_ENV = "KYPHOREADER_REPORT_MODULES"


class FirstPaintReporter(QObject):
    """Watches one main window and prints the benchmark's lines, then quits the application.

    The window is "built" once ``window.is_built()`` is true (every window without that method
    is built from the start); it may announce the moment with a ``built`` signal.
    """

    def __init__(self, window: QMainWindow, reader: ReaderView) -> None:
        super().__init__(window)
        self._window = window
        self._reader = reader
        self._text_painted = False
        self._painted_reported = False
        self._chrome_painted = False
        self._watched: list[QWidget] = []
        self._done = False
        # Told by the reader itself: asking PySide for its viewport would make classes first.
        reader.painted.connect(self._on_text_painted)
        built = getattr(window, "built", None)
        if self._is_built():
            self._watch_chrome()
        elif built is not None:
            built.connect(self._watch_chrome)

    def _is_built(self) -> bool:
        is_built = getattr(self._window, "is_built", None)
        return True if is_built is None else bool(is_built())

    def _watch_chrome(self) -> None:
        """Watch every panel, toolbar and bar of the window for its first paint."""
        central = self._window.centralWidget()
        for child in self._window.findChildren(QWidget):
            if (
                child.parentWidget() is self._window
                and child is not central
                and not (child.isHidden() or child.isWindow())
            ):
                child.installEventFilter(self)
                self._watched.append(child)
        if not self._watched:
            self._chrome_painted = True
            self._maybe_usable()
        elif self._text_painted:
            self._window.update()  # the panels paint with the rest of the window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Note the first paint of the text and of the panels; never stops an event."""
        if event.type() != QEvent.Type.Paint:
            return False
        if watched in self._watched and not self._chrome_painted:
            self._chrome_painted = True
            self._maybe_usable()
        return False

    def _on_text_painted(self) -> None:
        self._reader.painted.disconnect(self._on_text_painted)
        self._text_painted = True
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
        is_settled = getattr(self._window, "is_settled", None)
        if is_settled is not None and not is_settled():
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


def report_first_paint(window: QMainWindow, reader: ReaderView) -> FirstPaintReporter:
    """Print the first-paint and usable times of ``window`` and then quit (see module doc)."""
    return FirstPaintReporter(window, reader)
