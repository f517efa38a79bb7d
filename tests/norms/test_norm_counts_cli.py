"""`manage.py norm_counts`: the demo's seed figures, as CSV on stdout and as XLSX."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

SEED_001 = """peildatum,norm,aantal
2021-01-15,langer-dan-3-maanden-gewacht,72
2021-02-15,passende-hulp-3-maanden,124
2021-02-15,langer-dan-3-maanden-gewacht,39
2021-03-15,langer-dan-3-maanden-gewacht,36
2021-06-15,passende-hulp-3-maanden,61
2021-06-15,langer-dan-3-maanden-gewacht,20
2021-09-01,passende-hulp-3-maanden,76
2021-09-01,langer-dan-3-maanden-gewacht,26
"""


def test_zuid_west_csv_is_seed_001_to_the_number(demo):
    out = io.StringIO()
    call_command("norm_counts", "zuid-west", stdout=out)
    assert out.getvalue() == SEED_001


def test_zuid_holland_zuid_has_seed_000s_96(demo):
    out = io.StringIO()
    call_command("norm_counts", "zuid-holland-zuid", "--format", "csv", stdout=out)
    assert out.getvalue() == "peildatum,norm,aantal\n2020-11-15,langer-dan-3-maanden-gewacht,96\n"


def test_xlsx_holds_dates_and_numbers(demo, tmp_path):
    target = tmp_path / "zw.xlsx"
    call_command(
        "norm_counts",
        "zuid-west",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    ws = load_workbook(target).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("peildatum", "norm", "aantal")
    assert rows[2][0].date().isoformat() == "2021-02-15" and rows[2][1:] == (
        "passende-hulp-3-maanden",
        124,
    )
    assert [r[2] for r in rows[1:]] == [72, 124, 39, 36, 61, 20, 76, 26]


def test_unknown_area_is_refused_with_the_known_ones(demo):
    with pytest.raises(CommandError, match="Onbekend gebied 'nergens'.*zuid-west"):
        call_command("norm_counts", "nergens")


def test_xlsx_needs_an_output_file(demo):
    with pytest.raises(CommandError, match="--output"):
        call_command("norm_counts", "zuid-west", "--format", "xlsx")
