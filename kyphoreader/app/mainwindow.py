"""The main window: builds the chrome, creates each feature's controller, wires them together.

Each feature's state lives on its controller (appearance, navigation, search, printing, the
dialog host), never here. ``reset()`` returns every one of them to a fresh start, which is
what the waiting-room mode calls between visitors.

The text comes first: with ``deferred=True`` (how the reader starts) the window builds only
what the text needs to be seen (the reading pane in its font, size and colours) and builds the
rest in ``finish_building()``, called just after the reader's first paint. The modules only the
rest needs are imported there, so they cost nothing before the text is on screen
(tests/gui/test_first_paint.py keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from kyphoreader import APP_DISPLAY_NAME
from kyphoreader.app.screenfit import fit_on_screen
from kyphoreader.core.settings import (
    Settings,
    SettingsStore,
    leaflet_key,
    load_settings,
    save_settings,
)
from kyphoreader.reading.controller import AppearanceController, AppearanceDefaults
from kyphoreader.reading.typography import load_reading_typeface
from kyphoreader.reading.view import ReaderView

if TYPE_CHECKING:  # imported for real in finish_building(), after the first paint
    from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent, QShowEvent
    from PySide6.QtWidgets import QDockWidget

    from kyphoreader.app.actions import ActionSpec
    from kyphoreader.app.bars import MenuBar, ToolBar
    from kyphoreader.app.dialogs import DialogHost
    from kyphoreader.app.reflow import PanelReflow
    from kyphoreader.app.regions import RegionCycler
    from kyphoreader.core.clinic import ClinicConfig
    from kyphoreader.core.leaflet import Leaflet
    from kyphoreader.core.snapshot import Snapshot
    from kyphoreader.glossary.controller import GlossaryController
    from kyphoreader.printing.flow import PrintFlow
    from kyphoreader.readaloud.controller import ReadAloudController
    from kyphoreader.readaloud.controls import ReadAloudControls
    from kyphoreader.reading.navigation import NavigationController
    from kyphoreader.reading.notice import NoticeBar
    from kyphoreader.reading.toc import TocPanel
    from kyphoreader.search.bar import SearchBar
    from kyphoreader.search.results import ResultsPanel
    from kyphoreader.search.session import SearchSession

DEFAULT_WINDOW_SIZE = (1024, 768)
#: Changed settings are written this long after the last change (a burst of A+ writes once).
SAVE_DELAY_MS = 500


class MainWindow(QMainWindow):
    """The reader's window: chrome, controllers, and the signals between them.

    Signals:
        built(): finish_building() has built and wired everything besides the text.
        settled(): what waits until the whole window is on screen is done too (the marks
            of the explained words); emitted once, just after ``built`` when not deferred.
        chrome_painted(): the bars and panels built after the text are painted (once, when
            the window was shown as they were built).
        resized(): the window changed size (the panels' reflow follows it).
    """

    built = Signal()
    chrome_painted = Signal()
    settled = Signal()
    resized = Signal()

    def __init__(
        self,
        store: SettingsStore,
        clinic: ClinicConfig | None = None,
        parent: QWidget | None = None,
        allowed: Callable[[ActionSpec], bool] | None = None,
        deferred: bool = False,
    ) -> None:
        """Build the window; with ``deferred``, only what the text needs (see the module doc)."""
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(APP_DISPLAY_NAME)
        if clinic is None:  # no clinic file: its module is imported after the first paint
            defaults = AppearanceDefaults()
        else:
            reading = clinic.reading
            defaults = AppearanceDefaults(reading.text_size, reading.theme, reading.line_spacing)
        self._clinic = clinic
        self._store = store
        self.settings: Settings = load_settings(
            store,
            Settings(
                text_size=defaults.text_size,
                theme=defaults.theme,
                line_spacing=defaults.line_spacing,
            ),
        )
        self.leaflet: Leaflet | None = None
        self._snapshot: Snapshot | None = None
        self._leaflet_loader: Callable[[], None] | None = None
        self._restore_section_on_show = False
        self._built = False
        self._settled = False
        self._printing: PrintFlow | None = None
        self._glossary: GlossaryController | None = None
        self._read_aloud: ReadAloudController | None = None
        self._read_aloud_controls: ReadAloudControls | None = None
        self._chrome_painted_by: MenuBar | ToolBar | None = None
        self._allowed = allowed
        load_reading_typeface()

        # What the text needs: the reading pane in its size, spacing and colours.
        self._build_reading_area(deferred)
        self.appearance = AppearanceController(self.reader, self._chrome, defaults, self)
        self.appearance.restore(
            self.settings.text_size, self.settings.theme, self.settings.line_spacing
        )
        self.resize(*DEFAULT_WINDOW_SIZE)
        if self.settings.geometry:
            self.restoreGeometry(QByteArray(self.settings.geometry))
        fit_on_screen(self)  # at any display scaling (200 % on a 1280x1024 screen, say)
        # Deferred: built just after the text's first paint, from the first show (showEvent).
        self._build_after_paint = deferred
        #: Accessible interfaces are registered once the window is whole (accessfactory.py).
        self._interfaces_when_settled = deferred
        if not deferred:
            self.finish_building()

    @property
    def clinic(self) -> ClinicConfig:
        """The clinic file's settings (the built-in ones when there is no clinic file)."""
        if self._clinic is None:
            from kyphoreader.core.clinic import ClinicConfig

            self._clinic = ClinicConfig()
        return self._clinic

    def is_built(self) -> bool:
        """True once everything besides the text is built and wired."""
        return self._built

    @property
    def printing(self) -> PrintFlow:
        """Printing, previews and PDFs: made the first time it is asked for (issue #16)."""
        if self._printing is None:
            from kyphoreader.printing.flow import PrintFlow

            self._printing = PrintFlow(
                self.dialogs,
                self.ensure_leaflet,
                self.navigation.current_section,
                self.clinic,
                self,
                glossary=lambda: self.glossary.glossary,
            )
            self._printing.status.connect(self._show_status)
        return self._printing

    @property
    def glossary(self) -> GlossaryController:
        """Words explained: made as the window settles, or when first asked for (issue #16).

        Its module, its bubble and its reading of the glossary are not needed to use the
        window, so they wait until the panels are on screen.
        """
        if self._glossary is None:
            from kyphoreader.glossary.controller import GlossaryController

            self.finish_building()  # it works with the dialogs and the search
            self.ensure_leaflet()

            glossary = GlossaryController(self.reader, self.dialogs, self)
            self._glossary = glossary
            glossary.apply_theme(self.appearance.theme)
            self.appearance.theme_applied.connect(glossary.apply_theme)
            glossary.glossary_loaded.connect(self.search_session.set_glossary)
            glossary.message.connect(self._show_status)
            if self.isVisible():  # the text is painted: its words are marked by _settle()
                glossary.hold_marks()
            if self.leaflet is not None:
                glossary.set_leaflet(self.leaflet)
        return self._glossary

    @property
    def read_aloud(self) -> ReadAloudController:
        """Read aloud: made the first time it is used (issue #16), with its bar."""
        if self._read_aloud is None:
            from kyphoreader.readaloud.controller import ReadAloudController

            self.finish_building()  # it works with the window's actions
            self.ensure_leaflet()

            read_aloud = ReadAloudController(self.reader, self.read_aloud_controls, parent=self)
            self._read_aloud = read_aloud
            read_aloud.restore(self.settings.read_aloud_speed, self.settings.read_aloud_voice)
            read_aloud.apply_theme(self.appearance.theme)
            self.appearance.theme_applied.connect(read_aloud.apply_theme)
            read_aloud.unavailable.connect(self._on_read_aloud_unavailable)
            read_aloud.message.connect(self._show_status)
            read_aloud.state_changed.connect(self._on_read_aloud_changed)
            read_aloud.speed_changed.connect(self._on_read_aloud_changed)
            read_aloud.speed_changed.connect(self._save_soon)
            read_aloud.voice_changed.connect(self._save_soon)
            if self.leaflet is not None:
                read_aloud.set_leaflet(self.leaflet)
        return self._read_aloud

    @property
    def read_aloud_controls(self) -> ReadAloudControls:
        """The read-aloud bar above the text: hidden until read aloud is first used."""
        if self._read_aloud_controls is None:
            from kyphoreader.readaloud.controls import ReadAloudControls

            # In the central widget rather than a toolbar, so that it can wrap onto more rows
            # at large sizes.
            controls = ReadAloudControls(self)
            controls.hide()
            self._reading_column.insertWidget(0, controls)
            self._read_aloud_controls = controls
            if self._built:
                self.appearance.style_widget(controls)
        return self._read_aloud_controls

    def is_settled(self) -> bool:
        """True once the work that waits for the whole window to be on screen is done."""
        return self._settled

    @Slot()
    def _on_text_painted(self) -> None:
        """Build the rest just after the reader's first paint."""
        self.reader.painted.disconnect(self._on_text_painted)
        # Queued from the paint itself, so it runs once the text is on screen (a timer started
        # at show() would run before the first paint).
        QTimer.singleShot(0, self.finish_building)

    def _settle_once_painted(self) -> None:
        """Mark the explained words once the panels are painted: the window is usable first.

        Reading the glossary and marking its words takes about 15 ms; done before the
        panels' first paint, it would hold them back, and the text shows no marks sooner.
        The bars are painted with the panels, in the same pass over the window.
        """
        bars: list[MenuBar | ToolBar] = [self.menuBar(), self.toolbar]
        shown = next((bar for bar in bars if bar.isVisibleTo(self)), None)
        if shown is None:
            self._on_chrome_painted()
            return
        self._chrome_painted_by = shown
        shown.painted.connect(self._on_chrome_painted)

    def _on_chrome_painted(self) -> None:
        if self._chrome_painted_by is not None:
            self._chrome_painted_by.painted.disconnect(self._on_chrome_painted)
            self._chrome_painted_by = None
        self.chrome_painted.emit()
        QTimer.singleShot(0, self._settle)

    def _settle(self) -> None:
        if self._settled:
            return
        self._finish_accessibility()
        self.ensure_leaflet()
        if self.leaflet is not None:
            self.glossary.load()
        self._settled = True
        self.settled.emit()

    def _finish_accessibility(self) -> None:
        """Give assistive technology the text's, the contents' and the notice's own interfaces.

        Registered here, once the window is whole, rather than as they are made: naming Qt's
        accessibility classes would hold back the usable window (reading/accessfactory.py).
        Every control without a name gets one here too.
        """
        from kyphoreader.app.polish import name_controls

        self.reader.adopt_interface()
        self.contents.adopt_interface()
        self.notice.adopt_interface()
        # Our controls are named as they are made; this names any Qt made (the toolbars'
        # "More buttons", say), walking every widget of the window.
        name_controls(self)

    def finish_building(self) -> None:
        """Build everything besides the text, wire it, and give it the leaflet shown.

        The panels and toolbars arrive together, so the text moves at most once, right after
        the first paint; keyboard focus stays in the reader.
        """
        if self._built:
            return
        self._built = True
        from kyphoreader.app.actions import create_actions
        from kyphoreader.app.dialogs import DialogHost
        from kyphoreader.app.reflow import PanelReflow
        from kyphoreader.app.regions import RegionCycler
        from kyphoreader.reading.navigation import NavigationController
        from kyphoreader.search.session import SearchSession

        self._build_panels()
        self.actions_by_name: dict[str, QAction] = create_actions(self, allowed=self._allowed)
        self._build_menus()
        self.toolbar = self._build_toolbar()
        self._build_search_toolbar()
        self.read_aloud_toolbar = self._build_toolbar(2, "Read aloud toolbar")
        self._build_notice_bar()

        self.dialogs: DialogHost = DialogHost(self, self)
        self.reflow: PanelReflow = PanelReflow(
            self, self.reader, [self.contents_dock, self.results_dock], self.results, active=False
        )
        self.regions: RegionCycler = RegionCycler(
            [
                ("toolbar", self.toolbar, self._first_toolbar_button),
                ("search", self.search_toolbar, lambda: self.search_bar.field),
                ("contents", self.contents_dock, lambda: self.contents),
                ("reader", self.reader, lambda: self.reader),
                ("results", self.results_dock, lambda: self.results),
            ],
            self,
        )
        self.navigation: NavigationController = NavigationController(
            self.reader, self.contents, self
        )
        # Before the search's own connection: a query typed before a late leaflet loads it.
        self.search_bar.query_changed.connect(self._leaflet_for_search)
        self.search_session: SearchSession = SearchSession(
            self.reader, self.search_bar, self.results, self.contents, self
        )
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)

        self._connect_signals()
        self._restore_window()
        for widget in self._chrome():  # the text has its size and colours already
            self.appearance.style_widget(widget)
        self.search_session.apply_theme(self.appearance.theme)
        self._on_read_aloud_changed()
        self._on_appearance_changed()
        if self.leaflet is not None:
            top = self.reader.top_position()
            self._give_leaflet_to_features(self.leaflet)
            # A feature's fresh start may put the caret, and so the view, back at the start:
            # the text stays where it was painted (the section read last, say).
            self.reader.scroll_to_position(top)
            # What navigation would have passed on, had it been there when the text came.
            self.contents.set_current_section(self.reader.current_section())
            self._on_navigation_section_changed(self.reader.current_section())
        elif self._snapshot is not None:  # the leaflet comes later (load_leaflet_later)
            from kyphoreader.core.snapshot import outline_sections

            self.contents.set_sections(outline_sections(self._snapshot.outline))
            self.notice.set_text(self._snapshot.notice)
            self.contents.set_current_section(self.reader.current_section())
            self._on_navigation_section_changed(self.reader.current_section())
        if self.isVisible():
            self._show_chrome_now()
        self.reflow.start()  # the window is whole: its size is what the reader sees
        if self.isVisible():
            self.reader.setFocus()
            self._settle_once_painted()
        else:  # the marks come with the reader's first paint (GlossaryController)
            self._finish_accessibility()
            self.glossary  # noqa: B018 - made now, so that it marks with that paint
            self._settled = True
        self.built.emit()
        if self._settled:
            self.settled.emit()

    def _show_chrome_now(self) -> None:
        """Show the panels and bars added to the shown window now, not an event later.

        Qt shows a widget added to a visible window's layout from the event loop, unless it
        was hidden on purpose; doing the same here makes the window whole when ``built`` is
        emitted (the contents' menu check follows the dock, for one).
        """
        from PySide6.QtCore import QCoreApplication, QEvent

        # Qt queued a call to each bar and panel that shows it unless it was hidden on
        # purpose; it is delivered here rather than a turn of the event loop later. The
        # window names its own (finding them among its children would hand PySide every
        # object of the window).
        bars_and_panels = [
            self.toolbar,
            self.search_toolbar,
            self.read_aloud_toolbar,
            self.notice,
            self.contents_dock,
            self.results_dock,
        ]
        for widget in bars_and_panels:
            QCoreApplication.sendPostedEvents(widget, QEvent.Type.MetaCall)
        QCoreApplication.sendPostedEvents(self.menuBar(), QEvent.Type.MetaCall)

    # -- construction ------------------------------------------------------------------------

    def _build_reading_area(self, deferred: bool) -> None:
        """The central widget: the reader (and, once built, the read-aloud bar above it).

        ``deferred``: the reader's accessible interface is registered once the window is whole.
        """
        self.reader = ReaderView(self, interface_after_show=deferred)
        central = QWidget(self)
        central.setObjectName("reading_area")
        self._reading_column = QVBoxLayout(central)
        self._reading_column.setContentsMargins(0, 0, 0, 0)
        self._reading_column.setSpacing(0)
        self._reading_column.addWidget(self.reader, 1)
        self.setCentralWidget(central)

    def _build_panels(self) -> None:
        """The contents and results panels; ``_place_panels`` puts them in the window."""
        from PySide6.QtWidgets import QDockWidget

        from kyphoreader.app.docktitle import give_big_title_bar
        from kyphoreader.reading.toc import TocPanel
        from kyphoreader.search.results import ResultsPanel

        features = (
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.contents: TocPanel = TocPanel(self, self._interfaces_when_settled)
        self.contents_dock: QDockWidget = QDockWidget("Contents", self)
        self.contents_dock.setObjectName("contents_dock")
        self.contents_dock.setAccessibleName("Contents panel")
        self.contents_dock.setWidget(self.contents)
        self.contents_dock.setFeatures(features)
        give_big_title_bar(self.contents_dock)
        self.results: ResultsPanel = ResultsPanel(self)
        self.results_dock: QDockWidget = QDockWidget("Search results", self)
        self.results_dock.setObjectName("results_dock")
        self.results_dock.setAccessibleName("Search results panel")
        self.results_dock.setWidget(self.results)
        self.results_dock.setFeatures(features)
        give_big_title_bar(self.results_dock)
        self.results_dock.hide()

    def _build_menus(self) -> None:
        """Every menu from the action table, in its order, with its separators and submenus."""
        from PySide6.QtWidgets import QMenu

        from kyphoreader.app.actions import ACTION_SPECS, MENUS
        from kyphoreader.app.bars import MenuBar

        self.setMenuBar(MenuBar(self))  # says when it is painted (app/bars.py)
        menus = {title: self.menuBar().addMenu(title) for title in MENUS}
        submenus: dict[tuple[str, str], QMenu] = {}
        for spec in ACTION_SPECS:
            action = self.actions_by_name.get(spec.name)
            if action is None or not spec.menu:
                continue
            menu = menus[spec.menu]
            if spec.submenu:
                key = (spec.menu, spec.submenu)
                if key not in submenus:
                    submenus[key] = menu.addMenu(spec.submenu)
                menu = submenus[key]
            if spec.separator_before and not menu.isEmpty():
                menu.addSeparator()
            menu.addAction(action)
            self.addAction(action)  # shortcuts work while the menu bar is hidden too
        for menu in menus.values():
            menu.menuAction().setVisible(not menu.isEmpty())

    def _build_toolbar(self, row: int = 1, title: str = "Main toolbar") -> ToolBar:
        """A toolbar of the actions of ``row``, below the bars added before it."""
        from PySide6.QtWidgets import QToolButton

        from kyphoreader.app.actions import toolbar_name, toolbar_specs
        from kyphoreader.app.bars import ToolBar
        from kyphoreader.app.enumproperty import set_enum_property

        toolbar = ToolBar(title, self)
        toolbar.setObjectName(title.lower().replace(" ", "_"))
        toolbar.setAccessibleName(title)
        toolbar.setMovable(False)
        set_enum_property(toolbar, "toolButtonStyle", "ToolButtonTextOnly")
        for spec in toolbar_specs(row):
            action = self.actions_by_name.get(spec.name)
            if action is None:
                continue
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setObjectName(f"button_{spec.name}")
                button.setAccessibleName(toolbar_name(spec))
                set_enum_property(button, "focusPolicy", "TabFocus")  # by F6, then Tab
                button.setAccessibleDescription(spec.tip)
                button.setToolTip(action.toolTip())
                button.setMinimumSize(48, 48)
        self.addToolBar(toolbar)  # at the top, as every bar (Qt's default area)
        return toolbar

    def _build_search_toolbar(self) -> None:
        from kyphoreader.app.bars import ToolBar
        from kyphoreader.search.bar import SearchBar

        self.search_bar: SearchBar = SearchBar(self)
        self.search_toolbar: ToolBar = ToolBar("Search", self)
        self.search_toolbar.setObjectName("search_toolbar")
        self.search_toolbar.setAccessibleName("Search toolbar")
        self.search_toolbar.setMovable(False)
        self.search_toolbar.addWidget(self.search_bar)
        self.addToolBarBreak()
        self.addToolBar(self.search_toolbar)

    def _build_notice_bar(self) -> None:
        """The review notice: above the reader, across the window, never in the scrolled text."""
        from kyphoreader.reading.notice import NoticeBar

        self.notice: NoticeBar = NoticeBar(self, self._interfaces_when_settled)
        self.addToolBarBreak()
        self.addToolBar(self.notice)

    def _first_toolbar_button(self) -> QWidget | None:
        for action in self.toolbar.actions():
            button = self.toolbar.widgetForAction(action)
            if button is not None and button.isVisible() and button.isEnabled():
                return button
        return None

    def _chrome(self) -> list[QWidget]:
        """Everything the interface font must reach: panels, toolbars, menus, open dialogs."""
        if not self._built:
            return []  # nothing yet besides the text
        return [
            self.toolbar,
            self.search_toolbar,
            self.read_aloud_toolbar,
            self.contents_dock,
            self.results_dock,
            *([self._read_aloud_controls] if self._read_aloud_controls is not None else []),
            self.menuBar(),
            *self.dialogs.open_dialogs(),
        ]

    def _connect_signals(self) -> None:
        """Every connection between actions, widgets and controllers, in one place.

        The controllers made later (read aloud, the glossary: see their properties) are
        connected to the window where they are made; the actions reach them through those
        properties.
        """
        from kyphoreader.app.actions import ACTION_SPECS

        actions = self.actions_by_name

        def on(name: str, slot) -> None:  # noqa: ANN001 - any callable slot
            if name in actions:
                actions[name].triggered.connect(slot)

        # File
        on("open", self._on_open_triggered)
        on("print", lambda: self.printing.start("print"))
        on("print_preview", lambda: self.printing.start("preview"))
        on("export_pdf", lambda: self.printing.start("pdf"))
        on("quit", self.close)
        # View
        actions["toggle_contents"].toggled.connect(self.contents_dock.setVisible)
        self.contents_dock.visibilityChanged.connect(self._on_contents_dock_visibility_changed)
        on("zoom_in", self.appearance.larger_text)
        on("zoom_out", self.appearance.smaller_text)
        on("zoom_reset", self.appearance.normal_text)
        on("reset_settings", self.reset_to_defaults)
        for spec in ACTION_SPECS:
            if spec.group and spec.name in actions:
                chooser = {
                    "text_size": self.appearance.set_text_size,
                    "theme": self.appearance.set_theme,
                    "line_spacing": self.appearance.set_line_spacing,
                }[spec.group]
                actions[spec.name].triggered.connect(
                    lambda _checked=False, choose=chooser, value=spec.value: choose(value)
                )
        self.reader.zoom_requested.connect(self.appearance.step)
        self.appearance.changed.connect(self._on_appearance_changed)
        self.appearance.changed.connect(self._save_soon)
        self.appearance.changed.connect(self.reflow.update)
        self.appearance.theme_applied.connect(self.search_session.apply_theme)
        self.dialogs.set_styler(self._style_dialog)
        # Search
        on("find", self.search_bar.focus_field)
        on("find_next", self.search_session.go_to_next)
        on("find_previous", self.search_session.go_to_previous)
        on("clear_search", self.search_session.clear)
        self.search_session.results_shown.connect(self._on_search_results_shown)
        self.search_session.nothing_found.connect(self.contents_dock.show)
        self.search_session.message.connect(self._show_status)
        # Words explained
        on("next_explained_word", lambda: self.glossary.go_to_next())
        on("previous_explained_word", lambda: self.glossary.go_to_previous())
        on("explain_word", lambda: self.glossary.explain_at_caret())
        on("words_explained", lambda: self.glossary.show_list())
        # Go
        on("previous_section", self.navigation.go_to_previous_section)
        on("next_section", self.navigation.go_to_next_section)
        on("back", self.navigation.go_back)
        on("next_link", self.navigation.go_to_next_link)
        on("previous_link", self.navigation.go_to_previous_link)
        on("next_region", self.regions.next)
        on("previous_region", self.regions.previous)
        self.navigation.history_changed.connect(actions["back"].setEnabled)
        self.navigation.section_changed.connect(self._on_navigation_section_changed)
        actions["back"].setEnabled(False)
        # Read aloud
        for name, slot in (
            ("read_aloud", "toggle"),
            ("stop_reading", "stop"),
            ("previous_sentence", "previous_sentence"),
            ("next_sentence", "next_sentence"),
            ("read_slower", "slower"),
            ("read_faster", "faster"),
            ("read_references", "read_references"),
        ):
            on(name, self._show_read_aloud_controls)
            on(name, lambda _checked=False, step=slot: getattr(self.read_aloud, step)())
        # Help
        on("about", self.show_about)
        on("contact_clinic", self.show_contact)
        self.notice.read_more_requested.connect(self.show_about)
        self._save_timer.timeout.connect(self.save_settings)

    def _style_dialog(self, dialog: QWidget) -> None:
        """The interface font, names that hold the visible labels, and a size that fits."""
        from kyphoreader.app.polish import polish_window

        self.appearance.style_widget(dialog)
        polish_window(dialog)

    def _restore_window(self) -> None:
        """Put the panels and toolbars where they were (the window's size is set already)."""
        self._place_panels()
        fit_on_screen(self)
        self.actions_by_name["toggle_contents"].setChecked(not self.contents_dock.isHidden())

    def _place_panels(self) -> None:
        """Put the panels and toolbars where the reader left them; a panel never placed, left.

        The saved layout places the panels itself (Qt finds them by their names), so a usual
        start never names Qt's dock areas (app/enumproperty.py, issue #16). A first start, or
        a saved layout without a panel, puts the contents at the left and the results below.
        """
        if self.settings.window_state:
            self.restoreState(QByteArray(self.settings.window_state))
        layout = self.layout()
        unplaced = [
            dock for dock in (self.contents_dock, self.results_dock) if layout.indexOf(dock) < 0
        ]
        if not unplaced:
            return
        from PySide6.QtCore import Qt

        left = Qt.DockWidgetArea.LeftDockWidgetArea
        if self.contents_dock in unplaced:
            self.addDockWidget(left, self.contents_dock)
            self.resizeDocks([self.contents_dock], [300], Qt.Orientation.Horizontal)
        if self.results_dock in unplaced:
            self.addDockWidget(left, self.results_dock, Qt.Orientation.Vertical)

    # -- the leaflet -------------------------------------------------------------------------

    def show_leaflet(self, leaflet: Leaflet) -> None:
        """Show ``leaflet`` in the reader and (once built) in the contents and every feature."""
        self._leaflet_loader = None  # a leaflet still to come from a kept copy is not wanted
        self._snapshot = None
        self.leaflet = leaflet
        self.setWindowTitle(leaflet.title)
        if self._read_aloud is not None:
            self._read_aloud.stop()  # before the text it reads goes
        self.reader.show_leaflet(leaflet)
        if self._built:
            self._give_leaflet_to_features(leaflet)
            self.navigation.reset()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Show the text kept from the last start, before the leaflet itself is loaded.

        ``adopt_leaflet`` gives the leaflet later (issue #16: the text is painted first).
        """
        self._snapshot = snapshot
        self.setWindowTitle(snapshot.title or APP_DISPLAY_NAME)
        self.reader.show_html(snapshot.html)
        self.reader.take_section_ids([heading.id for heading in snapshot.outline])

    def adopt_leaflet(self, leaflet: Leaflet) -> bool:
        """Take ``leaflet`` in place of the kept copy shown first. True: it is the same text.

        The same text stays where it is on screen. Other text (the copy was made by another
        parser, say) replaces it, at the section read last.
        """
        from kyphoreader.core.document import leaflet_document_html

        snapshot, self._snapshot = self._snapshot, None
        same = (
            snapshot is not None
            and snapshot.source_name == leaflet.source_name
            and snapshot.html == leaflet_document_html(leaflet)
        )
        if not same:
            typed = self.search_bar.text() if self._built else ""
            self.show_leaflet(leaflet)
            self.restore_last_section()
            if typed:  # a search typed before this leaflet came is kept, and runs in it
                self.search_bar.field.setText(typed)
            return False
        self.leaflet = leaflet
        self.setWindowTitle(leaflet.title)
        self.reader.take_leaflet(leaflet)
        if self._built:  # its panels show the copy's contents and notice: keep what is kept
            self._take_late_leaflet(leaflet, snapshot)
        return True

    def _take_late_leaflet(self, leaflet: Leaflet, snapshot: Snapshot) -> None:
        """Give the features the leaflet whose copy the panels were built from.

        What the reader did meanwhile stays: the query typed, a hidden notice, the place in
        the contents. The contents are rebuilt only if the leaflet's differ from the copy's.
        """
        from kyphoreader.core.notice import notice_text
        from kyphoreader.core.snapshot import outline_of

        if outline_of(leaflet) != snapshot.outline:
            self.contents.set_sections(leaflet.sections)
            self.contents.set_current_section(self.reader.current_section())
        self.notice.set_text(notice_text(leaflet.meta), keep_hidden=True)
        self.search_session.take_leaflet(leaflet)
        if self._read_aloud is not None:
            self._read_aloud.set_leaflet(leaflet)
        if self._glossary is not None:
            self._glossary.set_leaflet(leaflet)

    def load_leaflet_later(self, loader: Callable[[], None]) -> None:
        """Have ``loader`` give the window its leaflet once settled, or when first needed.

        A start from the kept copy (issue #16) builds the contents and the notice from the
        copy, and loads the leaflet itself only once the window is usable; whatever needs it
        before then (a search, Print, About, read aloud) loads it on the spot.
        """
        self._leaflet_loader = loader

    def ensure_leaflet(self) -> Leaflet | None:
        """The leaflet shown, loaded now if it was still to come (``load_leaflet_later``)."""
        loader, self._leaflet_loader = self._leaflet_loader, None
        if loader is not None:
            loader()
        return self.leaflet

    @Slot(str)
    def _leaflet_for_search(self, _query: str) -> None:
        self.ensure_leaflet()

    def _give_leaflet_to_features(self, leaflet: Leaflet) -> None:
        """The leaflet shown, to the contents and every feature that works on it."""
        if self._read_aloud is not None:  # else it takes the leaflet when it is made
            self._read_aloud.set_leaflet(leaflet)
        self.contents.set_sections(leaflet.sections)
        if self._glossary is not None:  # else it takes the leaflet when it is made
            self._glossary.set_leaflet(leaflet)
        self.notice.set_leaflet(leaflet)
        self.search_session.set_leaflet(leaflet)

    def leaflet_key(self) -> str:
        """The key settings use for the leaflet shown (its last section, say)."""
        if self.leaflet is not None:
            return leaflet_key(self.leaflet.source_name)
        return leaflet_key(self._snapshot.source_name) if self._snapshot is not None else ""

    def restore_last_section(self) -> None:
        """Go back to the section read last time in this leaflet, if it has it.

        Before the window is shown the view has no size to scroll in, so the jump waits for
        the first show.
        """
        if not self.isVisible():
            self._restore_section_on_show = True
            return
        section = self.settings.last_section(self.leaflet_key())
        if section:
            # Before the rest is built the reader goes there itself, as navigation would.
            (self.navigation.show_section if self._built else self.reader.go_to)(section)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Say the window changed size (an event filter would cost the start, see reflow.py)."""
        super().resizeEvent(event)
        self.resized.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Fit the screen; apply a section restore asked for before the window was visible."""
        super().showEvent(event)
        if self._build_after_paint:
            # From the first show rather than from __init__, so that whoever watches for the
            # paint from outside first (the start-up benchmark) is told before the build.
            self._build_after_paint = False
            self.reader.painted.connect(self._on_text_painted)
        fit_on_screen(self)
        if self._restore_section_on_show:
            self._restore_section_on_show = False
            self.restore_last_section()

    def open_leaflet(self, path: str) -> bool:
        """Load and show the leaflet at ``path``; on failure say why and keep the current one."""
        from PySide6.QtWidgets import QMessageBox

        from kyphoreader.core.leaflet import LeafletError, load_leaflet

        try:
            leaflet = load_leaflet(path)
        except LeafletError as error:
            self.dialogs.message(
                QMessageBox.Icon.Warning,
                "This leaflet cannot be opened",
                f"{error}\n\nThe current leaflet stays open.",
            )
            return False
        self.show_leaflet(leaflet)
        return True

    # -- resetting and saving ----------------------------------------------------------------

    def reset(self) -> None:
        """Return every feature to a fresh start: what a new visitor must find.

        Closes every dialog; clears the search; forgets the history and shows the first
        section; puts text size, colours and spacing back to the defaults; stops reading aloud
        and puts its speed and voice back; shows the panels as at start.
        """
        self.finish_building()
        self.dialogs.reset()
        if self._glossary is not None:
            self._glossary.reset()
        if self._read_aloud is not None:
            self._read_aloud.reset()
        if self._read_aloud_controls is not None:
            self._read_aloud_controls.hide()
        self.search_session.reset()
        self.search_bar.field.setText("")  # unlike clear(), also forgets what Ctrl+Z would undo
        self.appearance.reset()
        self.contents_dock.show()
        self.results_dock.hide()
        self.navigation.reset()
        self.notice.reset()
        self.statusBar().clearMessage()

    @Slot()
    def reset_to_defaults(self) -> None:
        """Put text size, colours, spacing, panels and window size back to their defaults."""
        self.finish_building()
        self.contents_dock.show()
        if not (self.isMaximized() or self.isFullScreen()):
            self.resize(*DEFAULT_WINDOW_SIZE)
            fit_on_screen(self)
        self.appearance.reset()

    def _remember_state(self) -> None:
        self.settings.text_size = self.appearance.text_size
        self.settings.theme = self.appearance.theme.name
        self.settings.line_spacing = self.appearance.line_spacing
        self.settings.geometry = bytes(self.saveGeometry().data())
        if self._read_aloud is not None:  # else speed and voice are as the settings say
            self.settings.read_aloud_speed = self._read_aloud.speed
            self.settings.read_aloud_voice = self._read_aloud.voice
        if self._built:  # else the rest still is as the settings say
            self.settings.window_state = bytes(self.saveState().data())
        key = self.leaflet_key()
        section = self.reader.current_section()
        if key and section:
            self.settings.last_sections[key] = section

    @Slot()
    def _save_soon(self) -> None:
        self._save_timer.start()

    @Slot()
    def save_settings(self) -> bool:
        """Write what the reader remembers now. Returns False if the store could not be written."""
        if self._built:
            self._save_timer.stop()
        self._remember_state()
        return save_settings(self._store, self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Stop reading aloud; remember the window's size, place and layout, and the section."""
        if self._read_aloud is not None:
            self._read_aloud.stop()
        self.save_settings()
        if self._built:
            self.dialogs.close_all()
        super().closeEvent(event)

    # -- dialogs -----------------------------------------------------------------------------

    @Slot()
    def show_about(self) -> None:
        """Show the leaflet's metadata, source, review status and disclaimer."""
        if self.ensure_leaflet() is None:
            return
        from kyphoreader.app.about import AboutDialog  # built on demand: faster start-up

        dialog = AboutDialog(
            self.leaflet, self.appearance.body_points(), self.clinic.clinic, parent=self
        )
        self.dialogs.open(dialog)

    @Slot()
    def show_contact(self) -> None:
        """Show whom to call and how to get other formats (from the clinic file)."""
        from kyphoreader.app.contact import ContactDialog

        dialog = ContactDialog(self.clinic.clinic, self.appearance.body_points(), parent=self)
        self.dialogs.open(dialog)

    @Slot()
    def _on_open_triggered(self) -> None:
        self.dialogs.ask_open_path(
            "Open a leaflet", "Leaflets (*.md *.markdown *.txt);;All files (*)", self.open_leaflet
        )

    # -- slots -------------------------------------------------------------------------------

    @Slot()
    def _on_appearance_changed(self) -> None:
        from kyphoreader.app.actions import ACTION_SPECS

        appearance = self.appearance
        self.notice.set_appearance(
            appearance.body_points(), appearance.interface_font_points(), appearance.theme
        )
        self.actions_by_name["zoom_in"].setEnabled(not appearance.font_scale.at_largest)
        self.actions_by_name["zoom_out"].setEnabled(not appearance.font_scale.at_smallest)
        current = {
            "text_size": appearance.text_size,
            "theme": appearance.theme.name,
            "line_spacing": appearance.line_spacing,
        }
        for spec in ACTION_SPECS:
            action = self.actions_by_name.get(spec.name)
            if spec.group and action is not None:
                action.setChecked(spec.value == current[spec.group])
        self.results.document().setDefaultFont(self.results.font())
        self.contents.set_hit_counts(self.contents.hit_counts())  # re-marks in the new size
        self.contents.doItemsLayout()

    @Slot(bool)
    def _on_search_results_shown(self, shown: bool) -> None:
        if not shown:
            self.results_dock.hide()
            return
        if self.results_dock.isHidden():
            from PySide6.QtCore import Qt

            self.results_dock.show()
            if self.reflow.panels_below():
                return
            third = max(self.height() // 3, 160)
            self.resizeDocks(
                [self.contents_dock, self.results_dock],
                [third, self.height() - third],
                Qt.Orientation.Vertical,
            )

    @Slot()
    def _on_read_aloud_changed(self) -> None:
        """Relabel Read aloud / Pause / Resume; offer the steps that can be taken now."""
        from kyphoreader.readaloud import pace

        if self._read_aloud is None:  # not used yet: stopped, at the remembered speed
            label, reading = None, False  # the action keeps its first label, "Read aloud"
            speed = self.settings.read_aloud_speed  # one of pace.RATES (load_settings)
        else:
            from kyphoreader.readaloud.controls import PAUSE, READ_ALOUD, RESUME
            from kyphoreader.readaloud.speaker import PAUSED, PLAYING

            state, speed = self._read_aloud.state, self._read_aloud.speed
            label = {PLAYING: PAUSE, PAUSED: RESUME}.get(state, READ_ALOUD)
            reading = state in (PLAYING, PAUSED)
        actions = self.actions_by_name
        toggle = actions.get("read_aloud")
        if toggle is not None and label is not None and toggle.iconText() != label:
            toggle.setText(f"&{label}")
            toggle.setIconText(label)
            button = self.read_aloud_toolbar.widgetForAction(toggle)
            if button is not None:
                button.setAccessibleName(label)
        enabled = {
            "stop_reading": reading,
            "previous_sentence": reading,
            "next_sentence": reading,
            "read_slower": not pace.is_slowest(speed),
            "read_faster": not pace.is_fastest(speed),
        }
        for name, on in enabled.items():
            if name in actions:
                actions[name].setEnabled(on)

    @Slot()
    def _show_read_aloud_controls(self) -> None:
        """Show the read-aloud bar on first use, keeping selected text that was in view there."""
        if not self.read_aloud_controls.isHidden():
            return
        cursor = self.reader.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        keep = cursor.hasSelection() and self.reader.is_span_visible(start, start)
        self.read_aloud_controls.show()
        self.centralWidget().layout().activate()  # the text makes room now, before reading
        if keep:
            self.reader.ensure_visible(start, end)

    @Slot(str)
    def _on_read_aloud_unavailable(self, reason: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        shown = self.dialogs.open_dialogs()
        if any(isinstance(d, QMessageBox) and d.text() == reason for d in shown):
            return  # pressed again while the reason is still on screen
        self.dialogs.message(QMessageBox.Icon.Information, "Read aloud", reason)

    @Slot(str)
    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    @Slot(bool)
    def _on_contents_dock_visibility_changed(self, _visible: bool) -> None:
        self.actions_by_name["toggle_contents"].setChecked(not self.contents_dock.isHidden())

    @Slot(str)
    def _on_navigation_section_changed(self, _section_id: str) -> None:
        self._save_soon()
