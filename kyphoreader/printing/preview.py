"""The print preview window: the printed pages on screen, with controls that never get cut off.

The pages are painted by a function the print flow passes in (the same one that prints); this
window only shows them and lets the reader move between pages, zoom, print or close. Its
controls are labelled buttons in a layout that wraps onto more rows as the text grows, so at
1024 by 768 and every text size each one is whole, named and reachable with the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyphoreader.app.flowlayout import FlowLayout

#: Zoom levels offered, in percent of the paper's real size.
ZOOM_LEVELS = (25, 50, 75, 100, 125, 150, 200, 300, 400)
#: The zoom choices that follow the window instead of a fixed percentage.
FIT_WIDTH = "Fit the width"
FIT_PAGE = "Whole page"
_FIT_MODES = {
    FIT_WIDTH: QPrintPreviewWidget.ZoomMode.FitToWidth,
    FIT_PAGE: QPrintPreviewWidget.ZoomMode.FitInView,
}
#: Smallest size of a control (WCAG 2.5.5 target size: 44 by 44 px).
CONTROL_MIN_HEIGHT = 48


def _row(group: QWidget, *widgets: QWidget) -> None:
    """Keep a label and its box together on one row of the controls."""
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)


class PreviewDialog(QDialog):
    """Shows the pages ``paint`` draws on the preview's printer, one after another.

    Args:
        paint: draws every page on the printer it is given (the code that prints).
        parent: the window the preview opens over.

    Signals:
        print_requested(): the reader pressed Print (the preview closes first).
    """

    print_requested = Signal()

    def __init__(self, paint: Callable[[QPrinter], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("print_preview")
        self.setWindowTitle("Print preview")
        self.setAccessibleName("Print preview")
        # The widget makes and owns its printer, so the printer goes when the window goes.
        self.preview = QPrintPreviewWidget(self)
        self.preview.setObjectName("preview_pages")
        self.preview.setAccessibleName("Printed pages")
        self.preview.setAccessibleDescription("The pages exactly as they will print")
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        view = self.preview.findChild(QGraphicsView)
        if view is not None:
            view.setAccessibleName("Printed pages")
            self.preview.setFocusProxy(view)
        self.preview.paintRequested.connect(paint)

        controls = QWidget(self)
        controls.setObjectName("preview_controls")
        self.first_button = self._button(controls, "&First page", "Go to the first page")
        self.previous_button = self._button(controls, "Pre&vious page", "Go to the page before")
        page_group = QWidget(controls)
        self.page_label = QLabel("Pa&ge:", page_group)
        self.page_box = QSpinBox(page_group)
        self.page_box.setObjectName("preview_page_box")
        self.page_box.setAccessibleName("Page")
        self.page_box.setMinimum(1)
        self.page_box.setMinimumHeight(CONTROL_MIN_HEIGHT)
        self.page_label.setBuddy(self.page_box)
        self.count_label = QLabel("of 1", page_group)
        _row(page_group, self.page_label, self.page_box, self.count_label)
        self.count_label.setObjectName("preview_page_count")
        self.next_button = self._button(controls, "&Next page", "Go to the page after")
        self.last_button = self._button(controls, "&Last page", "Go to the last page")
        self.zoom_out_button = self._button(controls, "Zoom &out", "Show the pages smaller")
        zoom_group = QWidget(controls)
        self.zoom_label = QLabel("&Zoom:", zoom_group)
        self.zoom_box = QComboBox(zoom_group)
        self.zoom_box.setObjectName("preview_zoom_box")
        self.zoom_box.setAccessibleName("Zoom")
        self.zoom_box.setMinimumHeight(CONTROL_MIN_HEIGHT)
        self.zoom_box.addItem(FIT_WIDTH)
        self.zoom_box.addItem(FIT_PAGE)
        for percent in ZOOM_LEVELS:
            self.zoom_box.addItem(f"{percent} %", percent)
        self.zoom_label.setBuddy(self.zoom_box)
        _row(zoom_group, self.zoom_label, self.zoom_box)
        self.zoom_in_button = self._button(controls, "Zoom &in", "Show the pages larger")
        self.print_button = self._button(controls, "&Print…", "Print these pages")
        self.close_button = self._button(controls, "&Close", "Close the preview")
        flow = FlowLayout(controls)
        flow.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.first_button,
            self.previous_button,
            page_group,
            self.next_button,
            self.last_button,
            self.zoom_out_button,
            zoom_group,
            self.zoom_in_button,
            self.print_button,
            self.close_button,
        ):
            flow.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(self.preview, 1)
        self._set_tab_order()

        self.first_button.clicked.connect(lambda: self.show_page(1))
        self.previous_button.clicked.connect(lambda: self.show_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.current_page() + 1))
        self.last_button.clicked.connect(lambda: self.show_page(self.page_count()))
        self.page_box.valueChanged.connect(self.show_page)
        self.zoom_box.activated.connect(self._on_zoom_box_activated)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.preview.previewChanged.connect(self._on_preview_changed)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.set_zoom(FIT_WIDTH)

    def _button(self, parent: QWidget, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, parent)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAccessibleDescription(tip)
        button.setToolTip(tip)
        button.setMinimumHeight(CONTROL_MIN_HEIGHT)
        button.setAutoDefault(False)
        return button

    def _set_tab_order(self) -> None:
        chain = [*self.controls(), self.preview.focusProxy() or self.preview]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def controls(self) -> list[QWidget]:
        """Every control, in tab order (the page view last)."""
        return [
            self.first_button,
            self.previous_button,
            self.page_box,
            self.next_button,
            self.last_button,
            self.zoom_out_button,
            self.zoom_box,
            self.zoom_in_button,
            self.print_button,
            self.close_button,
        ]

    # -- pages -------------------------------------------------------------------------------

    def page_count(self) -> int:
        """How many pages the preview shows."""
        return self.preview.pageCount()

    def current_page(self) -> int:
        """The page in view, from 1."""
        return self.preview.currentPage()

    @Slot(int)
    def show_page(self, number: int) -> None:
        """Bring page ``number`` (from 1, clamped to the pages there are) into view."""
        number = max(1, min(number, self.page_count()))
        self.preview.setCurrentPage(number)
        self._on_preview_changed()

    @Slot()
    def _on_preview_changed(self) -> None:
        count = max(1, self.page_count())
        current = self.current_page()
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(count)
        self.page_box.setValue(current)
        self.page_box.blockSignals(False)
        self.count_label.setText(f"of {count}")
        self.page_box.setAccessibleDescription(f"of {count}")
        self.first_button.setEnabled(current > 1)
        self.previous_button.setEnabled(current > 1)
        self.next_button.setEnabled(current < count)
        self.last_button.setEnabled(current < count)

    # -- zoom --------------------------------------------------------------------------------

    def zoom_percent(self) -> float:
        """The zoom now, in percent of the paper's real size."""
        return self.preview.zoomFactor() * 100

    def set_zoom(self, choice: str | int) -> None:
        """Zoom to ``choice``: FIT_WIDTH, FIT_PAGE or a percentage."""
        if isinstance(choice, str):
            self.preview.setZoomMode(_FIT_MODES[choice])
            self.zoom_box.setCurrentText(choice)
        else:
            self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.CustomZoom)
            self.preview.setZoomFactor(int(choice) / 100)
            self.zoom_box.setCurrentIndex(self.zoom_box.findData(int(choice)))

    @Slot()
    def zoom_in(self) -> None:
        """The next larger zoom level."""
        now = self.zoom_percent()
        self.set_zoom(next((z for z in ZOOM_LEVELS if z > now + 0.5), ZOOM_LEVELS[-1]))

    @Slot()
    def zoom_out(self) -> None:
        """The next smaller zoom level."""
        now = self.zoom_percent()
        smaller = [z for z in ZOOM_LEVELS if z < now - 0.5]
        self.set_zoom(smaller[-1] if smaller else ZOOM_LEVELS[0])

    @Slot(int)
    def _on_zoom_box_activated(self, index: int) -> None:
        data = self.zoom_box.itemData(index)
        self.set_zoom(data if data is not None else self.zoom_box.itemText(index))

    # -- printing ----------------------------------------------------------------------------

    @Slot()
    def _on_print_button_clicked(self) -> None:
        self.accept()
        self.print_requested.emit()
