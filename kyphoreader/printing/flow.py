"""The print flow: the print choices, then print, preview or save as PDF, all without blocking."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox

from kyphoreader.app.dialogs import DialogHost
from kyphoreader.core.clinic import ClinicConfig
from kyphoreader.core.leaflet import Leaflet
from kyphoreader.glossary.terms import Glossary
from kyphoreader.printing.options import PrintOptions, starting_paper, system_locale_name

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


def paper_name(size: object) -> str:
    """The name of a QPageSize (or its id): A4, Letter, or '' for any other paper."""
    from PySide6.QtGui import QPageSize

    size_id = size.id() if isinstance(size, QPageSize) else size
    if size_id == QPageSize.PageSizeId.Letter:
        return "Letter"
    if size_id == QPageSize.PageSizeId.A4:
        return "A4"
    return ""


def default_printer_paper() -> str:
    """The default printer's paper if it is A4 or Letter, else ''."""
    from PySide6.QtPrintSupport import QPrinterInfo

    printer = QPrinterInfo.defaultPrinter()
    return "" if printer.isNull() else paper_name(printer.defaultPageSize())


class PrintFlow(QObject):
    """Takes a print request from the choices dialog to the printer, the preview or a PDF.

    Every dialog goes through the dialog host, so none blocks and a reset closes them all.

    Signals:
        status(str): a sentence for the status bar ("Sent 15 pages … to …").
    """

    status = Signal(str)

    def __init__(
        self,
        dialogs: DialogHost,
        current_leaflet: Callable[[], Leaflet | None],
        current_section: Callable[[], str],
        clinic: ClinicConfig | None = None,
        parent: QObject | None = None,
        glossary: Callable[[], Glossary | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._dialogs = dialogs
        self._leaflet = current_leaflet
        self._section = current_section
        self.clinic = clinic or ClinicConfig()
        # The leaflet's glossary: every copy ends with "Words explained" for its terms.
        self._glossary = glossary

    def starting_paper(self) -> str:
        """The clinic's paper, else the default printer's, else the locale's."""
        return starting_paper(
            self.clinic.print.paper, default_printer_paper(), system_locale_name()
        )

    def starting_points(self) -> float:
        """The clinic's starting large-print size (18 pt unless it says otherwise)."""
        return self.clinic.print.text_size

    def reset(self) -> None:
        """Nothing is kept between prints; open print dialogs close with the dialog host."""

    # -- the choices -------------------------------------------------------------------------

    def start(self, preselect: str = "print") -> QDialog | None:
        """Open the print choices with ``preselect`` ("print", "preview" or "pdf") as default."""
        from kyphoreader.printing.dialog import PrintChoice, PrintOptionsDialog

        leaflet = self._leaflet()
        if leaflet is None:
            return None
        dialog = PrintOptionsDialog(
            leaflet, self._section(), self.starting_paper(), parent=self._dialogs.window
        )
        dialog.set_points(self.starting_points())
        if preselect == "preview":
            dialog.preview_button.setDefault(True)
        elif preselect == "pdf":
            dialog.pdf_button.setDefault(True)

        def chosen(result: int) -> None:
            if result != QDialog.DialogCode.Accepted or dialog.choice is None:
                return
            options = dialog.options()
            if dialog.choice == PrintChoice.PRINT:
                self.print_with(options)
            elif dialog.choice == PrintChoice.PREVIEW:
                self.preview_with(options)
            else:
                self.save_pdf_with(options)

        return self._dialogs.open(dialog, chosen)

    # -- printing ----------------------------------------------------------------------------

    def print_with(self, options: PrintOptions) -> QDialog | None:
        """Ask which printer, then print; with no printer set up, offer a PDF instead."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

        if self._leaflet() is None:
            return None
        if not QPrinterInfo.availablePrinters():

            def answered(button: QMessageBox.StandardButton) -> None:
                if button == QMessageBox.StandardButton.Yes:
                    self.save_pdf_with(options)

            return self._dialogs.message(
                QMessageBox.Icon.Question,
                "No printer",
                "No printer is set up on this computer.\n\n"
                "Would you like to save the leaflet as a PDF file instead? "
                "You can print the PDF on another computer.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                answered,
            )
        from kyphoreader.printing.pages import page_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(options.paper))  # the printer's dialog starts with it
        dialog = QPrintDialog(printer, self._dialogs.window)
        dialog.setWindowTitle("Print the leaflet")
        dialog.setObjectName("system_print_dialog")

        def chosen(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                # The paper chosen in the print choices: Qt's own dialog may put its default
                # paper back on the printer (the copy is laid out for the paper chosen).
                self.print_on(printer, options)

        return self._dialogs.open(dialog, chosen)

    def print_on(self, printer: object, options: PrintOptions) -> bool:
        """Print on a printer already chosen; say how it went. Returns True if it printed."""
        from kyphoreader.printing.output import print_leaflet
        from kyphoreader.printing.pages import PrintError

        leaflet = self._leaflet()
        if leaflet is None:
            return False
        try:
            pages = print_leaflet(
                leaflet,
                options,
                printer,  # type: ignore[arg-type]
                clinic=self.clinic.clinic,
                glossary=self._glossary(),
            )
        except PrintError as error:
            self._dialogs.message(
                QMessageBox.Icon.Critical, "The leaflet did not print", str(error)
            )
            return False
        name = printer.printerName()  # type: ignore[attr-defined]
        self.status.emit(f"Sent {pages} pages at {options.point_size:g} pt to {name}.")
        return True

    # -- preview -----------------------------------------------------------------------------

    def make_preview_dialog(self, options: PrintOptions) -> QDialog | None:
        """A print preview showing exactly the pages that would print with ``options``.

        The copy is laid out and checked once, as printing does; the preview paints it through
        the same function that paints on a printer (``paint_copy``), on a printer of the layout
        resolution, so what it shows at any zoom is the printed page. A copy that fails the
        check is not previewed: the reader is told why, as when printing.
        """
        from kyphoreader.printing.options import PrintOptionError
        from kyphoreader.printing.output import paint_copy
        from kyphoreader.printing.pages import LAYOUT_DPI, PagedLeaflet, PrintError
        from kyphoreader.printing.preview import PreviewDialog

        leaflet = self._leaflet()
        if leaflet is None:
            return None
        try:
            paged = PagedLeaflet(
                leaflet, options, clinic=self.clinic.clinic, glossary=self._glossary()
            )
            paged.check()
        except (PrintError, PrintOptionError) as error:
            self._dialogs.message(
                QMessageBox.Icon.Critical, "The preview cannot be shown", str(error)
            )
            return None

        def paint(printer: QPrinter) -> None:
            printer.setResolution(LAYOUT_DPI)  # page units one to one: nothing rounded
            try:
                paint_copy(paged, printer)
            except PrintError as error:  # the preview's own printer: not expected
                self.status.emit(str(error))

        dialog = PreviewDialog(paint, self._dialogs.window)
        dialog.print_requested.connect(lambda: self.print_with(options))
        dialog.resize(self._dialogs.window.size())
        return dialog

    def preview_with(self, options: PrintOptions) -> QDialog | None:
        """Show the pages on screen before printing."""
        dialog = self.make_preview_dialog(options)
        return None if dialog is None else self._dialogs.open(dialog)

    # -- PDF ---------------------------------------------------------------------------------

    def save_pdf_with(self, options: PrintOptions) -> QDialog | None:
        """Ask where to save, then write the large-print PDF there and say so."""
        leaflet = self._leaflet()
        if leaflet is None:
            return None
        suggested = f"{leaflet.title[:40].strip()} {options.point_size:g}pt.pdf"
        return self._dialogs.ask_save_path(
            "Save the leaflet as a PDF",
            suggested,
            "PDF files (*.pdf)",
            lambda path: self.write_pdf(path, options),
        )

    def write_pdf(self, path: str, options: PrintOptions) -> str:
        """Write the PDF to ``path`` (".pdf" added if missing); returns the path, or ''."""
        from kyphoreader.printing.options import PrintOptionError
        from kyphoreader.printing.output import export_pdf
        from kyphoreader.printing.pages import PrintError

        leaflet = self._leaflet()
        if leaflet is None or not path:
            return ""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            pages = export_pdf(
                leaflet, options, path, clinic=self.clinic.clinic, glossary=self._glossary()
            )
        except (PrintError, PrintOptionError) as error:
            self._dialogs.message(QMessageBox.Icon.Critical, "The PDF was not saved", str(error))
            return ""
        self.status.emit(f"Saved {pages} pages to {path}.")
        return path
