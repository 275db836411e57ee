"""Every user action in one table: words, menu, toolbar place, shortcuts, waiting-room flag.

Menus and the toolbar are built from this table and nothing else. Choices (text size, colours,
line spacing) are rows too, generated from the values the reader offers, so the waiting-room
mode can filter every action by one flag and tests can walk every action.
"""

import re
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

from kyphoreader.reading.fontscale import NAMED_SIZES
from kyphoreader.reading.theme import LINE_SPACINGS, THEMES

Shortcut = QKeySequence.StandardKey | str

#: The menus, in menu-bar order.
MENUS = ("&File", "&View", "&Search", "&Go", "&Read aloud", "&Help")
_LINE_SPACING_NAMES = {150: "1.5 (normal)", 175: "1.75", 200: "Double", 250: "2.5"}


# A NamedTuple, without postponed annotations (which NamedTuple would compile one by one):
# importing dataclasses and making a frozen dataclass cost some 2 ms on the way to the usable
# window (issue #16).
class ActionSpec(NamedTuple):
    """How one action looks and is reached.

    Attributes:
        name: the action's name; the QAction is ``action_<name>``.
        text: menu text with its mnemonic.
        tip: what the action does, for tooltips, status bar and screen readers.
        shortcuts: key sequences, standard keys first.
        kiosk_allowed: whether the waiting-room mode offers it.
        toolbar: place on its toolbar, from 1 at the left; 0 means not on a toolbar.
        toolbar_row: 1 for the main toolbar; 2 for the read-aloud toolbar beside the search
            box (the main toolbar has no room left at the largest size).
        toolbar_text: shorter label for the toolbar, so it fits at large sizes.
        menu: the menu it is in ('' for none), in table order.
        submenu: a submenu of ``menu`` ('' for none).
        separator_before: a separator goes above it in its menu.
        group: actions with the same group are exclusive, checkable choices.
        value: the value a choice stands for (a size, theme name or spacing).
        checkable: the action is on or off (a choice, or a panel shown or hidden).
        field_keys: keys that trigger it while the search field has the keyboard.
    """

    name: str
    text: str
    tip: str
    shortcuts: tuple[Shortcut, ...] = ()
    kiosk_allowed: bool = True
    toolbar: int = 0
    toolbar_row: int = 1
    toolbar_text: str = ""
    menu: str = ""
    submenu: str = ""
    separator_before: bool = False
    group: str = ""
    value: object = None
    checkable: bool = False
    field_keys: tuple[str, ...] = ()


def _choices(group: str, submenu: str, tip: str, values: list[tuple[str, object]]):  # noqa: ANN202
    return tuple(
        ActionSpec(
            f"{group}_{value}",
            label,
            tip.format(label=label.replace("&", "")),
            menu="&View",
            submenu=submenu,
            group=group,
            value=value,
            checkable=True,
        )
        for label, value in values
    )


