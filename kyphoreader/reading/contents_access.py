"""What a screen reader finds in the contents: rows with their level, expanded only if branches.

Qt reports every row of a fully expanded tree as "expanded", leaves included, and gives no
level. The contents list gets its own accessible interface: a tree whose rows (in the order
shown, as Qt's own focus and selection events count them) carry the level of the section
(1 for a main section, 2 for a sub-section), report expandable/expanded/collapsed only when
they have sub-sections, and have an action that goes to the section.

See ``reading/accessible.py`` for why sub-interfaces are returned as ``shiboken6.VoidPtr``.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAttributesInterface,
    QAccessibleInterface,
)
from PySide6.QtWidgets import QAccessibleWidget, QTreeWidget, QTreeWidgetItem

from kyphoreader.reading.accesschild import ChildAccessible
from kyphoreader.reading.accessfactory import install_factory_once, replace_plain_interface

_INSTALLED = "kyphoreader_contents_accessibility"


def shown_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The rows of ``tree`` in the order shown (children of collapsed rows left out)."""
    rows: list[QTreeWidgetItem] = []

    def visit(item: QTreeWidgetItem) -> None:
        if item.isHidden():
            return
        rows.append(item)
        if item.isExpanded():
            for index in range(item.childCount()):
                visit(item.child(index))

    for index in range(tree.topLevelItemCount()):
        visit(tree.topLevelItem(index))
    return rows


def item_level(item: QTreeWidgetItem) -> int:
    """1 for a top-level row, 2 for its children, and so on."""
    level = 1
    parent = item.parent()
    while parent is not None:
        level += 1
        parent = parent.parent()
    return level


