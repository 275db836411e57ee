"""Paper from --paper, the clinic file or the locale; review dates on copies and in About."""

from __future__ import annotations

import datetime as dt

import pytest
from clirunner import run_kyphoreader

from kyphoreader.core.clinic import ClinicDetails
from kyphoreader.core.document import about_html, print_document_html
from kyphoreader.core.leaflet import parse_leaflet
from kyphoreader.printing.options import IMPERIAL_US_TERRITORIES, default_paper, starting_paper

NO_LOCALE = {"LC_ALL": "", "LC_PAPER": "", "LANG": "", "KYPHOREADER_CONFIG": ""}


@pytest.mark.parametrize(
    ("lang", "paper"),
    [
        ("C.UTF-8", "A4"),
        ("C", "A4"),
        ("POSIX", "A4"),
        ("en_US.UTF-8", "Letter"),
        ("en_GB.UTF-8", "A4"),
        ("en_CA.UTF-8", "Letter"),
        ("de_DE.UTF-8", "A4"),
    ],
)
def test_the_locale_sets_the_paper_when_nothing_else_does(lang, paper):
    assert default_paper("", lang) == paper


def test_the_clinic_paper_wins_over_the_locale_and_the_printer():
    assert default_paper("A4", "en_US.UTF-8") == "A4"
    assert default_paper("Letter", "C.UTF-8") == "Letter"
    assert starting_paper("", "Letter", "en_GB.UTF-8") == "Letter"  # the printer's own
    assert starting_paper("A4", "Letter", "en_US.UTF-8") == "A4"


def test_letter_territories_include_every_one_qt_measures_in_us_units(qapp):
    from PySide6.QtCore import QLocale

    us = {
        QLocale.territoryToCode(locale.territory())
        for locale in QLocale.matchingLocales(
            QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
        )
        if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    }
    assert us and us <= IMPERIAL_US_TERRITORIES


@pytest.mark.parametrize(
    ("lang", "clinic", "paper"),
    [
        ("C.UTF-8", "", "A4"),
        ("en_US.UTF-8", "", "Letter"),
        ("en_GB.UTF-8", "", "A4"),
        ("en_US.UTF-8", '[print]\npaper = "A4"\ntext_size = 22\n', "A4"),
    ],
)
def test_export_paper_under_each_locale_and_from_the_clinic_file(tmp_path, lang, clinic, paper):
    args = ["--export-pdf", "out.pdf", "--section", "summary"]
    if clinic:
        (tmp_path / "clinic.toml").write_text(clinic, encoding="utf-8")
        args += ["--config", "clinic.toml"]
    env = dict(NO_LOCALE, LANG=lang, XDG_CONFIG_DIRS=str(tmp_path / "none"))
    done = run_kyphoreader(*args, cwd=tmp_path, display=False, env_extra=env)
    assert done.returncode == 0, done.stderr
    size = "22" if clinic else "18"
    assert done.stdout.strip().endswith(f"pages at {size} pt on {paper}"), done.stdout
    import pymupdf

    with pymupdf.open(tmp_path / "out.pdf") as document:
        width = round(document[0].rect.width)
    assert width == (612 if paper == "Letter" else 595)


LEAFLET = """title: Hip care
reviewed_by: Dr A Example
review_date: 2025-01-10
next_review: 2026-01-10

## Walking

Take it slowly.
"""


def test_review_dates_and_the_due_notice_on_copies_and_in_about():
    leaflet = parse_leaflet(LEAFLET, "hip.md")
    before = dt.date(2025, 6, 1)
    after = dt.date(2026, 2, 1)
    copy = print_document_html(leaflet, None, "1 June 2025", today=before)
    assert "Last reviewed:</b> 10 January 2025" in copy
    assert "Next review:</b> 10 January 2026<" in copy
    assert "due for review" not in copy
    for html in (
        print_document_html(leaflet, None, "1 Feb 2026", today=after),
        about_html(leaflet, today=after),
    ):
        assert "This leaflet is due for review" in html
        assert "10 January 2026" in html
    about = about_html(leaflet, today=before)
    assert "Next review" in about and "10 January 2026" in about and "due for review" not in about


def test_the_bundled_leaflet_still_says_it_is_not_reviewed(bundled_leaflet):
    copy = print_document_html(bundled_leaflet, None, "1 June 2030")
    assert "it has not been clinically reviewed" in copy
    assert "Next review:</b> Not set" in copy
    assert "has not been clinically reviewed" in about_html(bundled_leaflet)


def test_the_contact_box_with_and_without_a_clinic(bundled_leaflet):
    none = print_document_html(bundled_leaflet, None, "1 June 2030")
    assert "ask the person who gave it to you" in none
    assert "in large print, audio or another format" in none
    clinic = ClinicDetails(name="Unit <b>", phone="01632 960-123", urgent="Call 999.")
    copy = print_document_html(bundled_leaflet, None, "1 June 2030", clinic)
    assert "Unit &lt;b&gt;" in copy  # plain text, never markup
    assert "01632\u00a0960\u2011123" in copy  # never split across lines
    assert "If it is urgent:</b> Call 999." in copy
    assert "Contact" in about_html(bundled_leaflet, clinic) and "Call 999." in about_html(
        bundled_leaflet, clinic
    )