ACTION_SPECS: tuple[ActionSpec, ...] = (
    # -- File
    ActionSpec(
        "open",
        "&Open leaflet…",
        "Open another leaflet file",
        (QKeySequence.StandardKey.Open,),
        kiosk_allowed=False,
        menu="&File",
    ),
    ActionSpec(
        "print",
        "&Print…",
        "Print the leaflet in large print",
        (QKeySequence.StandardKey.Print,),
        toolbar=6,
        toolbar_text="Print",
        menu="&File",
        separator_before=True,
    ),
    ActionSpec(
        "print_preview",
        "Print pre&view…",
        "See the pages before printing",
        ("Ctrl+Shift+P",),
        kiosk_allowed=False,
        menu="&File",
    ),
    ActionSpec(
        "export_pdf",
        "&Save as PDF…",
        "Save a large-print PDF of the leaflet",
        ("Ctrl+Shift+S",),
        kiosk_allowed=False,
        menu="&File",
    ),
    ActionSpec(
        "quit",
        "&Quit",
        "Close the reader",
        (QKeySequence.StandardKey.Quit,),
        kiosk_allowed=False,
        menu="&File",
        separator_before=True,
    ),
    # -- View
    ActionSpec(
        "toggle_contents",
        "&Contents",
        "Show or hide the list of sections",
        ("Ctrl+T",),
        toolbar=1,
        menu="&View",
        checkable=True,
    ),
    ActionSpec(
        "zoom_in",
        "&Larger text",
        "Make the text and buttons larger",
        (QKeySequence.StandardKey.ZoomIn, "Ctrl++", "Ctrl+="),
        toolbar=8,
        toolbar_text="A+",
        menu="&View",
        separator_before=True,
    ),
    ActionSpec(
        "zoom_out",
        "&Smaller text",
        "Make the text and buttons smaller",
        (QKeySequence.StandardKey.ZoomOut, "Ctrl+-"),
        toolbar=7,
        toolbar_text="A-",
        menu="&View",
    ),
    ActionSpec(
        "zoom_reset",
        "&Normal text size",
        "Put the text back to its normal size",
        ("Ctrl+0",),
        menu="&View",
    ),
    *_choices(
        "text_size",
        "Text si&ze",
        "Show the text at the {label} size",
        [(label, percent) for label, percent in NAMED_SIZES],
    ),
    *_choices(
        "theme",
        "&Colours",
        "Colour the reader {label}",
        [(theme.label, theme.name) for theme in THEMES.values()],
    ),
    *_choices(
        "line_spacing",
        "&Line spacing",
        "Set the line spacing to {label}",
        [(_LINE_SPACING_NAMES[value], value) for value in LINE_SPACINGS],
    ),
    ActionSpec(
        "reset_settings",
        "&Reset to defaults",
        "Put text size, colours, line spacing and the window back as they were at first",
        kiosk_allowed=False,
        menu="&View",
        separator_before=True,
    ),
    # -- Search
    ActionSpec(
        "find",
        "&Find…",
        "Search the leaflet for a word",
        (QKeySequence.StandardKey.Find,),
        menu="&Search",
    ),
    ActionSpec(
        "find_next",
        "Find &next",
        "Go to the next match",
        (QKeySequence.StandardKey.FindNext, "F3"),
        menu="&Search",
        field_keys=("Return", "Enter"),
    ),
    ActionSpec(
        "find_previous",
        "Find pre&vious",
        "Go to the previous match",
        (QKeySequence.StandardKey.FindPrevious, "Shift+F3"),
        menu="&Search",
        field_keys=("Shift+Return", "Shift+Enter"),
    ),
    ActionSpec(
        "clear_search",
        "&Clear search",
        "Clear the search and its highlights",
        ("Esc",),
        menu="&Search",
        separator_before=True,
        field_keys=("Esc",),
    ),
    # -- Go
    ActionSpec(
        "previous_section",
        "&Previous section",
        "Go to the start of the previous section",
        ("Ctrl+PgUp", "Alt+Up"),
        toolbar=2,
        toolbar_text="◀ Previous",
        menu="&Go",
    ),
    ActionSpec(
        "next_section",
        "&Next section",
        "Go to the start of the next section",
        ("Ctrl+PgDown", "Alt+Down"),
        toolbar=3,
        toolbar_text="Next ▶",
        menu="&Go",
    ),
    ActionSpec(
        "back",
        "&Back",
        "Go back to where you were before following a link",
        (QKeySequence.StandardKey.Back,),
        toolbar=4,
        menu="&Go",
        separator_before=True,
    ),
    ActionSpec(
        "next_explained_word",
        "Ne&xt explained word",
        "Go to the next word that is explained in everyday words",
        ("F2",),
        menu="&Go",
        separator_before=True,
    ),
    ActionSpec(
        "previous_explained_word",
        "Pre&vious explained word",
        "Go to the previous word that is explained in everyday words",
        ("Shift+F2",),
        menu="&Go",
    ),
    ActionSpec(
        "next_link",
        "Next &link",
        "Put the reading position on the next link in the text (Enter follows it)",
        ("Ctrl+L",),
        menu="&Go",
        separator_before=True,
    ),
    ActionSpec(
        "previous_link",
        "Previous l&ink",
        "Put the reading position on the previous link in the text",
        ("Ctrl+Shift+L",),
        menu="&Go",
    ),
    ActionSpec(
        "next_region",
        "Next pa&rt of the window",
        "Move the keyboard to the next part of the window: buttons, search, contents, text, "
        "results",
        ("F6",),
        menu="&Go",
        separator_before=True,
    ),
    ActionSpec(
        "previous_region",
        "Previous par&t of the window",
        "Move the keyboard to the previous part of the window",
        ("Shift+F6",),
        menu="&Go",
    ),
    # -- Read aloud (the words are the read-aloud bar's; the window relabels Pause / Resume)
    ActionSpec(
        "read_aloud",
        "&Read aloud",
        "Read the leaflet aloud from the top of the view or the selected text; again to pause",
        ("F8", "Ctrl+Shift+U"),
        toolbar=1,
        toolbar_row=2,
        toolbar_text="Read aloud",
        menu="&Read aloud",
    ),
    ActionSpec(
        "stop_reading",
        "S&top reading",
        "Stop reading aloud",
        ("Shift+F8",),
        menu="&Read aloud",
    ),
    ActionSpec(
        "previous_sentence",
        "Pre&vious sentence",
        "Read the sentence before again",
        ("F7",),
        menu="&Read aloud",
        separator_before=True,
    ),
    ActionSpec(
        "next_sentence",
        "&Next sentence",
        "Skip to the next sentence",
        ("F9",),
        menu="&Read aloud",
    ),
    ActionSpec(
        "read_slower",
        "Read &slower",
        "Read aloud more slowly",
        ("Shift+F7",),
        menu="&Read aloud",
        separator_before=True,
    ),
    ActionSpec(
        "read_faster",
        "Read &faster",
        "Read aloud more quickly",
        ("Shift+F9",),
        menu="&Read aloud",
    ),
    ActionSpec(
        "read_references",
        "Read the r&eference list aloud",
        "Read the list of references aloud (ordinary reading leaves it out)",
        menu="&Read aloud",
        separator_before=True,
    ),
    # -- Help
    ActionSpec(
        "contact_clinic",
        "&Contact the clinic…",
        "Whom to call about this leaflet, and how to get it in other formats",
        menu="&Help",
    ),
    ActionSpec(
        "about",
        "&About this leaflet",
        "Who wrote this leaflet, where it comes from, and whether it was checked",
        (QKeySequence.StandardKey.HelpContents,),
        toolbar=5,
        toolbar_text="About",
        menu="&Help",
    ),
    ActionSpec(
        "words_explained",
        "&Words explained…",
        "The hard words of the leaflet and what they mean, from A to Z",
        ("Ctrl+Shift+E",),
        toolbar=5,  # just after About: the same number keeps this row's order
        toolbar_text="Words",
        menu="&Help",
        separator_before=True,
    ),
    ActionSpec(
        "explain_word",
        "&Explain this word",
        "Show what the marked word at the cursor means (Enter on a marked word does too)",
        ("Ctrl+E",),
        menu="&Help",
    ),
)

