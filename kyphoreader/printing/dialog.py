"""The print choices window: print size, paper and which sections, then print, preview or PDF.

It only gathers choices (calibre's habit): the main window does the printing.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyphoreader.core.leaflet import Leaflet, Section
from kyphoreader.printing.options import (
    DEFAULT_PRINT_POINTS,
    MAX_PRINT_POINTS,
    MIN_PRINT_POINTS,
    PAPERS,
    PRINT_PRESETS,
    PrintOptions,
    with_subsections,
)

_ID_ROLE = Qt.ItemDataRole.UserRole


class PrintChoice(Enum):
    """What the person asked the dialog to do."""

    PRINT = "print"
    PREVIEW = "preview"
    PDF = "pdf"


class PrintOptionsDialog(QDialog):
    """Choose a large-print size, paper and sections; then Print, Preview or Save as PDF."""

    def __init__(
        self,
        leaflet: Leaflet,
        current_section: str,
        paper: str,
        allow_pdf: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("print_dialog")
        self.setWindowTitle("Print the leaflet")
        self.setAccessibleName("Print the leaflet")
        self.choice: PrintChoice | None = None
        self._leaflet = leaflet
        self._current = leaflet.section(current_section) if current_section else None

        size_box = QGroupBox("Print size", self)
        self.preset = QComboBox(size_box)
        self.preset.setAccessibleName("Print size")
        for label, points in PRINT_PRESETS:
            self.preset.addItem(f"{label} ({points:g} pt)", points)
        self.preset.addItem("Other size", None)
        self.points = QDoubleSpinBox(size_box)
        self.points.setAccessibleName("Print size in points")
        self.points.setRange(MIN_PRINT_POINTS, MAX_PRINT_POINTS)
        self.points.setDecimals(0)
        self.points.setSuffix(" pt")
        self.paper = QComboBox(size_box)
        self.paper.setAccessibleName("Paper")
        self.paper.addItems(list(PAPERS))
        self.paper.setCurrentText(paper if paper in PAPERS else PAPERS[0])
        form = QFormLayout(size_box)
        form.addRow("Size:", self.preset)
        form.addRow("Points:", self.points)
        form.addRow("Paper:", self.paper)
        note = QLabel(
            "The text is laid out again at this size, not enlarged. "
            "Large print is 16 pt or more; 18 pt suits most readers.",
            size_box,
        )
        note.setWordWrap(True)
        form.addRow(note)

        what_box = QGroupBox("What to print", self)
        self.whole = QRadioButton("The whole leaflet", what_box)
        current_label = (
            f"This section: {self._current.heading}" if self._current else "This section"
        )
        self.this_section = QRadioButton(current_label, what_box)
        self.this_section.setEnabled(self._current is not None)
        self.some = QRadioButton("The sections ticked below", what_box)
        for button, name in (
            (self.whole, "Print the whole leaflet"),
            (self.this_section, "Print this section"),
            (self.some, "Print the ticked sections"),
        ):
            button.setAccessibleName(name)
        self._scope = QButtonGroup(self)
        for button in (self.whole, self.this_section, self.some):
            self._scope.addButton(button)
        self.whole.setChecked(True)
        self.sections = QTreeWidget(what_box)
        self.sections.setAccessibleName("Sections to print")
        self.sections.setHeaderHidden(True)
        self._add_sections(self.sections, leaflet.sections)
        self.sections.expandAll()
        self.sections.setEnabled(False)
        what = QVBoxLayout(what_box)
        for widget in (self.whole, self.this_section, self.some, self.sections):
            what.addWidget(widget)

        buttons = QDialogButtonBox(self)
        self.print_button = self._action_button(buttons, "&Print…", PrintChoice.PRINT)
        self.preview_button = self._action_button(buttons, "Pre&view…", PrintChoice.PREVIEW)
        self.pdf_button = self._action_button(buttons, "&Save as PDF…", PrintChoice.PDF)
        self.pdf_button.setVisible(allow_pdf)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        cancel.setMinimumHeight(48)
        buttons.rejected.connect(self.reject)
        self.print_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(size_box)
        layout.addWidget(what_box, 1)
        layout.addWidget(buttons)

        self.preset.currentIndexChanged.connect(self._on_preset_current_index_changed)
        self.points.valueChanged.connect(self._on_points_value_changed)
        self.some.toggled.connect(self.sections.setEnabled)
        self.some.toggled.connect(self._update_buttons)
        self.sections.itemChanged.connect(self._update_buttons)
        self.set_points(DEFAULT_PRINT_POINTS)
        self.resize(720, 720)

    def _action_button(self, box: QDialogButtonBox, text: str, choice: PrintChoice) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setMinimumHeight(48)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _add_sections(self, parent: QTreeWidget | QTreeWidgetItem, sections: list[Section]) -> None:
        for section in sections:
            item = QTreeWidgetItem(parent, [section.heading])
            item.setData(0, _ID_ROLE, section.id)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            self._add_sections(item, section.children)

    def _choose(self, choice: PrintChoice) -> None:
        self.choice = choice
        self.accept()

    def set_points(self, points: float) -> None:
        """Show ``points`` as the print size (and its preset, if it has one)."""
        self.points.setValue(points)

    def ticked_section_ids(self) -> tuple[str, ...]:
        """The ids of the ticked sections, in order."""
        ids: list[str] = []

        def visit(item: QTreeWidgetItem) -> None:
            if item.checkState(0) == Qt.CheckState.Checked:
                ids.append(str(item.data(0, _ID_ROLE)))
            for index in range(item.childCount()):
                visit(item.child(index))

        for index in range(self.sections.topLevelItemCount()):
            visit(self.sections.topLevelItem(index))
        return tuple(ids)

    def options(self) -> PrintOptions:
        """The choices made, as PrintOptions."""
        if self.this_section.isChecked() and self._current is not None:
            section_ids = tuple(with_subsections(self._current))
        elif self.some.isChecked():
            section_ids = self.ticked_section_ids()
        else:
            section_ids = ()
        return PrintOptions(self.points.value(), self.paper.currentText(), section_ids)

    @Slot(int)
    def _on_preset_current_index_changed(self, index: int) -> None:
        points = self.preset.itemData(index)
        if points is not None and points != self.points.value():
            self.points.setValue(points)

    @Slot(float)
    def _on_points_value_changed(self, value: float) -> None:
        index = self.preset.findData(value)
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(index if index >= 0 else self.preset.count() - 1)
        self.preset.blockSignals(False)

    @Slot()
    def _update_buttons(self) -> None:
        """Printing "the ticked sections" needs at least one ticked."""
        nothing_ticked = self.some.isChecked() and not self.ticked_section_ids()
        for button in (self.print_button, self.preview_button, self.pdf_button):
            button.setEnabled(not nothing_ticked)
