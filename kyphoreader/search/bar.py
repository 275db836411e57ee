"""The search bar: a big search field, match count, and previous/next match buttons."""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

#: Wait this long after the last keystroke before searching (typing stays smooth).
DEBOUNCE_MS = 150


class SearchField(QLineEdit):
    """A line edit where Enter means "next match", Shift+Enter "previous", Escape "clear".

    The keys come from the action table (``field_keys`` of find_next, find_previous and
    clear_search), the one place every key of the reader is declared.
    """

    next_requested = Signal()
    previous_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from kyphoreader.app.actions import field_key_sequences

        self._keys = [
            (field_key_sequences("find_next"), self.next_requested),
            (field_key_sequences("find_previous"), self.previous_requested),
            (field_key_sequences("clear_search"), self.clear_requested),
        ]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Turn the search-field keys of the action table into search requests."""
        from PySide6.QtCore import Qt  # named when used, not at start-up (app/enumproperty.py)

        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # keypad Enter too
        pressed = QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key())))
        for sequences, signal in self._keys:
            if any(pressed.matches(s) == QKeySequence.SequenceMatch.ExactMatch for s in sequences):
                signal.emit()
                return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Always-visible search controls.

    Signals:
        query_changed(str): the text to search for, after typing pauses.
        next_requested(), previous_requested(): go to the next or previous match.
        clear_requested(): the reader pressed Escape.
    """

    query_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_bar")
        self.field = SearchField(self)
        self.field.setObjectName("search_field")
        self.field.setAccessibleName("Search")
        self.field.setAccessibleDescription(
            "Type a word to find it in the leaflet. Enter goes to the next match, "
            "Shift+Enter to the previous one, Escape clears the search."
        )
        self.field.setPlaceholderText("Search the leaflet")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(240)  # the row fits a 640-pixel screen (200 % scaling)
        self.field.setMinimumHeight(44)
        self.previous_button = self._button("previous_match", "↑", "Previous match")
        self.next_button = self._button("next_match", "↓", "Next match")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("search_count")
        self.count_label.setMinimumWidth(110)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("search_message")
        self.message_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.field, 3)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.count_label, 1)
        # The message has a line of its own under the box, the whole width of the window, so
        # that at 400 % it is never cut off.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(row)
        layout.addWidget(self.message_label)
        self.message_label.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.field.textChanged.connect(self._on_field_text_changed)
        self.field.next_requested.connect(self._on_field_next_requested)
        self.field.previous_requested.connect(self._on_field_previous_requested)
        self.field.clear_requested.connect(self.clear_requested)
        self.previous_button.clicked.connect(self._on_field_previous_requested)
        self.next_button.clicked.connect(self._on_field_next_requested)
        self._last_query = ""
        self.set_count(0, 0)

    def _button(self, name: str, symbol: str, label: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(f"button_{name}")
        button.setText(symbol)
        button.setToolTip(label)
        button.setAccessibleName(label)
        button.setMinimumSize(44, 44)
        return button

    def text(self) -> str:
        """The text in the search field."""
        return self.field.text()

    def focus_field(self) -> None:
        """Put the keyboard in the search field with its text selected, ready to type over."""
        from PySide6.QtCore import Qt

        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        """Empty the field and forget the last query (announces an empty query)."""
        self.field.clear()
        self.flush()

    @Slot()
    def flush(self) -> None:
        """Search now for what is typed, instead of waiting for the pause."""
        self._timer.stop()
        query = self.field.text()
        if query != self._last_query:
            self._last_query = query
            self.query_changed.emit(query)

    def set_count(self, current: int, total: int) -> None:
        """Show "current of total" (current counts from 1), or that nothing matched."""
        has_hits = total > 0
        self.previous_button.setEnabled(has_hits)
        self.next_button.setEnabled(has_hits)
        if has_hits:
            self._show_and_say(
                self.count_label, f"{current} of {total}", f"Match {current} of {total}"
            )
        elif self._last_query.strip():
            self._show_and_say(self.count_label, "No matches", "No matches")
        else:
            self._show_and_say(self.count_label, "", "")

    def set_message(self, message: str) -> None:
        """Show a sentence about the search, such as "Showing results for kyphoplasty"."""
        self._show_and_say(self.message_label, message, message)

    def _show_and_say(self, label: QLabel, text: str, spoken: str) -> None:
        """Show ``text``; give the label the same words as its name and announce them."""
        if label.text() == text and label.accessibleName() == spoken:
            return  # (before the import: the window's build changes nothing here; issue #16)
        from kyphoreader.reading.accessible import announce

        label.setText(text)
        label.setAccessibleName(spoken)  # the words on screen, readable as the label's name
        if label is self.count_label:  # never cut off, at any text size
            label.setMinimumWidth(max(110, label.sizeHint().width()))
        if label is self.message_label:
            label.setVisible(bool(text))
            self._fit_message()
        announce(label, spoken)

    def _fit_message(self) -> None:
        """Make the message as tall as its wrapped lines at the width it has."""
        label = self.message_label
        width = label.width() if label.width() > 50 else self.width() - 8
        label.setMinimumHeight(label.heightForWidth(max(50, width)) if label.text() else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Re-wrap the message for the new width."""
        super().resizeEvent(event)
        self._fit_message()

    @Slot(str)
    def _on_field_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _on_field_next_requested(self) -> None:
        if self._timer.isActive() or self.field.text() != self._last_query:
            self.flush()  # Enter right after typing searches at once, then stays on match 1
            return
        self.next_requested.emit()

    @Slot()
    def _on_field_previous_requested(self) -> None:
        if self._timer.isActive() or self.field.text() != self._last_query:
            self.flush()
        self.previous_requested.emit()
