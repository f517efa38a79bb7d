"""User text that starts like a formula is written as plain text in every XLSX and CSV we make
(issue 12, hole 1): XLSX string cells (data type `s`), CSV with the OWASP prefix `'`. The
formulas we write ourselves (the forecast template's estimate) stay formulas."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from accounting.models import BudgetPart
from accounting.services.spuk import DivisionLineInput, spuk_division_save
from allocations.exports import forecasts_xlsx
from allocations.selectors import forecasts as forecast_selectors
from allocations.services import clients as client_services
from allocations.services import forecasts as forecast_services
from core.models import Municipality
from core.spreadsheets import neutralise
from tests.allocations.factories import World, submit
from tests.allocations.xlsx_helpers import template

HYPERLINK = '=HYPERLINK("http://evil.example/x","Klik hier")'
ATTACKS = [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_starts_like_a_formula_gets_the_owasp_prefix(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Leiden", "a=b", "", None, 12, Decimal("-3.50"), dt.date(2020, 1, 1)]
)
def test_other_values_are_written_unchanged(value):
    assert neutralise(value) == value


@pytest.fixture
def world(db):
    return World()


def xlsx_cells(content: bytes, sheet: str | None = None):
    wb = load_workbook(io.BytesIO(content))
    ws = wb[sheet] if sheet else wb.active
    return [cell for row in ws.iter_rows() for cell in row]


@pytest.mark.django_db
def test_a_spuk_division_line_labelled_as_a_formula_is_text_in_the_sisa_xlsx(demo_client):
    from fund.models import Fund

    client = demo_client("rotterdam")
    fund = Fund.objects.get(slug="spuk-bren-zuid-west")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="rotterdam")
    spuk_division_save(
        fund=fund,
        year=2022,
        user=user,
        lines=[  # 2021 is adopted; 2022 is a draft
            DivisionLineInput(BudgetPart.THEME, HYPERLINK, Decimal("1000")),
            DivisionLineInput(BudgetPart.LEARNING, "@SUM(1,2)", Decimal("10")),
        ],
    )
    content = client.get(
        "/boekhouding/spuk-bren-zuid-west/spuk/2022/verantwoording.xlsx"
    ).getvalue()
    cells = xlsx_cells(content, "Per onderdeel en project")
    labels = [c for c in cells if c.value in (HYPERLINK, "@SUM(1,2)")]
    assert len(labels) == 2
    assert all(c.data_type == "s" for c in labels)
    assert not any(c.data_type == "f" for c in cells)


@pytest.mark.django_db
def test_a_municipality_name_as_a_formula_is_text_in_the_contributions_csv_and_xlsx(
    demo, tmp_path, capsys
):
    Municipality.objects.filter(name="Leiden").update(name=HYPERLINK)
    call_command("contributions", "tijdelijk-fonds-holland-rijnland", "2017")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert ["'" + HYPERLINK] == [r[0] for r in rows if "HYPERLINK" in r[0]]
    assert all(not r[1].startswith("'") for r in rows[1:])  # the amounts stay plain numbers

    target = tmp_path / "c.xlsx"
    call_command(
        "contributions",
        "tijdelijk-fonds-holland-rijnland",
        "2017",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    cells = [c for row in load_workbook(target).active.iter_rows() for c in row]
    leiden = [c for c in cells if c.value == HYPERLINK]
    assert len(leiden) == 1 and leiden[0].data_type == "s"
    assert not any(c.data_type == "f" for c in cells)


def test_product_text_as_a_formula_is_text_in_the_forecast_template_but_the_estimate_stays_a_formula(
    world,
):
    provider = world.provider("aanbieder-f")
    provider.hours.name = HYPERLINK
    provider.hours.save()
    provider.name = "=1+1"
    provider.save()
    ws = load_workbook(io.BytesIO(template(provider)))["Prognose"]
    names = [ws.cell(row=r, column=2) for r in range(6, ws.max_row + 1)]
    assert HYPERLINK in [c.value for c in names]
    assert all(c.data_type == "s" for c in names)
    assert ws["A1"].value == "Maandprognose =1+1" and ws["A1"].data_type == "s"
    estimates = [ws.cell(row=r, column=14) for r in range(6, ws.max_row + 1)]
    assert estimates and all(c.data_type == "f" and c.value.startswith("=IF(") for c in estimates)


def test_product_text_as_a_formula_is_text_in_the_forecasts_xlsx(world):
    provider = world.provider("aanbieder-g")
    provider.hours.name = "=1+cmd"
    provider.hours.save()
    submit(provider, 5)
    statuses = forecast_selectors.budget_statuses(provider=provider, year=2016)
    lines = forecast_selectors.current_lines_for_year(provider=provider, year=2016)
    content = forecasts_xlsx(provider=provider, year=2016, statuses=statuses, lines=lines)
    cells = xlsx_cells(content, "Per product")
    names = [c for c in cells if c.value == "=1+cmd"]
    assert names and all(c.data_type == "s" for c in names)
    assert not any(c.data_type == "f" for c in cells)


def test_a_provider_name_as_a_formula_is_text_in_the_bsn_export(world):
    provider = world.provider("aanbieder-h")
    provider.name = "@SUM(1,2)"
    provider.save()
    submit(
        provider,
        5,
        delivered="900",
        expected="400",
        clients=[
            forecast_services.ClientRow(
                product_code="45A01", bsn="999991772", intake_on=dt.date(2016, 5, 2)
            )
        ],
    )
    content = client_services.bsn_export(
        provider=provider,
        year=2016,
        reason="Controle van de accountant op de registratie.",
        user=world.two,
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'@SUM(1,2)"


def test_norm_texts_as_formulas_are_text_in_the_norm_csv_and_template():
    from norms.exports import counts_csv
    from norms.xlsx import template_xlsx

    rows = list(csv.reader(io.StringIO(counts_csv([(dt.date(2021, 2, 15), "=1+1", 3)]).decode())))
    assert rows[1] == ["2021-02-15", "'=1+1", "3"]
    content = template_xlsx(
        area_name=HYPERLINK,
        area_slug="zw",
        reference_date=dt.date(2021, 2, 15),
        norms=[("=N1", "@norm")],
    )
    cells = xlsx_cells(content)
    texts = [c for c in cells if c.value in (HYPERLINK, "=N1", "@norm")]
    assert len(texts) == 3 and all(c.data_type == "s" for c in texts)


def test_control_characters_in_names_are_left_out_of_the_forecast_xlsx_files(world):
    """XLSX cannot hold a control character (openpyxl refuses it, the download would fail): a
    provider or product name pasted with one is written without it, in the template and the
    forecasts export alike."""
    provider = world.provider("aanbieder-i")
    provider.hours.name = "Uren\x0bbegeleiding"
    provider.hours.save()
    provider.name = "Zorg\x08aanbieder"
    provider.save()
    ws = load_workbook(io.BytesIO(template(provider)))["Prognose"]
    assert ws["A1"].value == "Maandprognose Zorgaanbieder"
    assert "Urenbegeleiding" in [ws.cell(row=r, column=2).value for r in range(6, ws.max_row + 1)]

    submit(provider, 5)
    statuses = forecast_selectors.budget_statuses(provider=provider, year=2016)
    lines = forecast_selectors.current_lines_for_year(provider=provider, year=2016)
    content = forecasts_xlsx(provider=provider, year=2016, statuses=statuses, lines=lines)
    assert load_workbook(io.BytesIO(content))["Per maand"]["A1"].value == (
        "Prognoses Zorgaanbieder 2016"
    )
    assert "Urenbegeleiding" in [c.value for c in xlsx_cells(content, "Per product")]


def test_a_control_character_in_an_area_name_is_left_out_of_the_norm_template():
    from norms.xlsx import template_xlsx

    content = template_xlsx(
        area_name="Zuid\x01-West",
        area_slug="zw",
        reference_date=dt.date(2021, 2, 15),
        norms=[("N1", "Norm\x02 een")],
    )
    values = [c.value for c in xlsx_cells(content)]
    assert "Zuid-West" in values and "Norm een" in values