class ContentsRowAccessible(
    ChildAccessible, QAccessibleAttributesInterface, QAccessibleActionInterface
):
    """One row of the contents: a section heading, its level and an action to go there.

    Sub-sections are rows of the list too, not children of their row.
    """

    _owner: ContentsAccessible

    def __init__(self, owner: ContentsAccessible, item: QTreeWidgetItem) -> None:
        ChildAccessible.__init__(self, owner)
        QAccessibleAttributesInterface.__init__(self)
        QAccessibleActionInterface.__init__(self)
        self.item = item

    def role(self) -> QAccessible.Role:
        """A tree item."""
        return QAccessible.Role.TreeItem

    def text(self, kind: QAccessible.Text) -> str:
        """The heading (and its number of search matches) as the name."""
        if kind == QAccessible.Text.Name:
            return self.item.text(0)
        return ""

    def rect(self) -> QRect:
        """Where the row is on the screen."""
        tree = self._owner.tree()
        rect = tree.visualItemRect(self.item)
        return QRect(tree.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def state(self) -> QAccessible.State:
        """Selectable; current and focused when chosen; expanded only if it has sub-sections."""
        tree = self._owner.tree()
        state = QAccessible.State()
        state.focusable = True
        state.selectable = True
        state.readOnly = True
        current = tree.currentItem() is self.item
        state.selected = current
        state.focused = current and tree.hasFocus()
        if self.item.childCount():
            state.expandable = True
            state.expanded = self.item.isExpanded()
            state.collapsed = not self.item.isExpanded()
        visible = tree.visualItemRect(self.item).intersects(tree.viewport().rect())
        state.invisible = not visible
        state.offscreen = not visible
        return state

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        """Attributes carry the level; the action goes to the section."""
        pointers = shiboken6.getCppPointer(self)
        if kind == QAccessible.InterfaceType.AttributesInterface:
            return shiboken6.VoidPtr(pointers[1])
        if kind == QAccessible.InterfaceType.ActionInterface:
            return shiboken6.VoidPtr(pointers[2])
        return shiboken6.VoidPtr(0)

    def attributeKeys(self) -> list[QAccessible.Attribute]:  # noqa: N802 (Qt's name)
        """The level."""
        return [QAccessible.Attribute.Level]

    def attributeValue(self, key: QAccessible.Attribute) -> int | None:  # noqa: N802
        """1 for a main section, 2 for a sub-section."""
        return item_level(self.item) if key == QAccessible.Attribute.Level else None

    def actionNames(self) -> list[str]:  # noqa: N802 (Qt's name)
        """Go to the section."""
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:  # noqa: N802 (Qt's name)
        """Go to the section, as Enter does."""
        if name == QAccessibleActionInterface.pressAction():
            tree = self._owner.tree()
            tree.setCurrentItem(self.item)
            tree.itemActivated.emit(self.item, 0)

    def keyBindingsForAction(self, name: str) -> list[str]:  # noqa: N802 (Qt's name)
        """Enter."""
        return ["Return"] if name == QAccessibleActionInterface.pressAction() else []

    def localizedActionName(self, name: str) -> str:  # noqa: N802 (Qt's name)
        """Spoken name of the action."""
        return "Go to section" if name == QAccessibleActionInterface.pressAction() else name

    def localizedActionDescription(self, name: str) -> str:  # noqa: N802 (Qt's name)
        """What the action does."""
        return "Show this section in the text" if name else ""


class ContentsAccessible(QAccessibleWidget):
    """The contents list as a tree of rows, in the order Qt's own events number them."""

    def __init__(self, tree: QTreeWidget) -> None:
        QAccessibleWidget.__init__(self, tree, QAccessible.Role.Tree)
        self._rows: dict[int, ContentsRowAccessible] = {}
        self._revision = -1
        tree.destroyed.connect(self._forget_rows)

    def tree(self) -> QTreeWidget:
        """The list."""
        return self.widget()  # type: ignore[return-value]

    def _forget_rows(self, *_args: object) -> None:
        for row in self._rows.values():
            row.valid = False
            if shiboken6.isValid(row):
                QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(row))
        self._rows = {}

    def _row_for(self, item: QTreeWidgetItem) -> ContentsRowAccessible:
        revision = int(self.tree().property("contents_revision") or 0)
        if revision != self._revision:
            self._forget_rows()
            self._revision = revision
        row = self._rows.get(id(item))
        if row is None or row.item is not item:
            row = ContentsRowAccessible(self, item)
            QAccessible.registerAccessibleInterface(row)
            self._rows[id(item)] = row
        return row

    def row_interfaces(self) -> list[ContentsRowAccessible]:
        """One interface per row shown, in order."""
        return [self._row_for(item) for item in shown_items(self.tree())]

    def childCount(self) -> int:  # noqa: N802 (Qt's name)
        """The rows shown, then Qt's own children (scroll bars)."""
        return len(shown_items(self.tree())) + QAccessibleWidget.childCount(self)

    def child(self, index: int) -> QAccessibleInterface | None:
        """Row ``index`` (as Qt's focus events count), or one of Qt's own children."""
        rows = shown_items(self.tree())
        if 0 <= index < len(rows):
            return self._row_for(rows[index])
        return QAccessibleWidget.child(self, index - len(rows))

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 (Qt's name)
        """The index of a row or of Qt's own child."""
        rows = shown_items(self.tree())
        for index, item in enumerate(rows):
            if isinstance(child, ContentsRowAccessible) and child.item is item:
                return index
        own = QAccessibleWidget.indexOfChild(self, child)
        return own + len(rows) if own >= 0 else -1

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802 (Qt's name)
        """The current row while the list has the keyboard."""
        tree = self.tree()
        item = tree.currentItem()
        return self._row_for(item) if item is not None and tree.hasFocus() else None

    def role(self) -> QAccessible.Role:
        """A tree."""
        return QAccessible.Role.Tree

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        """Only QAccessibleWidget's own interfaces."""
        return shiboken6.VoidPtr(QAccessibleWidget.interface_cast(self, kind))


def _factory(_class_name: str, candidate: QObject) -> QAccessibleInterface | None:
    if isinstance(candidate, QTreeWidget) and candidate.property("kyphoreader_contents"):
        return ContentsAccessible(candidate)
    return None


def install_contents_accessibility() -> None:
    """Register the contents list's accessible interface (once per application)."""
    install_factory_once(_INSTALLED, _factory)


def adopt_contents_interface(tree: QTreeWidget, active: bool | None = None) -> bool:
    """Register the list's interface after ``tree`` was shown. True: a plain one was replaced.

    See ``reading/accessfactory.py``'s ``replace_plain_interface`` for ``active``.
    """
    install_contents_accessibility()
    return replace_plain_interface(tree, lambda made: isinstance(made, ContentsAccessible), active)
