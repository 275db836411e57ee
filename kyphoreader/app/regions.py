"""F6 and Shift+F6: move the keyboard between the parts of the window, as browsers do.

The parts, in order: the toolbar, the search box, the contents, the text, the search results.
Tab then moves within a part (and on to the next one); hidden parts are skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget


class RegionCycler(QObject):
    """Knows the parts of the window and puts the keyboard in the next or previous one.

    Args:
        regions: (name, container, target) per part, in order: ``container`` is the widget
            that holds the part, ``target()`` the widget that should take the keyboard.
    """

    def __init__(
        self,
        regions: list[tuple[str, QWidget, Callable[[], QWidget | None]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._regions = regions

    def names(self) -> list[str]:
        """The parts' names, in order."""
        return [name for name, _container, _target in self._regions]

    def current(self) -> str:
        """The name of the part that has the keyboard, or ''."""
        focus = QApplication.focusWidget()
        for name, container, _target in self._regions:
            if focus is not None and (focus is container or container.isAncestorOf(focus)):
                return name
        return ""

    def _available(self, container: QWidget, target: QWidget | None) -> bool:
        from PySide6.QtCore import Qt  # named when used, not at start-up (app/enumproperty.py)

        return (
            target is not None
            and container.isVisible()
            and target.isVisible()
            and target.isEnabled()
            and target.focusPolicy() != Qt.FocusPolicy.NoFocus
        )

    def move(self, step: int) -> str:
        """Put the keyboard in the next (``step`` 1) or previous (-1) part; return its name."""
        from PySide6.QtCore import Qt

        names = self.names()
        here = self.current()
        start = names.index(here) if here else (-1 if step > 0 else 0)
        for offset in range(1, len(names) + 1):
            name, container, target = self._regions[(start + step * offset) % len(names)]
            widget = target()
            if self._available(container, widget):
                widget.setFocus(Qt.FocusReason.TabFocusReason)  # type: ignore[union-attr]
                return name
        return here

    def next(self) -> str:
        """F6: the next part."""
        return self.move(+1)

    def previous(self) -> str:
        """Shift+F6: the previous part."""
        return self.move(-1)
