"""The main window: owns the actions, the reading pane, the contents panel and the dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from kyphoreader import APP_DISPLAY_NAME
from kyphoreader.core.leaflet import Leaflet, LeafletError, load_leaflet
from kyphoreader.printing.options import PrintOptions, default_paper
from kyphoreader.reading.fontscale import NAMED_SIZES, FontScale, interface_points

if TYPE_CHECKING:
    from kyphoreader.search.index import SearchIndex, SearchResult
from kyphoreader.app.actions import ACTION_SPECS, create_actions, plain_text
from kyphoreader.core.settings import Settings, load_settings, save_settings
from kyphoreader.reading.style import apply_theme, set_font_everywhere
from kyphoreader.reading.theme import LINE_SPACINGS, THEMES, theme_named
from kyphoreader.reading.toc import TocPanel
from kyphoreader.reading.typography import load_reading_typeface
from kyphoreader.reading.view import DEFAULT_POINT_SIZE, ReaderView, reading_font
from kyphoreader.search.bar import SearchBar
from kyphoreader.search.results import ResultsPanel

DEFAULT_WINDOW_SIZE = (1024, 768)
_LINE_SPACING_NAMES = {150: "1.5 (normal)", 175: "1.75", 200: "Double", 250: "2.5"}


class MainWindow(QMainWindow):
    """The reader's window. Widgets report to it by signals; it makes the calls."""

    def __init__(self, store: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(APP_DISPLAY_NAME)
        self._store = store
        self._settings: Settings = load_settings(store)
        self.leaflet: Leaflet | None = None
        self._restore_section_on_show = False
        # Search state: the index is built on the first search, not at start-up.
        self._search_index: SearchIndex | None = None
        self.search_result: SearchResult | None = None
        self._hit_cursors: list = []
        self.current_hit = -1
        # Appearance: text size, theme and line spacing live in self._settings.
        load_reading_typeface()
        self.font_scale = FontScale(self._settings.text_size)
        self._applied_theme = ""

        self.reader = ReaderView(self)
        self.setCentralWidget(self.reader)
        self.contents = TocPanel(self)
        self.contents_dock = QDockWidget("Contents", self)
        self.contents_dock.setObjectName("contents_dock")
        self.contents_dock.setAccessibleName("Contents panel")
        self.contents_dock.setWidget(self.contents)
        self.contents_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.contents_dock)
        self.resizeDocks([self.contents_dock], [300], Qt.Orientation.Horizontal)
        self.results = ResultsPanel(self)
        self.results_dock = QDockWidget("Search results", self)
        self.results_dock.setObjectName("results_dock")
        self.results_dock.setAccessibleName("Search results panel")
        self.results_dock.setWidget(self.results)
        self.results_dock.setFeatures(self.contents_dock.features())
        self.addDockWidget(
            Qt.DockWidgetArea.LeftDockWidgetArea, self.results_dock, Qt.Orientation.Vertical
        )
        self.results_dock.hide()

        self.actions_by_name: dict[str, QAction] = create_actions(self)
        self.actions_by_name["toggle_contents"].setCheckable(True)
        self.actions_by_name["toggle_contents"].setChecked(True)
        self.actions_by_name["back"].setEnabled(False)
        self._build_menus()
        self.toolbar = self._build_toolbar()
        self.search_bar = SearchBar(self)
        self.search_toolbar = QToolBar("Search", self)
        self.search_toolbar.setObjectName("search_toolbar")
        self.search_toolbar.setAccessibleName("Search toolbar")
        self.search_toolbar.setMovable(False)
        self.search_toolbar.addWidget(self.search_bar)
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.search_toolbar)
        self._connect_signals()
        self._restore_window()
        self.apply_appearance()

    # -- construction ------------------------------------------------------------------------

    def _build_menus(self) -> None:
        actions = self.actions_by_name
        menus = {
            "&File": ["open", None, "print", "print_preview", "export_pdf", None, "quit"],
            "&View": ["toggle_contents", None, "zoom_in", "zoom_out", "zoom_reset"],
            "&Search": ["find", "find_next", "find_previous", None, "clear_search"],
            "&Go": ["previous_section", "next_section", None, "back"],
            "&Help": ["about"],
        }
        for title, names in menus.items():
            menu = self.menuBar().addMenu(title)
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(actions[name])
            if title == "&View":
                self._build_appearance_menus(menu)
                menu.addSeparator()
                menu.addAction(actions["reset_settings"])

    def _build_appearance_menus(self, view_menu: QMenu) -> None:
        """Text size, colour and line spacing choices, each an exclusive group of actions."""
        self.size_actions = self._choice_menu(
            view_menu.addMenu("Text si&ze"),
            [(label, percent) for label, percent in NAMED_SIZES],
            self.set_text_size,
        )
        self.theme_actions = self._choice_menu(
            view_menu.addMenu("&Colours"),
            [(theme.label, theme.name) for theme in THEMES.values()],
            self.set_theme,
        )
        self.spacing_actions = self._choice_menu(
            view_menu.addMenu("&Line spacing"),
            [(_LINE_SPACING_NAMES[value], value) for value in LINE_SPACINGS],
            self.set_line_spacing,
        )

    def _choice_menu(self, menu: QMenu, choices: list, on_choose) -> dict:  # noqa: ANN001
        group = QActionGroup(self)
        group.setExclusive(True)
        actions = {}
        for label, value in choices:
            action = QAction(label, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, v=value: on_choose(v))
            group.addAction(action)
            menu.addAction(action)
            actions[value] = action
        return actions

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setAccessibleName("Main toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for spec in ACTION_SPECS:
            if not spec.on_toolbar:
                continue
            action = self.actions_by_name[spec.name]
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setObjectName(f"button_{spec.name}")
                button.setAccessibleName(plain_text(spec.text))
                button.setAccessibleDescription(spec.tip)
                button.setToolTip(action.toolTip())
                button.setMinimumSize(48, 48)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar

    def _apply_interface_font(self, points: float) -> None:
        """Size every label, button and panel.

        Set on each widget, because widgets styled by a style sheet do not take their parent's
        font.
        """
        font = reading_font(points)  # the same clear typeface as the text
        if self.menuBar().font() == font:
            return
        for top in (self.toolbar, self.search_toolbar, self.contents_dock, self.results_dock):
            set_font_everywhere(top, font)
        self.menuBar().setFont(font)
        for menu in self.menuBar().findChildren(QMenu):
            menu.setFont(font)
        self.results.document().setDefaultFont(font)
        self.contents.set_hit_counts(self.contents.hit_counts())  # re-marks in the new size
        self.contents.doItemsLayout()

    def _connect_signals(self) -> None:
        actions = self.actions_by_name
        actions["open"].triggered.connect(self._on_open_triggered)
        actions["quit"].triggered.connect(self.close)
        actions["toggle_contents"].toggled.connect(self.contents_dock.setVisible)
        self.contents_dock.visibilityChanged.connect(self._on_contents_dock_visibility_changed)
        actions["previous_section"].triggered.connect(self.go_to_previous_section)
        actions["next_section"].triggered.connect(self.go_to_next_section)
        actions["back"].triggered.connect(self.reader.go_back)
        actions["about"].triggered.connect(self.show_about)
        actions["print"].triggered.connect(self._on_print_triggered)
        actions["print_preview"].triggered.connect(self._on_print_preview_triggered)
        actions["export_pdf"].triggered.connect(self._on_export_pdf_triggered)
        actions["zoom_in"].triggered.connect(self.larger_text)
        actions["zoom_out"].triggered.connect(self.smaller_text)
        actions["zoom_reset"].triggered.connect(self.normal_text)
        actions["reset_settings"].triggered.connect(self.reset_to_defaults)
        self.reader.zoom_requested.connect(self._on_reader_zoom_requested)
        actions["find"].triggered.connect(self.search_bar.focus_field)
        actions["find_next"].triggered.connect(self.go_to_next_hit)
        actions["find_previous"].triggered.connect(self.go_to_previous_hit)
        actions["clear_search"].triggered.connect(self.clear_search)
        self.search_bar.query_changed.connect(self.search)
        self.search_bar.next_requested.connect(self.go_to_next_hit)
        self.search_bar.previous_requested.connect(self.go_to_previous_hit)
        self.search_bar.clear_requested.connect(self.clear_search)
        self.results.hit_chosen.connect(self.show_hit)
        self.contents.section_activated.connect(self._on_contents_section_activated)
        self.reader.current_section_changed.connect(self._on_reader_current_section_changed)
        self.reader.history_changed.connect(actions["back"].setEnabled)

    def _restore_window(self) -> None:
        self.resize(*DEFAULT_WINDOW_SIZE)
        if self._settings.geometry:
            self.restoreGeometry(QByteArray(self._settings.geometry))
        if self._settings.window_state:
            self.restoreState(QByteArray(self._settings.window_state))
        self.actions_by_name["toggle_contents"].setChecked(not self.contents_dock.isHidden())

    # -- what the window does ----------------------------------------------------------------

    def show_leaflet(self, leaflet: Leaflet) -> None:
        """Show ``leaflet`` in the reader and its sections in the contents."""
        self.leaflet = leaflet
        self._search_index = None
        self.search_result = None
        self._hit_cursors = []
        self.current_hit = -1
        self.search_bar.clear()
        self.setWindowTitle(leaflet.title)
        self.contents.set_sections(leaflet.sections)
        self.reader.show_leaflet(leaflet)
        self.contents.set_current_section(self.reader.current_section())

    def restore_last_section(self) -> None:
        """Go back to the section read last time, if this leaflet has it.

        Before the window is shown the view has no size to scroll in, so the jump waits for
        the first show.
        """
        if not self.isVisible():
            self._restore_section_on_show = True
            return
        if self._settings.last_section:
            self.reader.go_to(self._settings.last_section, remember=False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Apply a section restore that was asked for before the window was visible."""
        super().showEvent(event)
        if self._restore_section_on_show:
            self._restore_section_on_show = False
            self.restore_last_section()

    def open_leaflet(self, path: str) -> bool:
        """Load and show the leaflet at ``path``; on failure say why and keep the current one."""
        try:
            leaflet = load_leaflet(path)
        except LeafletError as error:
            QMessageBox.warning(
                self, "This leaflet cannot be opened", f"{error}\n\nThe current leaflet stays open."
            )
            return False
        self.show_leaflet(leaflet)
        return True

    @Slot()
    def go_to_next_section(self) -> None:
        """Put the next section's heading at the top."""
        target = self.reader.adjacent_section(+1)
        if target:
            self.reader.go_to(target, remember=False)

    @Slot()
    def go_to_previous_section(self) -> None:
        """Put the previous section's heading (or this section's start) at the top."""
        target = self.reader.adjacent_section(-1)
        if target:
            self.reader.go_to(target, remember=False)

    # -- appearance --------------------------------------------------------------------------

    def apply_appearance(self) -> None:
        """Show the text, and size and colour the window, as the settings say."""
        theme = theme_named(self._settings.theme)
        if theme.name != self._applied_theme:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, theme)
            self._applied_theme = theme.name
            self.reader.set_highlight_colours(
                (theme.hit_text, theme.hit_background),
                (theme.current_hit_text, theme.current_hit_background),
            )
            self.results.set_current_colours(theme.current_hit_text, theme.current_hit_background)
            if self._hit_cursors:
                self._show_current_hit()
        self.reader.set_text_appearance(
            self.font_scale.points(DEFAULT_POINT_SIZE), self._settings.line_spacing
        )
        self._apply_interface_font(interface_points(self.font_scale.percent))
        self.actions_by_name["zoom_in"].setEnabled(not self.font_scale.at_largest)
        self.actions_by_name["zoom_out"].setEnabled(not self.font_scale.at_smallest)
        for value, action in self.size_actions.items():
            action.setChecked(value == self.font_scale.percent)
        for value, action in self.theme_actions.items():
            action.setChecked(value == theme.name)
        for value, action in self.spacing_actions.items():
            action.setChecked(value == self._settings.line_spacing)

    def _appearance_changed(self) -> None:
        self._settings.text_size = self.font_scale.percent
        self.apply_appearance()
        save_settings(self._store, self._settings)

    @Slot()
    def larger_text(self) -> None:
        """One step bigger (text and interface), up to the largest size."""
        self.font_scale.bigger()
        self._appearance_changed()

    @Slot()
    def smaller_text(self) -> None:
        """One step smaller, down to the smallest size."""
        self.font_scale.smaller()
        self._appearance_changed()

    @Slot()
    def normal_text(self) -> None:
        """Back to the default text size."""
        self.font_scale.reset()
        self._appearance_changed()

    def set_text_size(self, percent: int) -> None:
        """Set the text size to ``percent`` of the default (snapped to an offered size)."""
        self.font_scale.set(percent)
        self._appearance_changed()

    def set_theme(self, name: str) -> None:
        """Colour the window with the theme called ``name``."""
        self._settings.theme = theme_named(name).name
        self._appearance_changed()

    def set_line_spacing(self, percent: int) -> None:
        """Set the body line spacing (150 to 250 percent of the font's line height)."""
        if percent in LINE_SPACINGS:
            self._settings.line_spacing = percent
            self._appearance_changed()

    @Slot()
    def reset_to_defaults(self) -> None:
        """Put text size, colours, spacing, panels and window size back to their defaults."""
        self._settings = self._settings.reading_defaults()
        self.font_scale.reset()
        self.contents_dock.show()
        if not (self.isMaximized() or self.isFullScreen()):
            self.resize(*DEFAULT_WINDOW_SIZE)
        self._appearance_changed()

    @Slot(int)
    def _on_reader_zoom_requested(self, step: int) -> None:
        if step > 0:
            self.larger_text()
        else:
            self.smaller_text()

    # -- printing ----------------------------------------------------------------------------

    def _ask_print_options(self, preselect: str) -> tuple[str, PrintOptions] | None:
        """Show the print choices; return (what to do, options), or None if cancelled."""
        from kyphoreader.printing.dialog import PrintChoice, PrintOptionsDialog

        if self.leaflet is None:
            return None
        dialog = PrintOptionsDialog(
            self.leaflet, self.reader.current_section(), self._default_paper(), parent=self
        )
        set_font_everywhere(dialog, self.toolbar.font())
        if preselect == "preview":
            dialog.preview_button.setDefault(True)
        elif preselect == "pdf":
            dialog.pdf_button.setDefault(True)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return None
        return {
            PrintChoice.PRINT: "print",
            PrintChoice.PREVIEW: "preview",
            PrintChoice.PDF: "pdf",
        }[dialog.choice], dialog.options()

    @staticmethod
    def _default_paper() -> str:
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrinterInfo

        printer = QPrinterInfo.defaultPrinter()
        if not printer.isNull():
            size = printer.defaultPageSize().id()
            if size == QPageSize.PageSizeId.Letter:
                return "Letter"
            if size == QPageSize.PageSizeId.A4:
                return "A4"
        from PySide6.QtCore import QLocale

        return default_paper(QLocale.system().name().split("_")[-1])

    def _run_print_choice(self, preselect: str) -> None:
        chosen = self._ask_print_options(preselect)
        if chosen is None:
            return
        what, options = chosen
        if what == "print":
            self.print_with(options)
        elif what == "preview":
            self.preview_with(options)
        else:
            self.save_pdf_with(options)

    @Slot()
    def _on_print_triggered(self) -> None:
        self._run_print_choice("print")

    @Slot()
    def _on_print_preview_triggered(self) -> None:
        self._run_print_choice("preview")

    @Slot()
    def _on_export_pdf_triggered(self) -> None:
        self._run_print_choice("pdf")

    def print_with(self, options: PrintOptions) -> None:
        """Send the leaflet to a printer the person chooses; offer a PDF when there is none."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

        from kyphoreader.printing.pages import PrintError, print_leaflet

        if self.leaflet is None:
            return
        if not QPrinterInfo.availablePrinters():
            answer = QMessageBox.question(
                self,
                "No printer",
                "No printer is set up on this computer.\n\n"
                "Would you like to save the leaflet as a PDF file instead? "
                "You can print the PDF on another computer.",
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.save_pdf_with(options)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the leaflet")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            pages = print_leaflet(self.leaflet, options, printer)
        except PrintError as error:
            QMessageBox.critical(self, "The leaflet did not print", str(error))
            return
        self.statusBar().showMessage(
            f"Sent {pages} pages at {options.point_size:g} pt to {printer.printerName()}.", 15000
        )

    def make_preview_dialog(self, options: PrintOptions) -> QDialog:
        """A print preview showing exactly the pages that would print with ``options``."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from kyphoreader.printing.pages import PagedLeaflet

        # The dialog makes and owns its printer, so nothing it paints on is freed under it.
        dialog = QPrintPreviewDialog(self)
        dialog.setWindowTitle("Print preview")
        leaflet = self.leaflet

        def paint(device: QPrinter) -> None:
            from PySide6.QtGui import QPainter

            from kyphoreader.printing.pages import page_layout

            if leaflet is None:
                return
            device.setPageLayout(page_layout(options.paper))
            paged = PagedLeaflet(leaflet, options)
            painter = QPainter(device)
            paged.paint(painter, device)
            painter.end()

        dialog.paintRequested.connect(paint)
        dialog.resize(self.size())
        return dialog

    def preview_with(self, options: PrintOptions) -> None:
        """Show the pages on screen before printing."""
        self.make_preview_dialog(options).exec()

    def save_pdf_with(self, options: PrintOptions) -> str:
        """Ask where to save, write the large-print PDF there, and say so. Returns the path."""
        from PySide6.QtWidgets import QFileDialog

        from kyphoreader.printing.options import PrintOptionError
        from kyphoreader.printing.pages import PrintError, export_pdf

        if self.leaflet is None:
            return ""
        suggested = f"{self.leaflet.title[:40].strip()} {options.point_size:g}pt.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the leaflet as a PDF", suggested, "PDF files (*.pdf)"
        )
        if not path:
            return ""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            pages = export_pdf(self.leaflet, options, path)
        except (PrintError, PrintOptionError) as error:
            QMessageBox.critical(self, "The PDF was not saved", str(error))
            return ""
        self.statusBar().showMessage(f"Saved {pages} pages to {path}.", 15000)
        return path

    # -- search ------------------------------------------------------------------------------

    def _index(self) -> SearchIndex | None:
        # Search is imported and built on the first search, not at start-up.
        from kyphoreader.search.index import SearchIndex
        from kyphoreader.search.synonyms import SynonymError, load_synonyms_for

        if self._search_index is None and self.leaflet is not None:
            synonyms: dict[str, list[str]] = {}
            if self.leaflet.source_name:
                try:
                    synonyms = load_synonyms_for(self.leaflet.source_name)
                except SynonymError as error:
                    self.statusBar().showMessage(f"Search works without lay words: {error}")
            self._search_index = SearchIndex(self.leaflet, synonyms)
        return self._search_index

    @Slot(str)
    def search(self, query: str) -> None:
        """Find ``query``, highlight every match and show the first (or say nothing matched)."""
        index = self._index()
        if index is None or not query.strip():
            self._show_search(None)
            return
        self._show_search(index.find(query))

    def _show_search(self, result: SearchResult | None) -> None:
        self.search_result = result
        hits = result.hits if result else []
        self._hit_cursors = self.reader.cursors_for_hits(hits)
        self.current_hit = 0 if hits else -1
        counts: dict[str, int] = {}
        for hit in hits:
            counts[hit.section_id] = counts.get(hit.section_id, 0) + 1
        self.contents.set_hit_counts(counts)
        self.search_bar.set_message(result.message if result else "")
        if result is None:
            self.reader.clear_search_hits()
            self.results.show_result(None)
            self.results_dock.hide()
        else:
            if self.results_dock.isHidden():
                self.results_dock.show()
                third = max(self.height() // 3, 160)
                self.resizeDocks(
                    [self.contents_dock, self.results_dock],
                    [third, self.height() - third],
                    Qt.Orientation.Vertical,
                )
            if not hits:
                self.reader.clear_search_hits()
                self.contents_dock.show()  # offer the contents when nothing matched
        self._show_current_hit()

    def _show_current_hit(self) -> None:
        total = len(self._hit_cursors)
        self.search_bar.set_count(self.current_hit + 1, total)
        if total:
            self.reader.show_search_hits(self._hit_cursors, self.current_hit)
        if self.search_result is not None:
            self.results.show_result(self.search_result, self.current_hit)

    @Slot(int)
    def show_hit(self, index: int) -> None:
        """Put search hit number ``index`` (from 0) on screen and mark it."""
        if 0 <= index < len(self._hit_cursors):
            self.current_hit = index
            self._show_current_hit()

    @Slot()
    def go_to_next_hit(self) -> None:
        """Go to the next match, wrapping round to the first after the last."""
        if self._hit_cursors:
            self.show_hit((self.current_hit + 1) % len(self._hit_cursors))

    @Slot()
    def go_to_previous_hit(self) -> None:
        """Go to the previous match, wrapping round to the last before the first."""
        if self._hit_cursors:
            self.show_hit((self.current_hit - 1) % len(self._hit_cursors))

    @Slot()
    def clear_search(self) -> None:
        """Empty the search box and remove every highlight and result."""
        self.search_bar.clear()
        self._show_search(None)

    @Slot()
    def show_about(self) -> None:
        """Show the leaflet's metadata, source, review status and disclaimer."""
        if self.leaflet is None:
            return
        from kyphoreader.app.about import AboutDialog  # built on demand: faster start-up

        dialog = AboutDialog(self.leaflet, self.reader.point_size(), self)
        set_font_everywhere(dialog, self.toolbar.font())
        dialog.browser.document().setDefaultFont(reading_font(self.reader.point_size()))
        dialog.exec()

    # -- slots -------------------------------------------------------------------------------

    @Slot()
    def _on_open_triggered(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # imported on demand: faster start-up

        path, _filter = QFileDialog.getOpenFileName(
            self, "Open a leaflet", "", "Leaflets (*.md *.markdown *.txt);;All files (*)"
        )
        if path:
            self.open_leaflet(path)

    @Slot(bool)
    def _on_contents_dock_visibility_changed(self, _visible: bool) -> None:
        self.actions_by_name["toggle_contents"].setChecked(not self.contents_dock.isHidden())

    @Slot(str)
    def _on_contents_section_activated(self, section_id: str) -> None:
        self.reader.go_to(section_id)
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(str)
    def _on_reader_current_section_changed(self, section_id: str) -> None:
        self.contents.set_current_section(section_id)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Remember the window's size, place and layout, and the section being read."""
        self._settings.geometry = bytes(self.saveGeometry().data())
        self._settings.window_state = bytes(self.saveState().data())
        self._settings.last_section = self.reader.current_section()
        save_settings(self._store, self._settings)
        super().closeEvent(event)
