"""What a screen reader finds in the reading pane: a document with a caret, headings and links.

Qt exposes a ``QTextBrowser`` as a static label whose caret never moves and whose headings and
links are plain text. The reading pane gets its own accessible interface instead: a document
(AT-SPI "document frame") with a text interface that follows the text cursor, and one child per
heading (role heading, with its level) and per link (role link, with an action that follows
it). ``install_reader_accessibility()`` registers the factory once per application.

WORKAROUND: PySide6 returns a Python ``int`` from ``interface_cast`` as the address of the
Python object, not the number; the sub-interfaces are returned as ``shiboken6.VoidPtr`` of
the C++ part that ``shiboken6.getCppPointer`` reports for each base class.
https://doc.qt.io/qtforpython-6/PySide6/QtGui/QAccessibleInterface.html
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAttributesInterface,
    QAccessibleInterface,
    QAccessibleTextInterface,
    QTextCursor,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from kyphoreader.reading.accesschild import ChildAccessible
from kyphoreader.reading.view import TextPart

#: The application property that records that the factory is installed.
_NULL = 0


def _pointer(interface: object, base: int) -> shiboken6.VoidPtr:
    """The C++ address of the ``base``-th wrapped base class of ``interface``."""
    return shiboken6.VoidPtr(shiboken6.getCppPointer(interface)[base])


class _PartAccessible(ChildAccessible):
    """A heading or link inside the reader."""

    _owner: ReaderAccessible

    def __init__(self, owner: ReaderAccessible, part: TextPart) -> None:
        ChildAccessible.__init__(self, owner)
        self.part = part

    def text(self, kind: QAccessible.Text) -> str:
        """The words of the heading or link as its name."""
        if kind == QAccessible.Text.Name:
            return self.part.text
        if kind == QAccessible.Text.Description and self.part.kind == "link":
            return self._owner.link_description(self.part)
        return ""

    def rect(self) -> QRect:
        """Where it is on the screen (global coordinates)."""
        return self._owner.part_rect(self.part)

    def state(self) -> QAccessible.State:
        """Shown or scrolled out of view; a link is focusable and shows when it has the focus."""
        state = QAccessible.State()
        visible = self._owner.part_visible(self.part)
        state.invisible = not visible
        state.offscreen = not visible
        state.readOnly = True
        if self.part.kind == "link":
            state.focusable = True
            state.linked = True
            state.focused = self._owner.focused_part() is self.part
        return state


class HeadingAccessible(_PartAccessible, QAccessibleAttributesInterface):
    """A heading of the leaflet: role heading, with its level (1 for the title)."""

    def __init__(self, owner: ReaderAccessible, part: TextPart) -> None:
        _PartAccessible.__init__(self, owner, part)
        QAccessibleAttributesInterface.__init__(self)

    def role(self) -> QAccessible.Role:
        """A heading."""
        return QAccessible.Role.Heading

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        """The attributes interface carries the level."""
        if kind == QAccessible.InterfaceType.AttributesInterface:
            return _pointer(self, 1)
        return shiboken6.VoidPtr(_NULL)

    def attributeKeys(self) -> list[QAccessible.Attribute]:  # noqa: N802 (Qt's name)
        """Only the level."""
        return [QAccessible.Attribute.Level]

    def attributeValue(self, key: QAccessible.Attribute) -> int | None:  # noqa: N802
        """The heading level."""
        return self.part.level if key == QAccessible.Attribute.Level else None


class LinkAccessible(_PartAccessible, QAccessibleActionInterface):
    """A link in the text (a citation, say): role link, and an action that follows it."""

    def __init__(self, owner: ReaderAccessible, part: TextPart) -> None:
        _PartAccessible.__init__(self, owner, part)
        QAccessibleActionInterface.__init__(self)

    def role(self) -> QAccessible.Role:
        """A link."""
        return QAccessible.Role.Link

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        """The action interface follows the link."""
        if kind == QAccessible.InterfaceType.ActionInterface:
            return _pointer(self, 1)
        return shiboken6.VoidPtr(_NULL)

    def actionNames(self) -> list[str]:  # noqa: N802 (Qt's name)
        """Press (follow) and focus (put the caret on it)."""
        return [
            QAccessibleActionInterface.pressAction(),
            QAccessibleActionInterface.setFocusAction(),
        ]

    def doAction(self, name: str) -> None:  # noqa: N802 (Qt's name)
        """Follow the link, or put the caret on it."""
        if name == QAccessibleActionInterface.pressAction():
            self._owner.follow(self.part)
        elif name == QAccessibleActionInterface.setFocusAction():
            self._owner.focus_part(self.part)

    def keyBindingsForAction(self, name: str) -> list[str]:  # noqa: N802 (Qt's name)
        """Enter follows a link the caret is on."""
        return ["Return"] if name == QAccessibleActionInterface.pressAction() else []

    def localizedActionName(self, name: str) -> str:  # noqa: N802 (Qt's name)
        """The action's name as it is spoken."""
        return "Follow link" if name == QAccessibleActionInterface.pressAction() else name

    def localizedActionDescription(self, name: str) -> str:  # noqa: N802 (Qt's name)
        """What the action does."""
        if name == QAccessibleActionInterface.pressAction():
            return "Go to what the link points to; Back returns here"
        return "Put the reading position on the link"


