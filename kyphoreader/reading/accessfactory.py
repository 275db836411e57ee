"""Tell Qt how to make the reading pane's accessible interface, without making it yet.

The interface itself (``reading/accessible.py``) is imported the first time an assistive
technology asks for it, not at start-up, where the text is painted first (issue #16).

A usual start tells Qt only once the window is whole (``MainWindow``'s ``settled``), for the
reading pane, the contents list and the notice alike: naming Qt's accessibility classes
costs some 3 ms, and until an assistive technology has turned accessibility on (which it does
through the event loop, after the window is shown) Qt makes no interface. One that asked in
between got Qt's plain interface; ``replace_plain_interface`` replaces it. With accessibility
on before the show (``QT_LINUX_ACCESSIBILITY_ALWAYS_ON``), each registers as it is made.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QAccessibleInterface

#: The property that marks a widget as showing the leaflet's text (``ReaderView``).
DOCUMENT_PROPERTY = "kyphoreader_document"
_INSTALLED = "kyphoreader_reader_accessibility"
#: With this variable set, Qt turns accessibility on (Linux) before any window is shown.
ALWAYS_ON_VARIABLE = "QT_LINUX_ACCESSIBILITY_ALWAYS_ON"


def _factory(_class_name: str, candidate: QObject) -> QAccessibleInterface | None:
    if isinstance(candidate, QWidget) and candidate.property(DOCUMENT_PROPERTY):
        from kyphoreader.reading.accessible import ReaderAccessible

        return ReaderAccessible(candidate)
    return None


def install_factory_once(marker: str, factory: Callable[[str, QObject], object]) -> None:
    """Give Qt ``factory`` for accessible interfaces, once per application (``marker`` says)."""
    from PySide6.QtGui import QAccessible

    app = QApplication.instance()
    if app is None or app.property(marker):
        return
    QAccessible.installFactory(factory)
    app.setProperty(marker, True)


def install_reader_accessibility() -> None:
    """Register the reading pane's accessible interface (once per application)."""
    install_factory_once(_INSTALLED, _factory)


def accessibility_on_before_show() -> bool:
    """True when Qt may make accessible interfaces as soon as a window is shown."""
    return ALWAYS_ON_VARIABLE in os.environ


class LateRegistration:
    """When Qt learns of a widget's own accessible interface: as it is made, or at ``adopt``.

    ``install()`` registers the interface's factory; ``adopt(widget)`` registers it after the
    widget was shown and replaces a plain interface made in between. With ``later`` False, or
    accessibility on before the show, the factory is registered at once and ``adopt`` does
    nothing.
    """

    def __init__(
        self, later: bool, install: Callable[[], object], adopt: Callable[[QWidget], object]
    ) -> None:
        self._adopt: Callable[[QWidget], object] | None = None
        if later and not accessibility_on_before_show():
            self._adopt = adopt
        else:
            install()

    def adopt(self, widget: QWidget) -> None:
        """Register the interface of ``widget`` now, if not when it was made (once)."""
        adopt, self._adopt = self._adopt, None
        if adopt is not None:
            adopt(widget)


def replace_plain_interface(
    widget: QWidget,
    is_own: Callable[[QAccessibleInterface], bool],
    active: bool | None = None,
) -> bool:
    """Once ``widget``'s factory is registered: replace a plain interface made before. True if so.

    ``active`` is whether accessibility is on (None: ask Qt). When it is, an assistive
    technology may already have asked for the widget and been given Qt's plain interface
    (``is_own`` tells it apart): that one is withdrawn (the technology is told it is gone),
    the widget's own one made, and the technology told of it, and of its focus when it has
    the focus.
    """
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    if not (QAccessible.isActive() if active is None else active):
        return False  # nothing made yet: the first question gets the widget's own interface
    made = QAccessible.queryAccessibleInterface(widget)
    if made is None or is_own(made):
        return False
    QAccessible.updateAccessibility(QAccessibleEvent(made, QAccessible.Event.ObjectDestroyed))
    QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(made))
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.ObjectCreated))
    if widget.hasFocus():
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Focus))
    return True


def _is_reader_interface(made: QAccessibleInterface) -> bool:
    from kyphoreader.reading.accessible import ReaderAccessible

    return isinstance(made, ReaderAccessible)


def adopt_reader_interface(view: QWidget, active: bool | None = None) -> bool:
    """Register the pane's interface after ``view`` was shown. True: a plain one was replaced.

    See ``replace_plain_interface`` for ``active`` and the replacement.
    """
    install_reader_accessibility()
    return replace_plain_interface(view, _is_reader_interface, active)
