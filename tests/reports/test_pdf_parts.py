"""A large report's PDF is laid out in parts (reports.pdf), and reads page for page as the PDF
laid out at once: the same rows on each page, the captions, totals and notes where they were,
and "pagina N van M" at every foot."""

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from reports import pdf as pdf_module
from reports.pdf import report_pdf
from reports.table import MONEY, NUMBER, Column, Report, Table


def big_report() -> Report:
    projects = Table(
        "Projecten",
        "Projecten",
        [Column("Nummer"), Column("Omschrijving"), Column("Bedrag", MONEY)],
        rows=[
            [
                f"TF-2016-{i:03d}",
                # every seventh a long text that wraps to more lines, so pages hold unequal rows
                "Ambulante hulp "
                + ("voor gezinnen die lang wachten op hulp " * 6 if i % 7 == 0 else ""),
                Decimal(i) * Decimal("1000.01"),
            ]
            for i in range(1, 131)
        ],
        totals=["Totaal", "", sum(Decimal(i) * Decimal("1000.01") for i in range(1, 131))],
        row_flags=["overdue" if i % 11 == 0 else "" for i in range(1, 131)],
    )
    empty = Table("Wat veranderde", "Wijzigingen", [Column("Wat"), Column("Wanneer")])
    municipalities = Table(
        "Bijdragen per gemeente",
        "Bijdragen",
        [Column("Gemeente"), Column("Aandeel", NUMBER)],
        rows=[[f"Gemeente {i}", Decimal(i)] for i in range(1, 61)],
    )
    return Report(
        "Overzicht fonds",
        "overzicht",
        facts=[("Fonds", "Tijdelijk Fonds Jeugdhulp")],
        tables=[projects, empty, municipalities],
        notes=["Bedragen in euro's.", "Stand per 1-12-2026."],
    )


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def at_once():
    return pages_of(report_pdf(big_report()))  # 190 rows: under ROWS_PER_PART, one document


def test_the_report_is_laid_out_at_once_under_the_part_size(at_once):
    assert len(at_once) > 5
    assert at_once[0].startswith("Overzicht fonds")
    assert all(f"pagina {n} van {len(at_once)}" in page for n, page in enumerate(at_once, 1))


@pytest.mark.parametrize("rows_per_part", [25, 60])
def test_a_report_in_parts_has_the_pages_of_the_report_laid_out_at_once(
    monkeypatch, at_once, rows_per_part
):
    monkeypatch.setattr(pdf_module, "ROWS_PER_PART", rows_per_part)
    in_parts = pages_of(report_pdf(big_report()))
    assert in_parts == at_once


def test_each_row_caption_total_and_note_is_in_the_parts_once(monkeypatch):
    monkeypatch.setattr(pdf_module, "ROWS_PER_PART", 25)
    text = " ".join(pages_of(report_pdf(big_report())))
    assert [int(n) for n in re.findall(r"TF-2016-(\d{3})", text)] == list(range(1, 131))
    assert [int(n) for n in re.findall(r"Gemeente (\d+)", text)] == list(range(1, 61))
    for once in (
        "Overzicht fonds",
        "Wat veranderde",
        "Geen gegevens.",
        "Totaal",
        "Stand per 1-12-2026.",
    ):
        assert text.count(once) == 1, once
