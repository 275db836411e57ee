"""An accessible child with no QObject of its own, inside a widget's accessible interface.

The headings and links of the text (``reading/accessible.py``) and the rows of the contents
(``reading/contents_access.py``) are such children: they have no children of their own, are
read only, live in their owner's window and are valid while their owner is and until they
are replaced. Subclasses give the role, the text, the place and the state.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface


class ChildAccessible(QAccessibleInterface):
    """What every such child answers the same way; ``owner`` is the widget's interface."""

    def __init__(self, owner: QAccessibleInterface) -> None:
        QAccessibleInterface.__init__(self)
        self._owner = owner
        self.valid = True

    def isValid(self) -> bool:  # noqa: N802 (Qt's name)
        """False once it was replaced (a new leaflet, new contents) or its owner went."""
        return self.valid and self._owner.isValid()

    def object(self) -> QObject | None:
        """No QObject stands behind it."""
        return None

    def window(self):  # noqa: ANN201 - QWindow
        """The owner's window."""
        return self._owner.window()

    def relations(self, _match=None):  # noqa: ANN001, ANN201 - Qt's signature
        """No relations."""
        return []

    def focusChild(self) -> None:  # noqa: N802 (Qt's name)
        """Nothing inside has the focus."""
        return None

    def childAt(self, _x: int, _y: int) -> None:  # noqa: N802 (Qt's name)
        """No children."""
        return None

    def parent(self) -> QAccessibleInterface:
        """The owner."""
        return self._owner

    def child(self, _index: int) -> None:
        """No children."""
        return None

    def childCount(self) -> int:  # noqa: N802 (Qt's name)
        """No children."""
        return 0

    def indexOfChild(self, _child: QAccessibleInterface) -> int:  # noqa: N802 (Qt's name)
        """No children."""
        return -1

    def setText(self, _kind: QAccessible.Text, _text: str) -> None:  # noqa: N802 (Qt's name)
        """Read only."""