class ReaderAccessible(QAccessibleWidget, QAccessibleTextInterface):
    """The reading pane as a screen reader sees it: a read-only document with a caret.

    The view (a ``ReaderView``) provides ``text_parts()``, ``parts_revision()``,
    ``part_viewport_rect(start, end)``, ``follow_link(target)``, ``focus_span(start, end)``
    and ``link_at_caret()``.
    """

    def __init__(self, view: QWidget) -> None:
        QAccessibleWidget.__init__(self, view, QAccessible.Role.Document)
        QAccessibleTextInterface.__init__(self)
        self._view = view
        self._revision = -1
        self._parts: list[_PartAccessible] = []
        view.destroyed.connect(self._forget_parts)

    # -- the tree ----------------------------------------------------------------------------

    def _children(self) -> list[_PartAccessible]:
        revision = self._view.parts_revision()
        if revision != self._revision:
            self._forget_parts()
            self._revision = revision
            for part in self._view.text_parts():
                kind = HeadingAccessible if part.kind == "heading" else LinkAccessible
                child = kind(self, part)
                QAccessible.registerAccessibleInterface(child)
                self._parts.append(child)
        return self._parts

    def _forget_parts(self, *_args: object) -> None:
        # The accessibility cache owns registered interfaces: remove them from it before
        # Python lets go of them, so nothing is deleted twice or used after deletion.
        for child in self._parts:
            child.valid = False
            if shiboken6.isValid(child):
                QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(child))
        self._parts = []

    def childCount(self) -> int:  # noqa: N802 (Qt's name)
        """The scroll bars and viewport, then every heading and link in reading order."""
        return QAccessibleWidget.childCount(self) + len(self._children())

    def child(self, index: int) -> QAccessibleInterface | None:
        """Qt's own children first, then the headings and links."""
        own = QAccessibleWidget.childCount(self)
        if index < own:
            return QAccessibleWidget.child(self, index)
        parts = self._children()
        return parts[index - own] if 0 <= index - own < len(parts) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 (Qt's name)
        """The index of a heading or link, or of one of Qt's own children."""
        for index, part in enumerate(self._children()):
            if part is child:
                return QAccessibleWidget.childCount(self) + index
        return QAccessibleWidget.indexOfChild(self, child)

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802 (Qt's name)
        """The link the caret is on, when the reader has the keyboard."""
        part = self.focused_part()
        if part is None:
            return None
        for child in self._children():
            if child.part is part:
                return child
        return None

    def parts(self) -> list[_PartAccessible]:
        """The heading and link children, in reading order."""
        return list(self._children())

    def role(self) -> QAccessible.Role:
        """A document."""
        return QAccessible.Role.Document

    def state(self) -> QAccessible.State:
        """Read only, several lines, focusable."""
        state = QAccessibleWidget.state(self)
        state.readOnly = True
        state.multiLine = True
        state.focusable = True
        return state

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        """The text interface is this object's second base."""
        if kind == QAccessible.InterfaceType.TextInterface:
            return _pointer(self, 1)
        return shiboken6.VoidPtr(QAccessibleWidget.interface_cast(self, kind))

    # -- help for the children ---------------------------------------------------------------

    def part_rect(self, part: TextPart) -> QRect:
        """A part's rectangle on the screen."""
        rect = self._view.part_viewport_rect(part.start, part.end)
        viewport = self._view.viewport()
        return QRect(viewport.mapToGlobal(rect.topLeft()), rect.size())

    def part_visible(self, part: TextPart) -> bool:
        """True when some of the part is inside the view."""
        rect = self._view.part_viewport_rect(part.start, part.end)
        return rect.intersects(self._view.viewport().rect())

    def focused_part(self) -> TextPart | None:
        """The link the caret is on while the reader has the keyboard, else None."""
        if not self._view.hasFocus():
            return None
        return self._view.link_at_caret()

    def follow(self, part: TextPart) -> None:
        """Follow a link."""
        self._view.follow_link(part.target)

    def focus_part(self, part: TextPart) -> None:
        """Put the caret on a part and the keyboard in the reader."""
        self._view.focus_span(part.start, part.end)

    def link_description(self, part: TextPart) -> str:
        """Where a link goes, in words."""
        return self._view.link_target_text(part.target)

    # -- the text ----------------------------------------------------------------------------

    def text(self, *args: object) -> str:
        """Either the name or description (one argument), or the text between two offsets."""
        if len(args) == 1:
            kind = args[0]
            if kind == QAccessible.Text.Name:
                return self._view.accessibleName()
            if kind == QAccessible.Text.Description:
                return self._view.accessibleDescription()
            return QAccessibleWidget.text(self, kind)
        start, end = int(args[0]), int(args[1])  # type: ignore[call-overload]
        count = self.characterCount()
        if end < 0:
            end = count  # -1: to the end of the text
        start, end = max(0, min(start, count)), max(0, min(end, count))
        if end < start:
            start, end = end, start
        cursor = QTextCursor(self._view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def characterCount(self) -> int:  # noqa: N802 (Qt's name)
        """Characters in the document (without Qt's closing paragraph mark)."""
        return max(0, self._view.document().characterCount() - 1)

    def cursorPosition(self) -> int:  # noqa: N802 (Qt's name)
        """Where the caret is."""
        return self._view.textCursor().position()

    def setCursorPosition(self, position: int) -> None:  # noqa: N802 (Qt's name)
        """Move the caret (a screen reader's own navigation) and show that place."""
        cursor = self._view.textCursor()
        cursor.setPosition(max(0, min(position, self.characterCount())))
        self._view.setTextCursor(cursor)

    def selectionCount(self) -> int:  # noqa: N802 (Qt's name)
        """No selections are reported: PySide6 cannot answer which text is selected.

        WORKAROUND: ``QAccessibleTextInterface.selection()`` is not available to Python, so
        a count above 0 would let a screen reader read undefined offsets.
        """
        return 0

    def addSelection(self, _start: int, _end: int) -> None:  # noqa: N802 (Qt's name)
        """Selections are not offered to assistive technology (see ``selectionCount``)."""

    def removeSelection(self, _index: int) -> None:  # noqa: N802 (Qt's name)
        """See ``selectionCount``."""

    def setSelection(self, _index: int, _start: int, _end: int) -> None:  # noqa: N802
        """See ``selectionCount``."""

    def characterRect(self, offset: int) -> QRect:  # noqa: N802 (Qt's name)
        """A character's rectangle on the screen."""
        return self.part_rect(TextPart("text", offset, offset + 1, ""))

    def offsetAtPoint(self, point: QPoint) -> int:  # noqa: N802 (Qt's name)
        """The offset of the character at a point on the screen."""
        viewport = self._view.viewport()
        return self._view.cursorForPosition(viewport.mapFromGlobal(point)).position()

    def scrollToSubstring(self, start: int, end: int) -> None:  # noqa: N802 (Qt's name)
        """Bring some text into view."""
        self._view.ensure_visible(start, end)


def announce(source: QObject, message: str) -> None:
    """Have screen readers say ``message`` (politely, after what they are saying now).

    Used for what changes without the focus moving: the number of search matches, "Showing
    results for …", "No matches".
    """
    from PySide6.QtGui import QAccessibleAnnouncementEvent

    if message and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, message))
