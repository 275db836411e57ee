"""The read-aloud bar: big worded buttons for play, pause, stop, sentence steps, speed and voice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kyphoreader.app.flowlayout import FlowLayout
from kyphoreader.readaloud import pace
from kyphoreader.readaloud.speaker import PAUSED, PLAYING

#: Smallest side of every control, in pixels (WCAG 2.5.5 target size).
MIN_TARGET = 44

READ_ALOUD = "Read aloud"
PAUSE = "Pause"
RESUME = "Resume"
STOP = "Stop"
PREVIOUS_SENTENCE = "◀ Previous sentence"
NEXT_SENTENCE = "Next sentence ▶"
SLOWER = "Slower"
FASTER = "Faster"
VOICE = "Voice"
DEFAULT_VOICE = "Usual voice for the language"
SPEED = "Speed: {label}"


class ReadAloudControls(QWidget):
    """A bar of big buttons with words on them, for reading aloud.

    The bar only asks; the controller decides and calls ``set_state``, ``set_speed`` and
    ``set_voices`` to show what is happening.

    Signals:
        play_pause_requested(): Read aloud, Pause or Resume (one button, its word says which).
        stop_requested(), previous_requested(), next_requested(): the other buttons.
        slower_requested(), faster_requested(): speed steps.
        voice_chosen(str): a voice was picked ('' for the language's usual voice).
    """

    play_pause_requested = Signal()
    stop_requested = Signal()
    previous_requested = Signal()
    next_requested = Signal()
    slower_requested = Signal()
    faster_requested = Signal()
    voice_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("read_aloud_bar")
        self.setAccessibleName("Read aloud controls")
        self.play_button = self._button("read_aloud", READ_ALOUD, self.play_pause_requested)
        self.stop_button = self._button("stop_reading", STOP, self.stop_requested)
        self.previous_button = self._button(
            "previous_sentence", PREVIOUS_SENTENCE, self.previous_requested
        )
        self.next_button = self._button("next_sentence", NEXT_SENTENCE, self.next_requested)
        self.slower_button = self._button("slower", SLOWER, self.slower_requested)
        self.faster_button = self._button("faster", FASTER, self.faster_requested)
        self.speed_label = QLabel(self)
        self.speed_label.setObjectName("read_aloud_speed")
        self.voice_label = QLabel(VOICE, self)
        self.voice_box = QComboBox(self)
        self.voice_box.setObjectName("read_aloud_voice")
        self.voice_box.setAccessibleName(VOICE)
        self.voice_box.setMinimumHeight(MIN_TARGET)
        self.voice_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.voice_label.setBuddy(self.voice_box)
        self.voice_box.activated.connect(self._on_voice_box_activated)
        # The controls wrap onto more rows as the interface grows, never clipping a word;
        # the speed and the voice controls each stay together with their words.
        layout = FlowLayout(self, spacing=6, centre_rows=False)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.play_button, self.stop_button, self.previous_button, self.next_button):
            layout.addWidget(widget)
        layout.addWidget(
            self._group("speed", (self.slower_button, self.speed_label, self.faster_button))
        )
        layout.addWidget(self._group("voice", (self.voice_label, self.voice_box)))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.set_voices([], "")
        self.set_speed(pace.DEFAULT_RATE)
        self.set_state("stopped")

    def _group(self, name: str, widgets: tuple[QWidget, ...]) -> QWidget:
        group = QWidget(self)
        group.setObjectName(f"read_aloud_{name}_group")
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for widget in widgets:
            row.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        return group

    def _button(self, name: str, label: str, signal: Signal) -> QPushButton:
        button = QPushButton(label, self)
        button.setObjectName(f"bar_button_{name}")  # the toolbar has "button_read_aloud"
        button.setAccessibleName(label.strip("◀▶ "))
        button.setMinimumSize(MIN_TARGET, MIN_TARGET)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(signal)
        return button

    # -- showing what happens ---------------------------------------------------------------

    def set_state(self, state: str) -> None:
        """Show ``state``: the big button's word, and which steps can be taken."""
        label = {PLAYING: PAUSE, PAUSED: RESUME}.get(state, READ_ALOUD)
        self.play_button.setText(label)
        self.play_button.setAccessibleName(label)
        reading = state in (PLAYING, PAUSED)
        for button in (self.stop_button, self.previous_button, self.next_button):
            button.setEnabled(reading)

    def set_speed(self, rate: int) -> None:
        """Show the speed ("Speed: Steady") and whether it can go slower or faster."""
        text = SPEED.format(label=pace.speed_for(rate).label)
        self.speed_label.setText(text)
        self.speed_label.setAccessibleName(text)
        self.slower_button.setEnabled(not pace.is_slowest(rate))
        self.faster_button.setEnabled(not pace.is_fastest(rate))

    def set_voices(self, names: list[str], current: str) -> None:
        """Offer the usual voice and ``names``; show ``current`` ('' for the usual one)."""
        self.voice_box.blockSignals(True)
        self.voice_box.clear()
        self.voice_box.addItem(DEFAULT_VOICE, "")
        for name in names:
            self.voice_box.addItem(name, name)
        if current and current not in names:
            self.voice_box.addItem(current, current)
        self.voice_box.setCurrentIndex(max(0, self.voice_box.findData(current)))
        self.voice_box.blockSignals(False)

    @Slot(int)
    def _on_voice_box_activated(self, index: int) -> None:
        self.voice_chosen.emit(str(self.voice_box.itemData(index) or ""))
