import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_csv_to_stdout(demo, capsys):
    call_command("contributions", "tijdelijk-fonds-holland-rijnland", "2017")
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("municipality,amount")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 13
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal(3_000_000)
    alphen = next(r for r in rows if r["municipality"] == "Alphen aan den Rijn")
    assert abs(Decimal(alphen["amount"]) - 119538) <= 1


def test_xlsx_to_file(demo, tmp_path):
    target = tmp_path / "c.xlsx"
    call_command(
        "contributions", "knelpunten-zin-2016", "2016", "--format", "xlsx", "--output", str(target)
    )
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[-3][0] == "Totaal" and rows[-3][2] == 3000000


def test_unknown_fund_and_year_are_clear_errors(demo):
    with pytest.raises(CommandError, match="Onbekend fonds 'nope'"):
        call_command("contributions", "nope", "2016")
    with pytest.raises(CommandError, match="geen tranche voor 2030. Jaren: 2016, 2017, 2018, 2019"):
        call_command("contributions", "tijdelijk-fonds-holland-rijnland", "2030")
