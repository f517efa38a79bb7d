"""The numbers in the PDF and the XLSX are the numbers on the page."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from core.templatetags.nl import format_euro
from tests.accounting.html import table_rows

EURO = re.compile(r"-?€ [0-9.]+,[0-9]{2}")
TF = "tijdelijk-fonds-holland-rijnland"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def xlsx_table(content: bytes, sheet: str) -> list[list]:
    ws = load_workbook(io.BytesIO(content))[sheet]
    return [[c for c in row] for row in ws.iter_rows()]


def money_cells(rows) -> list:
    """Every numeric cell with a euro format: (value as shown, cell)."""
    return [
        c
        for row in rows
        for c in row
        if isinstance(c.value, (int, float)) and "€" in (c.number_format or "")
    ]


@pytest.mark.django_db
def test_fund_overview_page_pdf_and_xlsx_show_the_same_numbers(demo_client):
    client = demo_client("two")
    page = client.get(f"/boekhouding/{TF}/overzicht/").content.decode()
    years = table_rows(page, "table-0")
    page_amounts = [cell for row in years for cell in row if EURO.fullmatch(cell)]
    assert years[1][0] == "2016" and years[-1][0] == "Totaal"
    assert years[-1][1] == "€ 7.000.000,00"  # the fund's filling, seed 002 ch. 3
    assert len(page_amounts) == 5 * 8

    xlsx = client.get(f"/boekhouding/{TF}/overzicht.xlsx").getvalue()
    cells = money_cells(xlsx_table(xlsx, "Per jaar"))
    assert [format_euro(Decimal(str(c.value))) for c in cells] == page_amounts
    assert all(c.data_type == "n" for c in cells)

    text = pdf_text(client.get(f"/boekhouding/{TF}/overzicht.pdf").content)
    assert [a for a in page_amounts if a not in text] == []
    projects = table_rows(page, "table-1")
    assert projects[-1][0] == "Totaal"
    assert projects[0][-1] == "Matrix" and "■" in projects[1][-1] + projects[1][-1].replace(
        "□", ""
    )  # a grid
    for amount in projects[-1][4:9]:
        assert amount in text
    xlsx_projects = money_cells(xlsx_table(xlsx, "Projecten"))
    assert [format_euro(Decimal(str(c.value))) for c in xlsx_projects][-5:] == projects[-1][4:9]


@pytest.mark.django_db
def test_spuk_verantwoording_page_pdf_xlsx_and_cli_agree(demo_client, tmp_path):
    client = demo_client("rotterdam")
    page = client.get("/boekhouding/spuk-bren-zuid-west/spuk/2020/verantwoording/").content.decode()
    rows = table_rows(page, "table-1")  # table-0 is the SiSa appendix, one row per grant decision
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header[5:10] == [
        "Budget",
        "Besteding (jaar T = 2020)",
        "Cumulatieve besteding (t/m jaar T)",
        "Niet besteed",
        "Eindverantwoording (Ja/Nee)",
    ]
    assert len(body) == 6 and totals[5] == "€ 1.710.000,00"  # seed 004 Bijlage 4
    from accounting.models import SpukBudgetDivision
    from accounting.selectors.spuk import division_check

    division = SpukBudgetDivision.objects.get(fund__slug="spuk-bren-zuid-west", year=2020)
    check = division_check(division)
    assert division.status == "adopted" and check.total == check.grant == Decimal("1710000")
    assert [f.rule for f in check.findings] == [
        "theme_unforeseen",
        "unforeseen",
    ]  # Bijlage 4 has no unforeseen
    assert "geen post onvoorzien" in division.deviation_note
    timon = next(r for r in body if r[3].startswith("Totaal projecten Timon"))
    assert timon[6] == "€ 500.000,00" and timon[10] == "Toelichting vereist: afwijking > 10%"

    out = tmp_path / "sisa.xlsx"
    call_command(
        "spuk_verantwoording",
        "spuk-bren-zuid-west",
        "2020",
        "--format",
        "xlsx",
        "--output",
        str(out),
    )
    ws_rows = xlsx_table(out.read_bytes(), "Per onderdeel en project")
    shown = [
        [format_euro(Decimal(str(c.value))) for c in row[5:9]]
        for row in ws_rows
        if len(row) > 8 and isinstance(row[5].value, (int, float))
    ]
    assert shown == [r[5:9] for r in body] + [totals[5:9]]
    assert all(
        c.data_type == "n" and "€" in c.number_format
        for row in ws_rows[-6:]
        for c in row[5:9]
        if c.value is not None
    )

    pdf = tmp_path / "sisa.pdf"
    call_command(
        "spuk_verantwoording",
        "spuk-bren-zuid-west",
        "2020",
        "--format",
        "pdf",
        "--output",
        str(pdf),
    )
    text = pdf_text(pdf.read_bytes())
    assert [cell for row in body + [totals] for cell in row[5:9] if cell not in text] == []
    assert (
        client.get("/boekhouding/spuk-bren-zuid-west/spuk/2020/verantwoording.pdf").content[:4]
        == b"%PDF"
    )


@pytest.mark.django_db
def test_the_cli_refuses_an_unknown_or_regional_fund(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet"):
        call_command(
            "spuk_verantwoording",
            "geen-fonds",
            "2020",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "x.pdf"),
        )


@pytest.mark.django_db
def test_settlement_statement_pdf_and_xlsx_match_the_page_for_the_portfolio_holder(demo_client):
    from accounting.models import SettlementGroup

    group = SettlementGroup.objects.get(name__startswith="Alphen")
    client = demo_client("pho-kaag-en-braassem")
    page = client.get(f"/boekhouding/{TF}/afrekening/{group.pk}/").content.decode()
    captions = re.findall(r'<caption class="[^"]*">([^<]+)</caption>', page)
    assert captions == ["Afrekening Kaag en Braassem"]  # only the own municipality's statement
    rows = table_rows(page, "table-0")
    refund = rows[-1][3]
    assert EURO.fullmatch(refund)
    xlsx = client.get(f"/boekhouding/{TF}/afrekening/{group.pk}.xlsx").getvalue()
    cells = money_cells(xlsx_table(xlsx, "Kaag en Braassem"))
    assert format_euro(Decimal(str(cells[-1].value))) == refund
    assert refund in pdf_text(client.get(f"/boekhouding/{TF}/afrekening/{group.pk}.pdf").content)
    other = (
        demo_client("pho-leiden").get(f"/boekhouding/{TF}/afrekening/{group.pk}/").content.decode()
    )
    assert re.findall(r'<caption class="[^"]*">([^<]+)</caption>', other) == []


def _dutch_number(text: str) -> Decimal:
    return Decimal(text.split()[0].replace(".", "").replace(",", "."))


@pytest.mark.django_db
def test_evaluation_page_pdf_and_xlsx_show_the_same_numbers(demo_client):
    client = demo_client("two")
    page = client.get(f"/boekhouding/{TF}/evaluatie/2019/").content.decode()
    header, *rows = table_rows(page, "table-0")
    assert header[:6] == [
        "Project",
        "Doel",
        "Prestatie-indicator",
        "Eenheid",
        "Streefwaarde",
        "Geleverd",
    ]
    reported = [r for r in rows if r[5] != "—"]
    assert len(reported) >= 3  # the demo reports delivered values for 2019

    xlsx = xlsx_table(client.get(f"/boekhouding/{TF}/evaluatie/2019.xlsx").getvalue(), "Prestaties")
    by_indicator = {
        (r[0].value, r[2].value): r for r in xlsx if isinstance(r[4].value, (int, float))
    }
    for row in rows:
        cells = by_indicator[(row[0], row[2])]
        assert Decimal(str(cells[4].value)) == _dutch_number(row[4])
        assert cells[4].data_type == "n"
        if row[5] != "—":
            assert (
                Decimal(str(cells[5].value)) == _dutch_number(row[5]) and cells[5].data_type == "n"
            )
    totals_page = table_rows(page, "table-1")[1]
    totals_xlsx = [
        c.value
        for c in xlsx_table(
            client.get(f"/boekhouding/{TF}/evaluatie/2019.xlsx").getvalue(), "Totalen"
        )[-1]
    ]
    assert [format_euro(Decimal(str(v))) for v in totals_xlsx[-2:]] == totals_page[-2:]

    text = pdf_text(client.get(f"/boekhouding/{TF}/evaluatie/2019.pdf").content)
    for row in reported:
        assert row[0].split()[0] in text and row[5] in text
    assert all(amount in text for amount in totals_page[-2:])


@pytest.mark.django_db
def test_region_reports_page_pdf_and_xlsx_list_the_same_projects_and_dates(demo_client):
    from core.templatetags.nl import datum

    client = demo_client(
        "rotterdam"
    )  # the SPUK's coordinating municipality; TWO no longer sees the SPUK
    header, *rows = table_rows(
        client.get("/boekhouding/verslagen/").content.decode(), "region-reports"
    )
    assert (
        header[:5] == ["Project", "Jeugdhulpregio", "Einde project", "Uiterlijk vóór", "Status"]
        and len(rows) >= 6
    )
    xlsx = xlsx_table(client.get("/boekhouding/verslagen/overzicht.xlsx").getvalue(), "Verslagen")
    data = [r for r in xlsx if r[0].value in {row[0] for row in rows}]
    assert len(data) == len(rows)
    for row, cells in zip(rows, data, strict=True):
        assert cells[0].value == row[0] and cells[1].value == row[1] and cells[4].value == row[4]
        assert (
            cells[3].is_date and datum(cells[3].value.date()) == row[3]
        )  # the page writes 1-3-2021
    text = " ".join(
        pdf_text(client.get("/boekhouding/verslagen/overzicht.pdf").content).split()
    )  # cells wrap
    for row in rows:
        assert row[0].split()[0] in text and row[3] in text and row[4] in text


@pytest.mark.django_db
def test_evaluation_shows_each_projects_matrix_on_the_page_in_the_pdf_and_in_words_in_the_xlsx(
    demo_client,
):
    from proposals.models import Proposal
    from proposals.rules import matrix_words

    client = demo_client("two")
    page = client.get(f"/boekhouding/{TF}/evaluatie/2019/").content.decode()
    header, *rows = table_rows(page, "table-2")
    assert header == ["Project", "Matrix", "Toegekend", "Betaald"] and rows
    proposal = Proposal.objects.get(reference=rows[0][0].split()[0])
    cells = sorted(proposal.cells.values_list("row", "column"))
    grid = ["".join("■" if (r, c) in cells else "□" for c in (1, 2, 3)) for r in (1, 2, 3)]
    assert "<br>".join(grid) in page and f"Matrix: {matrix_words(cells)}" in page

    text = " ".join(pdf_text(client.get(f"/boekhouding/{TF}/evaluatie/2019.pdf").content).split())
    assert " ".join(grid) in text
    xlsx = xlsx_table(client.get(f"/boekhouding/{TF}/evaluatie/2019.xlsx").getvalue(), "Projecten")
    assert [[c.value for c in r] for r in xlsx if r[0].value == rows[0][0]][0][1] == matrix_words(
        cells
    )
