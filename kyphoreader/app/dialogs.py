"""The dialog host: opens every dialog and message box without blocking, and can close them all.

Dialogs are opened with ``open()`` (never ``exec()`` or the static ``QMessageBox`` helpers), so
the event loop keeps running: a waiting-room reset can close whatever the last visitor left
open, tests need no timers, and the appearance reaches a dialog as soon as it opens. Every
dialog is deleted when it closes, so a reader left running for weeks does not fill up with
hidden windows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # named when a dialog opens: each class named costs the start (issue #16)
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

#: Smallest size of a dialog button (WCAG 2.5.5 target size: 44 by 44 px).
BUTTON_MIN_SIZE = (120, 48)


class DialogHost(QObject):
    """Opens dialogs over one window and keeps track of them until they close.

    Signals:
        dialog_opened(QDialog): a dialog was shown (the appearance styles it).
    """

    dialog_opened = Signal(QWidget)

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._open: list[QDialog] = []
        self._style: Callable[[QWidget], None] | None = None

    @property
    def window(self) -> QWidget:
        """The window dialogs open over."""
        return self._window

    def set_styler(self, style: Callable[[QWidget], None]) -> None:
        """Call ``style`` on every dialog as it opens (and on those open now)."""
        self._style = style
        for dialog in self._open:
            style(dialog)

    def open_dialogs(self) -> list[QDialog]:
        """The dialogs open now, oldest first."""
        return list(self._open)

    def open(self, dialog: QDialog, on_finished: Callable[[int], None] | None = None) -> QDialog:
        """Show ``dialog`` window-modally without blocking; call ``on_finished(result)`` after.

        The dialog is deleted once it has closed and ``on_finished`` has run.
        """
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._open.append(dialog)

        def finished(result: int) -> None:
            if dialog in self._open:
                self._open.remove(dialog)
            if on_finished is not None:
                on_finished(result)

        dialog.finished.connect(finished)
        if self._style is not None:
            self._style(dialog)
        from PySide6.QtWidgets import QDialog

        QDialog.open(dialog)  # the base one: QPrintDialog and QFileDialog hide it
        self.dialog_opened.emit(dialog)
        return dialog

    def message(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        buttons: QMessageBox.StandardButton | None = None,
        on_answer: Callable[[QMessageBox.StandardButton], None] | None = None,
    ) -> QMessageBox:
        """Show a message box; ``on_answer`` gets the button chosen (Cancel/Close on Escape).

        ``buttons`` are OK alone unless given.
        """
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        if buttons is None:
            buttons = QMessageBox.StandardButton.Ok
        box = QMessageBox(icon, title, text, buttons, self._window)
        box.setObjectName("message_box")
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages are never interpreted as markup
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        for button in box.buttons():
            button.setMinimumSize(*BUTTON_MIN_SIZE)
            button.setAccessibleName(button.text().replace("&", ""))

        def answered(_result: int) -> None:
            if on_answer is not None:
                clicked = box.clickedButton()
                chosen = (
                    box.standardButton(clicked)
                    if clicked is not None
                    else QMessageBox.StandardButton.Cancel
                )
                on_answer(chosen)

        self.open(box, answered)
        return box

    def ask_save_path(
        self, title: str, suggested: str, name_filter: str, on_chosen: Callable[[str], None]
    ) -> QFileDialog:
        """Ask where to save a file; ``on_chosen(path)`` runs only if one was chosen."""
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self._window, title, suggested, name_filter)
        dialog.setObjectName("save_dialog")
        dialog.setAccessibleName(title)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.fileSelected.connect(on_chosen)
        self.open(dialog)
        return dialog

    def ask_open_path(
        self, title: str, name_filter: str, on_chosen: Callable[[str], None]
    ) -> QFileDialog:
        """Ask for a file to open; ``on_chosen(path)`` runs only if one was chosen."""
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self._window, title, "", name_filter)
        dialog.setObjectName("open_dialog")
        dialog.setAccessibleName(title)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(on_chosen)
        self.open(dialog)
        return dialog

    def close_all(self) -> None:
        """Close every open dialog, newest first, as if the reader had pressed Escape."""
        for dialog in reversed(list(self._open)):
            dialog.reject()
        self._open.clear()

    def reset(self) -> None:
        """Close every dialog."""
        self.close_all()
