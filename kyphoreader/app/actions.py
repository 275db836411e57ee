"""Every user action in one table: its words, its shortcuts and whether kiosk mode allows it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = QKeySequence.StandardKey | str


@dataclass(frozen=True)
class ActionSpec:
    """How one action looks and is reached; ``kiosk_allowed`` is for the waiting-room mode."""

    name: str
    text: str
    tip: str
    shortcuts: tuple[Shortcut, ...] = ()
    kiosk_allowed: bool = True
    on_toolbar: bool = False
    toolbar_text: str = ""  # shorter label for the toolbar, so it fits at large sizes


ACTION_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "open",
        "&Open leaflet…",
        "Open another leaflet file",
        (QKeySequence.StandardKey.Open,),
        kiosk_allowed=False,
    ),
    ActionSpec(
        "quit", "&Quit", "Close the reader", (QKeySequence.StandardKey.Quit,), kiosk_allowed=False
    ),
    ActionSpec(
        "toggle_contents",
        "&Contents",
        "Show or hide the list of sections",
        ("Ctrl+T",),
        on_toolbar=True,
    ),
    ActionSpec(
        "previous_section",
        "&Previous section",
        "Go to the start of the previous section",
        ("Ctrl+PgUp", "Alt+Up"),
        on_toolbar=True,
        toolbar_text="◀ Previous",
    ),
    ActionSpec(
        "next_section",
        "&Next section",
        "Go to the start of the next section",
        ("Ctrl+PgDown", "Alt+Down"),
        on_toolbar=True,
        toolbar_text="Next ▶",
    ),
    ActionSpec(
        "back",
        "&Back",
        "Go back to where you were before following a link",
        (QKeySequence.StandardKey.Back,),
        on_toolbar=True,
    ),
    ActionSpec(
        "find",
        "&Find…",
        "Search the leaflet for a word",
        (QKeySequence.StandardKey.Find,),
    ),
    ActionSpec(
        "find_next",
        "Find &next",
        "Go to the next match",
        (QKeySequence.StandardKey.FindNext, "F3"),
    ),
    ActionSpec(
        "find_previous",
        "Find pre&vious",
        "Go to the previous match",
        (QKeySequence.StandardKey.FindPrevious, "Shift+F3"),
    ),
    ActionSpec(
        "clear_search",
        "&Clear search",
        "Clear the search and its highlights",
        ("Esc",),
    ),
    ActionSpec(
        "about",
        "&About this leaflet",
        "Who wrote this leaflet, where it comes from, and whether it was checked",
        (QKeySequence.StandardKey.HelpContents,),
        on_toolbar=True,
        toolbar_text="About",
    ),
    ActionSpec(
        "print",
        "&Print…",
        "Print the leaflet in large print",
        (QKeySequence.StandardKey.Print,),
        on_toolbar=True,
        toolbar_text="Print",
    ),
    ActionSpec(
        "print_preview",
        "Print pre&view…",
        "See the pages before printing",
        ("Ctrl+Shift+P",),
    ),
    ActionSpec(
        "export_pdf",
        "&Save as PDF…",
        "Save a large-print PDF of the leaflet",
        ("Ctrl+Shift+S",),
        kiosk_allowed=False,
    ),
    ActionSpec(
        "zoom_out",
        "&Smaller text",
        "Make the text and buttons smaller",
        (QKeySequence.StandardKey.ZoomOut, "Ctrl+-"),
        on_toolbar=True,
        toolbar_text="A-",
    ),
    ActionSpec(
        "zoom_in",
        "&Larger text",
        "Make the text and buttons larger",
        (QKeySequence.StandardKey.ZoomIn, "Ctrl++", "Ctrl+="),
        on_toolbar=True,
        toolbar_text="A+",
    ),
    ActionSpec(
        "zoom_reset",
        "&Normal text size",
        "Put the text back to its normal size",
        ("Ctrl+0",),
    ),
    ActionSpec(
        "reset_settings",
        "&Reset to defaults",
        "Put text size, colours, line spacing and the window back as they were at first",
        (),
    ),
)


def plain_text(text: str) -> str:
    """Return an action's text without its mnemonic ampersand or trailing ellipsis."""
    return text.replace("&", "").rstrip("…")


def _key_sequences(shortcuts: tuple[Shortcut, ...]) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            found = QKeySequence.keyBindings(shortcut)
        else:
            found = [QKeySequence(shortcut)]
        sequences.extend(s for s in found if s not in sequences)
    return sequences


def create_actions(parent: QWidget) -> dict[str, QAction]:
    """Create one QAction per row of ACTION_SPECS, keyed by name."""
    actions: dict[str, QAction] = {}
    for spec in ACTION_SPECS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.name}")
        if spec.toolbar_text:
            action.setIconText(spec.toolbar_text)
        action.setShortcuts(_key_sequences(spec.shortcuts))
        tip = spec.tip
        if action.shortcuts():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({keys})"
        action.setToolTip(tip)
        action.setStatusTip(spec.tip)
        actions[spec.name] = action
    return actions
