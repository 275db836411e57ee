"""Navigation: which section is being read, the contents that follow it, and Back after a jump."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from kyphoreader.reading.toc import TocPanel
from kyphoreader.reading.view import ReaderView


class NavigationController(QObject):
    """Owns the reading position's history and keeps the contents in step with the reader.

    A jump by link, citation or contents entry remembers the place it left, so Back returns
    there; next/previous section do not (they are steps, not jumps).

    Signals:
        history_changed(bool): whether there is somewhere to go back to.
        section_changed(str): the section at the top of the view changed.
    """

    history_changed = Signal(bool)
    section_changed = Signal(str)

    def __init__(self, reader: ReaderView, contents: TocPanel, parent: QObject | None = None):
        super().__init__(parent)
        self._reader = reader
        self._contents = contents
        self._history: list[int] = []
        reader.link_activated.connect(self._on_reader_link_activated)
        reader.current_section_changed.connect(self._on_reader_current_section_changed)
        contents.section_activated.connect(self._on_contents_section_activated)

    # -- state -------------------------------------------------------------------------------

    def current_section(self) -> str:
        """The id of the section at the top of the view."""
        return self._reader.current_section()

    def can_go_back(self) -> bool:
        """True when a link or a contents jump left a place to return to."""
        return bool(self._history)

    def history(self) -> list[int]:
        """The places Back would return to, oldest first (document positions)."""
        return list(self._history)

    def reset(self) -> None:
        """Forget every place and show the start of the leaflet."""
        self._set_history([])
        self._reader.place_caret(0)
        self._reader.scroll_to_position(0)
        self._contents.set_current_section(self._reader.current_section())
        if self._contents.topLevelItemCount():
            self._contents.setCurrentItem(self._contents.topLevelItem(0))
            self._contents.scrollToTop()

    # -- moving ------------------------------------------------------------------------------

    def jump_to(self, anchor: str) -> bool:
        """Go to a section or other anchor, remembering this place for Back."""
        here = self._reader.top_position()
        if not self._reader.go_to(anchor):
            return False
        self._set_history([*self._history, here])
        return True

    def show_section(self, section_id: str) -> bool:
        """Go to a section without remembering the place (a restored or stepped position)."""
        return self._reader.go_to(section_id)

    @Slot()
    def go_back(self) -> None:
        """Return to the place the reader was before the last jump."""
        if not self._history:
            return
        position = self._history[-1]
        self._set_history(self._history[:-1])
        self._reader.place_caret(position)  # a screen reader reads on from where it was
        self._reader.scroll_to_position(position)

    @Slot()
    def go_to_next_section(self) -> None:
        """Put the next section's heading at the top."""
        target = self._reader.adjacent_section(+1)
        if target:
            self._reader.go_to(target)

    @Slot()
    def go_to_next_link(self) -> None:
        """Put the caret on the next link of the text (and the keyboard in the reader)."""
        self._reader.go_to_link(+1)

    @Slot()
    def go_to_previous_link(self) -> None:
        """Put the caret on the previous link of the text."""
        self._reader.go_to_link(-1)

    @Slot()
    def go_to_previous_section(self) -> None:
        """Put the previous section's heading (or this section's start) at the top."""
        target = self._reader.adjacent_section(-1)
        if target:
            self._reader.go_to(target)

    def _set_history(self, history: list[int]) -> None:
        had = bool(self._history)
        self._history = history
        if had != bool(history):
            self.history_changed.emit(bool(history))

    # -- slots -------------------------------------------------------------------------------

    @Slot(str)
    def _on_reader_link_activated(self, anchor: str) -> None:
        self.jump_to(anchor)

    @Slot(str)
    def _on_contents_section_activated(self, section_id: str) -> None:
        from PySide6.QtCore import Qt  # named when used, not at start-up (app/enumproperty.py)

        self.jump_to(section_id)
        self._reader.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(str)
    def _on_reader_current_section_changed(self, section_id: str) -> None:
        self._contents.set_current_section(section_id)
        self.section_changed.emit(section_id)
