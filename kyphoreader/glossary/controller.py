"""The glossary on screen: marks explained words, explains one on request, lists them all.

The controller owns the glossary of the leaflet shown, the marks in the reader's "glossary"
highlight layer (the first place each word stands in every section), the explanation bubble and
the "Words explained" list. Its ``reset()`` closes the bubble; the list is a dialog of the
dialog host, which closes it on a reset too.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QBrush,
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QDialog, QToolTip

from kyphoreader.app.dialogs import DialogHost
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.core.text import split_sentences
from kyphoreader.glossary.popup import ExplanationPopup
from kyphoreader.glossary.terms import Glossary, GlossaryError, Occurrence, Term, load_glossary_for
from kyphoreader.reading.theme import Theme
from kyphoreader.reading.view import ReaderView

#: The reader's highlight layer for explained words.
GLOSSARY_LAYER = "glossary"
#: Said (to a screen reader, and in the tooltip) when the caret reaches an explained word.
CUE = "Explained word: {term}. Press Enter to hear what it means."
#: Said in the status bar when "Explain this word" finds no explained word at the caret.
NO_WORD_HERE = (
    "There is no explained word at the cursor. "
    "Use Next explained word to go to one, or click a marked word."
)
#: Said when the leaflet has no glossary.
NO_GLOSSARY = "This leaflet has no words explained."
#: Room left above a sentence scrolled up to make space for its explanation (px).
SCROLL_MARGIN = 16
#: The events the controller watches in the reader.
_WATCHED = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.ToolTip,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.Resize,
        QEvent.Type.Paint,
    }
)


@dataclass(frozen=True)
class Mark:
    """One marked word on screen: its place in the document and the term it stands for."""

    start: int
    end: int
    term: Term
    occurrence: Occurrence


class GlossaryController(QObject):
    """Marks, explains and lists the leaflet's explained words in the reader.

    Signals:
        glossary_loaded(object): the Glossary of the leaflet now shown (search and print use it).
        message(str): something to tell the reader in the status bar.
        cue_spoken(str): a sentence was announced to screen readers.
    """

    glossary_loaded = Signal(object)
    message = Signal(str)
    cue_spoken = Signal(str)

    def __init__(
        self, reader: ReaderView, dialogs: DialogHost, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._dialogs = dialogs
        self._leaflet: Leaflet | None = None
        self._glossary = Glossary()
        self._marks: list[Mark] = []
        self._starts: list[int] = []
        self._pending = False  # a leaflet's glossary waits to be read
        self._painted = False  # the reader has been painted once
        self._held = False  # the window marks the words when it is ready (hold_marks)
        self._shown: Mark | None = None
        self._cued: Mark | None = None
        self._placing = False
        self._press: QPoint | None = None
        self._viewport = reader.viewport()
        self.popup = ExplanationPopup(self._viewport)
        self.popup.close_requested.connect(self.close_popup)
        reader.installEventFilter(self)
        self._viewport.installEventFilter(self)
        reader.verticalScrollBar().valueChanged.connect(self._on_reader_scrolled)
        reader.cursorPositionChanged.connect(self._on_reader_cursor_moved)

    # -- the leaflet and its marks -----------------------------------------------------------

    def set_leaflet(self, leaflet: Leaflet) -> None:
        """Explain the words of ``leaflet`` (call after the reader shows it).

        At start-up the glossary is read and its words marked just after the reader's first
        paint, so the text shows no later than without it; later leaflets are marked at once.
        Anything that needs the glossary before then reads it on the spot.
        """
        self.close_popup()
        self._leaflet = leaflet
        self._glossary = Glossary()
        self._marks = []
        self._starts = []
        self._pending = True
        if self._painted and not self._held:
            self.load()

    def hold_marks(self) -> None:
        """Leave the first marking to a call of ``load()``, for a reader already painted.

        A window built after the text's first paint marks the words once its panels are on
        screen too (issue #16); later leaflets are marked as soon as they are shown.
        """
        self._painted = True
        self._held = True

    @Slot()
    def load(self) -> None:
        """Read the glossary beside the leaflet and mark its words, if not done yet.

        A glossary that cannot be read is reported in one line; the leaflet is shown unmarked.
        """
        if not self._pending or self._leaflet is None:
            return
        self._pending = False
        self._held = False
        glossary = Glossary()
        if self._leaflet.source_name:
            try:
                glossary = load_glossary_for(self._leaflet.source_name)
            except GlossaryError as error:
                self.message.emit(f"No words are explained: {error}")
        self._glossary = glossary
        self.mark_words()
        self.glossary_loaded.emit(glossary)

    @property
    def glossary(self) -> Glossary:
        """The glossary of the leaflet shown (empty when it has none)."""
        self.load()
        return self._glossary

    @property
    def marks(self) -> list[Mark]:
        """The marked words, in document order."""
        self.load()
        return self._marks

    def mark_words(self) -> None:
        """Mark the first place each term stands in every section (the reader's glossary layer)."""
        marks: list[Mark] = []
        if self._leaflet is not None and len(self._glossary):
            for occurrence in self._glossary.first_occurrences(self._leaflet.walk()):
                span = self._reader.document_span(
                    occurrence.section_id, occurrence.start, occurrence.end
                )
                if span is not None:
                    marks.append(Mark(span[0], span[1], occurrence.term, occurrence))
        marks.sort(key=lambda mark: mark.start)
        self._marks = marks
        self._starts = [mark.start for mark in marks]
        self._reader.set_layer(GLOSSARY_LAYER, [(mark.start, mark.end) for mark in marks])

    def apply_theme(self, theme: Theme) -> None:
        """Colour the marks (not an underline: a background at 3:1 or more) and the bubble."""
        text_format = QTextCharFormat()
        text_format.setForeground(QBrush(QColor(theme.glossary_text)))
        text_format.setBackground(QBrush(QColor(theme.glossary_background)))
        self._reader.set_layer_format(GLOSSARY_LAYER, text_format)
        self.popup.apply_theme(theme)

    def mark_at(self, position: int) -> Mark | None:
        """The marked word at document ``position`` (its first letter to just after its last)."""
        marks = self.marks
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and marks[index].start <= position <= marks[index].end:
            return marks[index]
        return None

    def reset(self) -> None:
        """Close the bubble; the marks stay, as in a fresh window."""
        self.close_popup()
        self._cued = None
        self._press = None

    # -- explaining --------------------------------------------------------------------------

    def shown_term(self) -> Term | None:
        """The term the bubble explains now, or None when it is closed."""
        return self._shown.term if self._shown is not None and self.popup.isVisible() else None

    def explain(self, mark: Mark, focus: bool = True) -> None:
        """Show ``mark``'s explanation beside its sentence; ``focus`` gives it the keyboard."""
        self._shown = mark
        self.popup.show_term(mark.term, self._reader.point_size())
        self._place_popup(scroll=True)
        if focus:
            self.popup.focus_text()
        self._announce(mark.term.plain_text)

    @Slot()
    def explain_at_caret(self) -> bool:
        """Explain the marked word at the reader's caret; say so if there is none."""
        cursor = self._reader.textCursor()
        mark = self.mark_at(cursor.selectionStart()) or self.mark_at(cursor.position())
        if mark is None:
            self.message.emit(NO_WORD_HERE if self.marks else NO_GLOSSARY)
            return False
        self.explain(mark)
        return True

    @Slot()
    def close_popup(self) -> None:
        """Close the bubble; the keyboard goes back to the word it explained."""
        if not self.popup.isVisible():
            self._shown = None
            return
        had_focus = self.popup.isAncestorOf(self.popup.focusWidget() or self.popup)
        self.popup.hide()
        self._shown = None
        if had_focus:
            self._reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sentence_span(self, mark: Mark) -> tuple[int, int]:
        """Document positions of the sentence holding ``mark`` (the mark itself if unknown)."""
        occurrence = mark.occurrence
        if self._leaflet is None:
            return mark.start, mark.end
        section = self._leaflet.section(occurrence.section_id)
        if section is None:
            return mark.start, mark.end
        for sentence in split_sentences(section.text):
            if sentence.start <= occurrence.start < sentence.end:
                span = self._reader.document_span(
                    occurrence.section_id, sentence.start, max(sentence.end, occurrence.end)
                )
                if span is not None:
                    return min(span[0], mark.start), max(span[1], mark.end)
        return mark.start, mark.end

    def _line_rect(self, position: int) -> QRect:
        cursor = QTextCursor(self._reader.document())
        cursor.setPosition(position)
        return self._reader.cursorRect(cursor)

    def _place_popup(self, scroll: bool) -> None:
        """Put the bubble below or above the sentence, scrolling the sentence up if need be.

        Where the sentence and the bubble cannot both fit (very large text), the line holding
        the word stays in view instead, and the bubble's text scrolls in the space left.
        """
        mark = self._shown
        if mark is None or self._placing:
            return
        self._placing = True
        try:
            area = self._viewport.rect()
            scroll_x = self._reader.horizontalScrollBar().value()
            left = round(self._reader.document().rootFrame().frameFormat().leftMargin()) - scroll_x
            width = round(self._reader.column_width())
            bar = self._reader.verticalScrollBar()
            for start, end in (self._sentence_span(mark), (mark.start, mark.end)):
                top, bottom = self._line_rect(start).top(), self._line_rect(end).bottom()
                if self.popup.place(area, left, width, top, bottom, clamp=False):
                    return
                if scroll:
                    bar.setValue(bar.value() + top - SCROLL_MARGIN)
                    top, bottom = self._line_rect(start).top(), self._line_rect(end).bottom()
                    if self.popup.place(area, left, width, top, bottom, clamp=False):
                        return
            top, bottom = self._line_rect(mark.start).top(), self._line_rect(mark.end).bottom()
            self.popup.place(area, left, width, top, bottom, clamp=True)
        finally:
            self._placing = False

    @Slot(int)
    def _on_reader_scrolled(self, _value: int) -> None:
        if self._shown is None or self._placing or not self.popup.isVisible():
            return
        if not self._reader.is_span_visible(self._shown.start, self._shown.end):
            self.close_popup()  # the word has scrolled away: so does its bubble
            return
        self._place_popup(scroll=False)

    # -- moving between explained words ------------------------------------------------------

    def _reference_position(self) -> int:
        """Where "next" and "previous" count from: the caret, or the top of the view."""
        cursor = self._reader.textCursor()
        position = cursor.selectionStart()
        if self._reader.is_span_visible(position, position):
            return position
        return self._reader.top_position() - 1

    @Slot()
    def go_to_next(self) -> Mark | None:
        """Put the caret on the next explained word after it (from the first after the last)."""
        if not self.marks:
            self.message.emit(NO_GLOSSARY)
            return None
        index = bisect_right(self._starts, self._reference_position())
        return self._go_to(self.marks[index % len(self.marks)])

    @Slot()
    def go_to_previous(self) -> Mark | None:
        """Put the caret on the explained word before it (from the last before the first)."""
        if not self.marks:
            self.message.emit(NO_GLOSSARY)
            return None
        index = bisect_left(self._starts, self._reference_position()) - 1
        return self._go_to(self.marks[index % len(self.marks)])

    def _go_to(self, mark: Mark) -> Mark:
        self.close_popup()
        self._reader.select_span(mark.start, mark.end)
        self._reader.ensure_visible(mark.start, mark.end)
        self._reader.setFocus(Qt.FocusReason.OtherFocusReason)
        self._cue(mark, force=True)
        return mark

    # -- the list of all words ---------------------------------------------------------------

    @Slot()
    def show_list(self) -> QDialog:
        """Open "Words explained": every term of the leaflet's glossary, A to Z."""
        from kyphoreader.glossary.wordlist import WordListDialog

        self.close_popup()
        dialog = WordListDialog(
            self.glossary.terms, self._reader.point_size(), parent=self._dialogs.window
        )
        return self._dialogs.open(dialog)

    # -- screen-reader cue -------------------------------------------------------------------

    @Slot()
    def _on_reader_cursor_moved(self) -> None:
        if self._reader.hasFocus():
            cursor = self._reader.textCursor()
            self._cue(self.mark_at(cursor.selectionStart()) or self.mark_at(cursor.position()))

    def _cue(self, mark: Mark | None, force: bool = False) -> None:
        """Tell a screen reader the caret is on an explained word (once per arrival)."""
        if mark is not None and (force or mark is not self._cued):
            self._announce(CUE.format(term=mark.term.term))
        self._cued = mark

    def _announce(self, text: str) -> None:
        event = QAccessibleAnnouncementEvent(self._reader, text)
        QAccessible.updateAccessibility(event)
        self.cue_spoken.emit(text)

    # -- mouse, touch and keys in the reader -------------------------------------------------

    def _mark_under(self, point: QPoint) -> Mark | None:
        """The marked word exactly under a point of the reader's viewport, if any."""
        offset = QPoint(
            self._reader.horizontalScrollBar().value(), self._reader.verticalScrollBar().value()
        )
        position = (
            self._reader.document()
            .documentLayout()
            .hitTest((point + offset).toPointF(), Qt.HitTestAccuracy.ExactHit)
        )
        return self.mark_at(position) if position >= 0 else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Click or tap a marked word to explain it; Enter on one does too; Escape closes."""
        kind = event.type()
        if kind not in _WATCHED:
            return False  # nothing else is looked at (the reader may be on its way out)
        if isinstance(event, QKeyEvent):
            return watched is self._reader and self._on_reader_key(event)
        if watched is not self._viewport:
            return False
        if kind == QEvent.Type.Paint:
            if not self._painted:
                self._painted = True
                QTimer.singleShot(0, self.load)  # the text is on screen: now mark it
        elif kind == QEvent.Type.Resize:
            if self.popup.isVisible():
                self._place_popup(scroll=False)  # the column moved: so does the bubble
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            mark = self._mark_under(event.pos())
            if mark is not None:
                QToolTip.showText(event.globalPos(), mark.term.plain_text, self._viewport)
                return True
        elif isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton:
            point = event.position().toPoint()
            if kind == QEvent.Type.MouseButtonPress:
                self._press = point
            elif kind == QEvent.Type.MouseButtonRelease:
                pressed, self._press = self._press, None
                moved = pressed is None or (point - pressed).manhattanLength() > 8
                mark = None if moved else self._mark_under(point)
                if mark is not None:
                    self.explain(mark, focus=False)
                elif not moved:
                    self.close_popup()
        return False

    def _on_reader_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        escape = key == Qt.Key.Key_Escape and self.popup.isVisible()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        )
        if event.type() == QEvent.Type.ShortcutOverride and escape:
            event.accept()
            return True
        if event.type() != QEvent.Type.KeyPress:
            return False
        if escape:
            self.close_popup()
            return True
        if enter:
            cursor = self._reader.textCursor()
            mark = self.mark_at(cursor.selectionStart())
            if mark is not None and not cursor.charFormat().isAnchor():
                self.explain(mark)
                return True
        return False
