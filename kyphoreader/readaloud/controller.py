"""Read aloud's session: what is being read, where, how fast and by which voice; marks it on screen.

``ReadAloudController`` ties the Qt-free script, the ``Speaker`` and the reader's highlight
layers together. It decides where reading starts (the selected text, or the sentence at the top
of the view), moves the sentence mark only when the voice starts a sentence, keeps it in view,
and owns the speed and voice (remembered by the window's settings through ``speed_changed`` and
``voice_changed``). ``reset()`` returns it to a freshly started state (the waiting-room reset).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QTextCharFormat

from kyphoreader.core.leaflet import Leaflet
from kyphoreader.readaloud import pace
from kyphoreader.readaloud.controls import ReadAloudControls
from kyphoreader.readaloud.script import PART_HEADING, Utterance, build_script, references_script
from kyphoreader.readaloud.speaker import PAUSED, PLAYING, STOPPED, UNAVAILABLE, Speaker
from kyphoreader.reading.theme import Theme

#: The reader's highlight layer for the sentence being read, and for the word (if reported).
SENTENCE_LAYER = "readaloud"
WORD_LAYER = "readaloud_word"

NOTHING_TO_READ = "There is nothing to read aloud."


class HighlightSink(Protocol):
    """What the controller needs of the reading pane (``reading.view.ReaderView``)."""

    def document_span(
        self, section_id: str, start: int, end: int, heading: bool = False
    ) -> tuple[int, int] | None:
        """Document positions of a span of a section's plain text (or heading)."""
        ...

    def set_layer(self, name: str, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Mark ``spans`` in highlight layer ``name``."""
        ...

    def clear_layer(self, name: str) -> None:
        """Remove every mark of layer ``name``."""
        ...

    def set_layer_format(self, name: str, text_format: QTextCharFormat) -> None:
        """How layer ``name`` marks its text."""
        ...

    def ensure_visible(self, start: int, end: int | None = None) -> None:
        """Scroll so the text between ``start`` and ``end`` is in view."""
        ...


class ReadAloudController(QObject):
    """Reads the leaflet aloud from a place in it, marking each sentence as it is said.

    Signals:
        state_changed(str): ``"stopped"``, ``"playing"``, ``"paused"`` or ``"unavailable"``.
        sentence_changed(int): the sentence now marked (index into ``script``), -1 for none.
        speed_changed(int): the speed (``pace`` rate) changed; the settings remember it.
        voice_changed(str): the chosen voice changed ('' is the language's default).
        unavailable(str): read aloud cannot work on this computer; the plain reason.
        message(str): something to tell the user that is not an error.
    """

    state_changed = Signal(str)
    sentence_changed = Signal(int)
    speed_changed = Signal(int)
    voice_changed = Signal(str)
    unavailable = Signal(str)
    message = Signal(str)

    def __init__(
        self,
        reader: HighlightSink,
        controls: ReadAloudControls | None = None,
        speaker: Speaker | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Read aloud into ``reader``'s highlight layers through ``speaker``.

        Args:
            reader: the reading pane (see ``HighlightSink``); the start place comes from its
                selection or ``top_position()`` when it has them.
            controls: the read-aloud bar, kept in step with what happens (optional).
            speaker: the voice; a new ``Speaker`` on the computer's best engine if not given.
            parent: the owning object.
        """
        super().__init__(parent)
        self._reader = reader
        self._controls = controls
        self._voices_listed = False
        self.speaker = speaker if speaker is not None else Speaker(parent=self)
        self._leaflet: Leaflet | None = None
        self._main_script: list[Utterance] = []
        self.script: list[Utterance] = []
        self._spans: list[tuple[int, int] | None] | None = None
        self._current = -1
        self._default_rate = pace.DEFAULT_RATE
        self._voice = ""
        self.speaker.set_rate(self._default_rate)
        self.speaker.sentence_started.connect(self._on_speaker_sentence_started)
        self.speaker.word_started.connect(self._on_speaker_word_started)
        self.speaker.state_changed.connect(self._on_speaker_state_changed)
        self.speaker.finished.connect(self._on_speaker_finished)
        self.speaker.unavailable.connect(self._on_speaker_unavailable)
        if controls is not None:
            controls.play_pause_requested.connect(self.toggle)
            controls.stop_requested.connect(self.stop)
            controls.previous_requested.connect(self.previous_sentence)
            controls.next_requested.connect(self.next_sentence)
            controls.slower_requested.connect(self.slower)
            controls.faster_requested.connect(self.faster)
            controls.voice_chosen.connect(self.set_voice)
            controls.set_speed(self.speed)
            controls.set_state(self.state)

    # -- state -------------------------------------------------------------------------------

    def set_leaflet(self, leaflet: Leaflet) -> None:
        """Read ``leaflet`` from now on (stops any reading and removes the mark)."""
        self.stop()
        self._leaflet = leaflet
        self._main_script = build_script(leaflet)
        self._use_script(self._main_script)
        self.speaker.set_language(leaflet.meta.language or "en")

    @property
    def state(self) -> str:
        """``"stopped"``, ``"playing"``, ``"paused"`` or ``"unavailable"``."""
        return self.speaker.state

    @property
    def current(self) -> int:
        """The index (in ``script``) of the marked sentence, or -1."""
        return self._current

    @property
    def speed(self) -> int:
        """The speaking speed (a ``pace`` rate)."""
        return self.speaker.rate

    @property
    def voice(self) -> str:
        """The chosen voice's name ('' for the language's default voice)."""
        return self._voice

    def set_defaults(self, speed: int = pace.DEFAULT_RATE) -> None:
        """The speed ``reset()`` returns to (the built-in or the clinic's)."""
        self._default_rate = pace.speed_for(speed).rate

    def restore(self, speed: int, voice: str) -> None:
        """Take the remembered speed and voice (from the settings), without announcing them."""
        self.speaker.set_rate(pace.speed_for(speed).rate)
        self._voice = voice
        self.speaker.set_voice(voice)
        if self._controls is not None:
            self._controls.set_speed(self.speed)
            self._controls.set_voices(self._listed_voices(), voice)

    def reset(self) -> None:
        """Stop, remove the mark, and return speed and voice to their defaults."""
        self.stop()
        self._use_script(self._main_script)
        self.set_speed(self._default_rate)
        self.set_voice("")

    def apply_theme(self, theme: Theme) -> None:
        """Colour the sentence mark (tint and underline) and the word mark as ``theme`` says."""
        sentence = QTextCharFormat()
        sentence.setForeground(QBrush(QColor(theme.reading_text)))
        sentence.setBackground(QBrush(QColor(theme.reading_background)))
        sentence.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        sentence.setUnderlineColor(QColor(theme.reading_underline))
        self._reader.set_layer_format(SENTENCE_LAYER, sentence)
        if self._word_layer_supported():
            word = QTextCharFormat()
            word.setForeground(QBrush(QColor(theme.selection_text)))
            word.setBackground(QBrush(QColor(theme.selection_background)))
            self._reader.set_layer_format(WORD_LAYER, word)

    # -- reading -----------------------------------------------------------------------------

    @Slot()
    def toggle(self) -> None:
        """Read aloud / Pause / Resume: what the one big button does."""
        if self.state == PLAYING:
            self.pause()
        elif self.state == PAUSED:
            self.resume()
        else:
            self.play()

    def play(self, index: int | None = None) -> None:
        """Start reading at sentence ``index``, or at the selection or the top of the view."""
        if not self._main_script:
            self.message.emit(NOTHING_TO_READ)
            return
        if self.script is not self._main_script and index is None:
            self._use_script(self._main_script)
        start = self.start_index() if index is None else index
        if start < 0:
            # The view is below the last sentence ordinary reading says: in the reference
            # list at the end, which the reader is looking at, so that is what is read.
            if self._leaflet is not None and references_script(self._leaflet):
                self.read_references(from_view=True)
                return
            start = len(self.script) - 1
        self.speaker.play(start)

    def read_references(self, from_view: bool = False) -> None:
        """Read the reference list aloud (it is left out of ordinary reading).

        Args:
            from_view: start at the reference at the top of the view (or selected), not the
                list's first line.
        """
        if self._leaflet is None:
            return
        references = references_script(self._leaflet)
        if not references:
            self.message.emit("This leaflet has no reference list.")
            return
        self.stop()
        self._use_script(references)
        self.speaker.play(max(0, self.start_index()) if from_view else 0)

    @Slot()
    def pause(self) -> None:
        """Stop the voice; Resume says the sentence again from its start."""
        self.speaker.pause()

    @Slot()
    def resume(self) -> None:
        """Go on reading from the start of the marked sentence."""
        self.speaker.resume()

    @Slot()
    def stop(self) -> None:
        """Stop reading and remove the mark."""
        self.speaker.stop()
        self._clear_marks()

    @Slot()
    def next_sentence(self) -> None:
        """Go to the next sentence (and read on, unless paused)."""
        if self.state in (PLAYING, PAUSED):
            self.speaker.next()

    @Slot()
    def previous_sentence(self) -> None:
        """Go back a sentence (and read on, unless paused)."""
        if self.state in (PLAYING, PAUSED):
            self.speaker.previous()

    @Slot()
    def slower(self) -> None:
        """Speak one step slower (from the next sentence)."""
        self.set_speed(pace.slower(self.speed))

    @Slot()
    def faster(self) -> None:
        """Speak one step faster (from the next sentence)."""
        self.set_speed(pace.faster(self.speed))

    def set_speed(self, rate: int) -> None:
        """Speak at ``rate`` (one of ``pace.RATES``)."""
        rate = pace.speed_for(rate).rate
        if rate != self.speaker.rate:
            self.speaker.set_rate(rate)
            if self._controls is not None:
                self._controls.set_speed(rate)
            self.speed_changed.emit(rate)

    @Slot(str)
    def set_voice(self, name: str) -> None:
        """Use voice ``name`` ('' for the language's default)."""
        if name != self._voice:
            self._voice = name
            self.speaker.set_voice(name)
            if self._controls is not None:
                self._controls.set_voices(self._listed_voices(), name)
            self.voice_changed.emit(name)

    def voices(self) -> list[str]:
        """The installed voices for the leaflet's language (starts the engine)."""
        self._voices_listed = True
        return self.speaker.voices()

    def _listed_voices(self) -> list[str]:
        """The voices, once the engine runs anyway (listing them would start it)."""
        return self.speaker.voices() if self._voices_listed else []

    # -- where to start ----------------------------------------------------------------------

    def start_index(self) -> int:
        """The sentence of ``script`` to start at: the selected text's, or the one at the top.

        Returns:
            The index; -1 when that place is below the script's last sentence (in a reference
            list at the end, which ordinary reading leaves out).
        """
        position = self._reader_position()
        if position is None:
            return 0
        shown = [(index, span) for index, span in enumerate(self._document_spans()) if span]
        if not shown or position <= shown[0][1][0]:
            return 0  # at (or above) the first sentence shown: from the very start
        for index, span in shown:
            if span[1] > position:
                return index
        return -1

    def _reader_position(self) -> int | None:
        """The selected text's start if it is in view, else the top of the view."""
        cursor_of = getattr(self._reader, "textCursor", None)
        if callable(cursor_of):
            cursor = cursor_of()
            in_view = getattr(self._reader, "is_span_visible", None)
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            # A selection scrolled out of sight (a search match left behind) is not where
            # the reader is now: the top of the view is.
            shown = not callable(in_view) or in_view(start, start) or in_view(end, end)
            if cursor.hasSelection() and shown:
                return int(start)
        top = getattr(self._reader, "top_position", None)
        return int(top()) if callable(top) else None

    def span_of(self, index: int) -> tuple[int, int] | None:
        """Document positions of sentence ``index`` of the script (None if not shown)."""
        spans = self._document_spans()
        return spans[index] if 0 <= index < len(spans) else None

    def _document_spans(self) -> list[tuple[int, int] | None]:
        if self._spans is None:
            self._spans = [self._map(u, u.start, u.end) for u in self.script]
        return self._spans

    def _map(self, utterance: Utterance, start: int, end: int) -> tuple[int, int] | None:
        heading = utterance.part == PART_HEADING
        return self._reader.document_span(utterance.section_id, start, end, heading)

    def _use_script(self, script: list[Utterance]) -> None:
        self.script = script
        self._spans = None
        self.speaker.set_sentences([u.speech for u in script])

    # -- the marks ---------------------------------------------------------------------------

    def _word_layer_supported(self) -> bool:
        from kyphoreader.reading import view

        return WORD_LAYER in getattr(view, "LAYER_ORDER", ())

    def _clear_marks(self) -> None:
        self._reader.clear_layer(SENTENCE_LAYER)
        if self._word_layer_supported():
            self._reader.clear_layer(WORD_LAYER)
        if self._current != -1:
            self._current = -1
            self.sentence_changed.emit(-1)

    @Slot(int)
    def _on_speaker_sentence_started(self, index: int) -> None:
        self._current = index
        span = self.span_of(index)
        if self._word_layer_supported():
            self._reader.clear_layer(WORD_LAYER)
        if span is None:
            self._reader.clear_layer(SENTENCE_LAYER)
        else:
            self._reader.set_layer(SENTENCE_LAYER, [span])
            self._reader.ensure_visible(span[0], span[1])
        self.sentence_changed.emit(index)

    @Slot(int, int, int)
    def _on_speaker_word_started(self, index: int, start: int, length: int) -> None:
        if not self._word_layer_supported() or not 0 <= index < len(self.script):
            return
        utterance = self.script[index]
        span = self._map(utterance, utterance.start + start, utterance.start + start + length)
        if span is not None:
            self._reader.set_layer(WORD_LAYER, [span])

    @Slot(str)
    def _on_speaker_state_changed(self, state: str) -> None:
        if state in (STOPPED, UNAVAILABLE):
            self._clear_marks()
        if self._controls is not None:
            self._controls.set_state(state)
            if state == PLAYING and not self._voices_listed:
                self._controls.set_voices(self.voices(), self._voice)
        self.state_changed.emit(state)

    @Slot()
    def _on_speaker_finished(self) -> None:
        if self.script is not self._main_script:
            self._use_script(self._main_script)

    @Slot(str)
    def _on_speaker_unavailable(self, reason: str) -> None:
        self.unavailable.emit(reason)