#: Every action by name.
SPECS_BY_NAME: dict[str, ActionSpec] = {spec.name: spec for spec in ACTION_SPECS}


def toolbar_specs(row: int = 1) -> list[ActionSpec]:
    """The actions on the main toolbar (or the toolbar of ``row``), left to right."""
    return sorted(
        (s for s in ACTION_SPECS if s.toolbar and s.toolbar_row == row), key=lambda s: s.toolbar
    )


def field_key_sequences(name: str) -> list[QKeySequence]:
    """The keys that trigger action ``name`` inside the search field."""
    return [QKeySequence(key) for key in SPECS_BY_NAME[name].field_keys]


def plain_text(text: str) -> str:
    """Return an action's text without its mnemonic ampersand or trailing ellipsis."""
    return text.replace("&", "").rstrip("…")


def label_words(text: str) -> list[str]:
    """The words of a visible label, lower case; symbols such as ◀ and ↑ are not words."""
    return re.findall(r"[\w+\-−]*\w[\w+\-−]*|\w[+\-−]+", text.replace("&", "").lower())


def name_holds_label(name: str, label: str) -> bool:
    """True when an accessible name contains every word of the visible label (WCAG 2.5.3)."""
    words = label_words(name)
    return all(word in words for word in label_words(label))


def toolbar_name(spec: ActionSpec) -> str:
    """The screen-reader name of a toolbar button, which always holds its visible label.

    That is the full name ("Previous section" for "◀ Previous"), led by the visible label
    where the full name does not already contain it ("A+ Larger text").
    """
    name = plain_text(spec.text)
    label = spec.toolbar_text or name
    return name if name_holds_label(name, label) else f"{label} {name}"


def _key_sequences(shortcuts: tuple[Shortcut, ...]) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            found = QKeySequence.keyBindings(shortcut)
        else:
            found = [QKeySequence(shortcut)]
        sequences.extend(s for s in found if s not in sequences)
    return sequences


def create_actions(
    parent: QWidget,
    kiosk: bool = False,
    allowed: Callable[[ActionSpec], bool] | None = None,
) -> dict[str, QAction]:
    """Create one QAction per row of ACTION_SPECS, keyed by name.

    In the waiting-room mode (``kiosk``) the actions it does not allow are not created at all,
    so neither a menu, the toolbar nor a shortcut can reach them; ``allowed`` leaves out more
    (the waiting-room policy's ``allows``: print only where the clinic allows it). Choices of
    one group are made exclusive.
    """
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in ACTION_SPECS:
        if (kiosk and not spec.kiosk_allowed) or (allowed is not None and not allowed(spec)):
            continue
        # Not QAction(text, parent): PySide would weigh QAction(icon, text) and make QIcon's
        # enums, a millisecond before the window is usable (issue #16).
        action = QAction(parent)
        action.setText(spec.text)
        action.setObjectName(f"action_{spec.name}")
        action.setCheckable(spec.checkable)
        if spec.group:
            if spec.group not in groups:
                groups[spec.group] = QActionGroup(parent)
                groups[spec.group].setExclusive(True)
            groups[spec.group].addAction(action)
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
