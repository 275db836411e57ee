"""The review notice bar above the reader: review status and disclaimer, seen at every start.

The reader reopens at the section read last, so the notice at the top of the text would
scroll out of sight; this bar stays above the text, whatever section is shown, until the
reader hides it for the session. It spans the window under the toolbars (so its words take
as few lines as they can), uses the reader's own text size and colours, and tells a screen
reader what it is (a notification) and what it says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from kyphoreader.app.enumproperty import set_enum_property
from kyphoreader.reading.accessfactory import (
    LateRegistration,
    install_factory_once,
    replace_plain_interface,
)
from kyphoreader.reading.style import set_font_everywhere
from kyphoreader.reading.theme import Theme
from kyphoreader.reading.typography import reading_font
from kyphoreader.reading.viewportsize import viewport_size

if TYPE_CHECKING:  # datetime is imported only when a leaflet has review dates
    import datetime as dt

    from PySide6.QtGui import QAccessibleInterface, QResizeEvent
    from PySide6.QtWidgets import QAccessibleWidget

    from kyphoreader.core.leaflet import Leaflet

#: What a screen reader calls the bar.
NOTICE_NAME = "Review notice"
#: The most of the window's height the notice may take; beyond it, its text scrolls.
MAX_SHARE_OF_HEIGHT = 0.3
#: Smallest size of a button (WCAG 2.5.5 target size: 44 by 44 px).
BUTTON_MIN_HEIGHT = 48


class _NoticeScroll(QScrollArea):
    """The scroll area round the notice's text; says when the text's width may have changed.

    A scroll area's ``resizeEvent`` is its viewport's (the scroll bar coming or going
    changes it too): watching the viewport itself would make PySide build every widget
    class first (reading/viewportsize.py).
    """

    viewport_resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.viewport_resized.emit()


class NoticeBar(QToolBar):
    """The leaflet's review status and disclaimer, with Read more and Hide.

    A fixed bar in the main window's top area, under the toolbars. Hiding lasts for the
    session only: nothing is saved, a new leaflet brings the notice back, and ``reset()`` (the
    waiting room's, between visitors) shows it again.

    Signals:
        read_more_requested(): the reader asked to read more (the window opens About).
    """

    read_more_requested = Signal()

    def __init__(self, parent: QWidget | None = None, interface_after_show: bool = False) -> None:
        """Make the bar; with ``interface_after_show``, tell screen readers its role late.

        Qt then learns of it only when ``adopt_interface`` is called (``accessfactory.py``).
        """
        super().__init__(NOTICE_NAME, parent)
        self._interface = LateRegistration(
            interface_after_show, install_notice_accessibility, adopt_notice_interface
        )
        self.setObjectName("notice_bar")
        self.setProperty(NOTICE_PROPERTY, True)  # a notification to screen readers
        self.setAccessibleName(NOTICE_NAME)
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not offered in the toolbars' menu
        self._hidden_by_reader = False
        self.panel = QFrame(self)
        self.panel.setObjectName("notice_panel")
        self.label = QLabel(self.panel)
        self.label.setObjectName("notice_text")
        set_enum_property(self.label, "textFormat", "PlainText")  # leaflet text is never markup
        self.label.setWordWrap(True)
        set_enum_property(self.label, "textInteractionFlags", "TextSelectableByMouse")
        self.scroll = _NoticeScroll(self.panel)
        self.scroll.setObjectName("notice_scroll")
        self.scroll.setAccessibleName(NOTICE_NAME)  # what it scrolls, when it takes the keys
        self.scroll.setWidget(self.label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        set_enum_property(self.scroll, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.read_more_button = self._button("Read &more", "Open About this leaflet")
        self.hide_button = self._button("Hi&de", "Hide this notice until the reader starts again")
        layout = QHBoxLayout(self.panel)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.scroll, 1)
        buttons = QHBoxLayout()  # at the top of the notice, however tall its text
        buttons.addWidget(self.read_more_button)
        buttons.addWidget(self.hide_button)
        column = QVBoxLayout()
        column.addLayout(buttons)
        column.addStretch(1)
        layout.addLayout(column)
        self.panel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(self.panel)
        self.scroll.viewport_resized.connect(self._fit)
        self.read_more_button.clicked.connect(self.read_more_requested)
        self.hide_button.clicked.connect(self.hide_for_session)
        self.hide()

    def adopt_interface(self) -> None:
        """Tell assistive technology the bar is a notification, if not told when it was made."""
        self._interface.adopt(self)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(self.panel)  # (text, parent) would make QIcon's enums (#16)
        button.setText(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(tip)
        button.setToolTip(tip)
        button.setMinimumHeight(BUTTON_MIN_HEIGHT)
        return button

    # -- what it says ------------------------------------------------------------------------

    def text(self) -> str:
        """The notice as shown."""
        return self.label.text()

    def set_leaflet(self, leaflet: Leaflet | None, today: dt.date | None = None) -> None:
        """Show the notice of ``leaflet`` (a new leaflet brings a hidden notice back)."""
        from kyphoreader.core.notice import notice_text

        self.set_text(notice_text(leaflet.meta, today) if leaflet is not None else "")

    def set_text(self, text: str, keep_hidden: bool = False) -> None:
        """Show ``text`` as the notice (a start from the kept copy has it before the leaflet).

        With ``keep_hidden`` a notice the reader hid stays hidden: the same leaflet, loaded late.
        """
        if text != self.label.text():
            self.label.setText(text)
            self.label.setAccessibleName(text)
            self.setAccessibleDescription(text)
        if not keep_hidden:
            self._hidden_by_reader = False
        self._update_shown()

    def is_shown(self) -> bool:
        """True while the notice is meant to be on screen (there is one and it is not hidden)."""
        return bool(self.text()) and not self._hidden_by_reader

    @Slot()
    def hide_for_session(self) -> None:
        """Hide the notice until the reader starts again (or a reset, or another leaflet)."""
        self._hidden_by_reader = True
        self._update_shown()

    def reset(self) -> None:
        """Show the notice again, as at start (the waiting room does this between visitors)."""
        self._hidden_by_reader = False
        self._update_shown()

    def _update_shown(self) -> None:
        self.setVisible(self.is_shown())
        self._fit()

    # -- how it looks ------------------------------------------------------------------------

    def set_appearance(self, body_points: float, interface_points: float, theme: Theme) -> None:
        """Text in the reader's size and colours; buttons in the interface font."""
        self.setStyleSheet(
            f"""
            #notice_panel {{
                background: {theme.background};
                border: 3px solid {theme.text};
                border-radius: 6px;
            }}
            #notice_scroll, #notice_scroll > QWidget, #notice_text {{
                background: {theme.background};
                color: {theme.text};
            }}
            """
        )
        set_font_everywhere(self.panel, reading_font(interface_points))
        self.label.setFont(reading_font(body_points))
        self._fit()

    def _fit(self) -> None:
        """As tall as the text needs, but never more than a share of the window."""
        width = viewport_size(self.scroll)[0]
        needed = self.label.heightForWidth(width) if width > 0 else self.label.sizeHint().height()
        area = self.window().height() if self.window() is not self else 0
        line = self.label.fontMetrics().lineSpacing()
        limit = max(2 * line, int(area * MAX_SHARE_OF_HEIGHT)) if area else needed
        height = max(line, min(needed, limit))
        if self.scroll.height() != height:
            self.scroll.setFixedHeight(height)
        # Only text that has to scroll is a stop for the keyboard (arrows then scroll it).
        set_enum_property(
            self.scroll, "focusPolicy", "StrongFocus" if needed > height else "NoFocus"
        )


#: The application property that records that the notice's factory is registered.
_INSTALLED = "kyphoreader_notice_accessibility"
#: The property that marks a NoticeBar as one the factory makes a notification of.
NOTICE_PROPERTY = "kyphoreader_notice"


def _notice_accessible(_key: str, obj: QObject) -> QAccessibleWidget | None:
    """A screen reader's view of a NoticeBar: a notification, named and described."""
    if isinstance(obj, NoticeBar) and obj.property(NOTICE_PROPERTY):
        from PySide6.QtGui import QAccessible
        from PySide6.QtWidgets import QAccessibleWidget

        return QAccessibleWidget(obj, QAccessible.Role.Notification, "")
    return None


def _is_notification(made: QAccessibleInterface) -> bool:
    from PySide6.QtGui import QAccessible

    return made.role() == QAccessible.Role.Notification


def install_notice_accessibility() -> None:
    """Tell screen readers that a NoticeBar is a notification (once per application)."""
    install_factory_once(_INSTALLED, _notice_accessible)


def adopt_notice_interface(bar: QWidget, active: bool | None = None) -> bool:
    """Register the notice's role after ``bar`` was shown. True: a plain one was replaced.

    See ``reading/accessfactory.py``'s ``replace_plain_interface`` for ``active``.
    """
    install_notice_accessibility()
    return replace_plain_interface(bar, _is_notification, active)
