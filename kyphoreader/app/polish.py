"""Make any window or dialog usable by keyboard, screen reader and low vision as it opens.

Applied to the main window and to every dialog the dialog host opens (including Qt's own:
message boxes, file dialogs, the print preview): every control gets a name that holds its
visible label, the page view of the preview takes the keyboard (so its focus ring shows and
the arrow keys scroll), and the window is made to fit the screen it is on, at any display
scaling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QLayout, QWidget

from kyphoreader.app.actions import label_words, name_holds_label
from kyphoreader.app.bars import EXTENSION_BUTTON, EXTENSION_BUTTON_NAME
from kyphoreader.app.screenfit import fit_on_screen, on_a_real_screen

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

# Kinds of control are told apart by class name (QObject.inherits): naming the classes would
# make PySide build them and their enums, some ten classes the main window has none of, on
# the way to the usable window (issue #16).

#: Names for Qt's own controls that have no words of their own.
QT_CONTROL_NAMES = {
    EXTENSION_BUTTON: EXTENSION_BUTTON_NAME,
}


def _form_labels(root: QWidget) -> dict[QWidget, str]:
    """The visible label of each field of the form layouts inside ``root``."""
    labels: dict[QWidget, str] = {}
    forms = [layout for layout in root.findChildren(QLayout) if layout.inherits("QFormLayout")]
    if forms:
        from PySide6.QtWidgets import QFormLayout
    for layout in forms:
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label and field and label.widget() and field.widget():
                if not label.widget().inherits("QLabel"):
                    continue
                labels[field.widget()] = label.widget().text().replace("&", "").rstrip(":")
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.text():
            labels.setdefault(buddy, label.text().replace("&", "").rstrip(":"))
    return labels


def _nearest_name(widget: QWidget) -> str:
    """The accessible name of the closest named widget around ``widget`` (a scroll area's)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.accessibleName():
            return parent.accessibleName()
        parent = parent.parentWidget()
    return ""


def visible_label(widget: QWidget, form_labels: dict[QWidget, str]) -> str:
    """The words a sighted person sees on or beside a control ('' if none)."""
    if widget.inherits("QAbstractButton"):
        return widget.text().replace("&", "")
    return form_labels.get(widget, "")


def name_controls(root: QWidget) -> list[QWidget]:
    """Give every control inside ``root`` a name that holds its visible label.

    A control without a name is named from its label, its tooltip or Qt's own name for it;
    a name that leaves out the visible words gets them put first. Returns the controls that
    still have no name (none, if all went well).
    """
    form_labels = _form_labels(root)
    unnamed = []
    kinds = ("QAbstractButton", "QComboBox", "QAbstractSpinBox", "QLineEdit", "QAbstractScrollArea")
    for widget in root.findChildren(QWidget):
        if not any(map(widget.inherits, kinds)) or not widget.isVisibleTo(root):
            continue  # hidden parts are named when they are shown
        parent = widget.parent()
        if parent is not None and (
            parent.inherits("QComboBox")
            or parent.inherits("QAbstractSpinBox")
            or (parent.parent() is not None and parent.parent().inherits("QComboBox"))
        ):
            continue  # the edit and list inside a combo or spin box are named by the box
        name = widget.accessibleName()
        label = visible_label(widget, form_labels)
        if not name:
            name = (
                (_nearest_name(widget) if widget.inherits("QScrollArea") else "")
                or label
                or QT_CONTROL_NAMES.get(widget.objectName(), "")
                or widget.toolTip().split("\n")[0]
                or widget.whatsThis()
                or widget.windowTitle()
            )
            if not name and widget.inherits("QToolButton") and widget.defaultAction():
                name = widget.defaultAction().text().replace("&", "")
            if name:
                widget.setAccessibleName(name)
        elif label and label_words(label) and not name_holds_label(name, label):
            widget.setAccessibleName(label)
        if not widget.accessibleName():
            unnamed.append(widget)
    return unnamed


def name_preview_controls(root: QWidget) -> None:
    """Name the print preview's page number box and zoom box, which Qt leaves unnamed."""
    if root.metaObject().className() != "QPrintPreviewDialog":
        return
    from PySide6.QtWidgets import QComboBox, QLineEdit

    for box in root.findChildren(QComboBox):
        if not box.accessibleName():
            box.setAccessibleName("Zoom")
            box.setToolTip("Zoom: how large the pages are shown")
    for edit in root.findChildren(QLineEdit):
        if not edit.accessibleName() and not edit.parent().inherits("QComboBox"):
            edit.setAccessibleName("Page number")
            edit.setToolTip("Page number: type a page to go to it")


def let_views_take_the_keyboard(root: QWidget) -> None:
    """Views that show pages (the print preview) take the keyboard, so the focus ring shows."""
    views = [
        view for view in root.findChildren(QAbstractScrollArea) if view.inherits("QGraphicsView")
    ]
    if not views:
        return
    from PySide6.QtCore import Qt  # named when used, not at start-up (app/enumproperty.py)

    for view in views:
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if not view.accessibleName():
            view.setAccessibleName("Pages")


def scroll_if_too_big(dialog: QDialog) -> bool:
    """Put a dialog's contents in a scroll area when they cannot fit the screen at all.

    The buttons (a QDialogButtonBox) stay below the scroll area, always in reach. Dialogs
    that fit are left alone. Returns True if the dialog was changed.
    """
    screen = dialog.screen()
    layout = dialog.layout()
    # By class name: naming the classes would make PySide build their enums at start-up.
    if (
        screen is None
        or layout is None
        or any(map(dialog.inherits, ("QMessageBox", "QFileDialog")))
    ):
        return False
    if not on_a_real_screen():
        return False
    if dialog.property("kyphoreader_scrolls"):
        return False
    area = screen.availableGeometry()
    needed = dialog.minimumSizeHint()
    room_w, room_h = area.width() - 16, area.height() - 48  # the window frame and title
    if needed.width() <= room_w and needed.height() <= room_h:
        return False
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QFrame, QScrollArea, QVBoxLayout

    direct = Qt.FindChildOption.FindDirectChildrenOnly
    buttons = dialog.findChildren(QDialogButtonBox, options=direct)
    for box in buttons:
        layout.removeWidget(box)
    inner = QWidget()
    inner.setObjectName("scrolled_contents")
    inner.setLayout(layout)  # moves the layout and its widgets out of the dialog
    scroll = QScrollArea(dialog)
    scroll.setObjectName("dialog_scroll")
    scroll.setAccessibleName(dialog.windowTitle())
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    outer = QVBoxLayout(dialog)
    outer.addWidget(scroll, 1)
    for box in buttons:
        outer.addWidget(box)
    dialog.setProperty("kyphoreader_scrolls", True)
    dialog.resize(min(dialog.width(), room_w), min(dialog.height(), room_h))
    return True


def polish_window(window: QWidget) -> None:
    """Names, keyboard and size, for a window or dialog about to be shown."""
    name_preview_controls(window)
    name_controls(window)
    let_views_take_the_keyboard(window)
    if window.inherits("QDialog"):
        scroll_if_too_big(window)
    fit_on_screen(window)
