import io
from decimal import Decimal

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from openpyxl import load_workbook

from allocations.exceptions import FileRejected
from allocations.models import ClientRegistration, ForecastSubmission
from allocations.selectors.forecasts import provider_status
from allocations.services import forecasts as forecast_services
from tests.allocations.xlsx_helpers import filled, template


def load(content):
    return load_workbook(io.BytesIO(content))


def test_template_has_products_marked_inputs_and_number_validation(world):
    provider = world.provider("aanbieder-a")
    wb = load(template(provider))
    ws = wb["Prognose"]
    assert (ws["B2"].value, ws["B3"].value) == ("aanbieder-a", "2016-05")
    assert [ws.cell(row=r, column=1).value for r in (6, 7)] == ["43A02", "45A01"]
    assert ws["D7"].value == 100 and ws["C7"].value == "uur"
    assert ws["E6"].fill.start_color.rgb.endswith("FFF2CC") and ws["E6"].protection.locked is False
    assert ws["A6"].protection.locked is True and ws.protection.sheet
    kinds = {(dv.type, dv.operator) for dv in ws.data_validations.dataValidation}
    assert ("decimal", "greaterThanOrEqual") in kinds and ("whole", "greaterThanOrEqual") in kinds
    assert set(wb.sheetnames) == {"Prognose", "Toelichting", "BSN"}


def _import(provider, content, month=5):
    return forecast_services.forecast_import(
        provider=provider, year=2016, month=month, content=content, user=provider.user
    )


def test_filled_template_is_imported(world):
    provider = world.provider("aanbieder-a")
    submission = _import(provider, filled(provider))
    assert submission.source == "xlsx" and submission.explanation == "Afgeschaald naar basis-GGZ"
    line = submission.lines.get(product__code="45A01")
    assert (line.units_delivered, line.expected_units, line.trend, line.cost.amount) == (
        Decimal("500"),
        Decimal("400"),
        "rising",
        Decimal("90000.00"),
    )
    assert provider_status(provider=provider, year=2016).status == "green"


BAD = [
    (
        "missing",
        {"45A01": [500, None, 12, 3, 400, 5, 6, "stijgend", 90]},
        "Prognose",
        7,
        "F (Cliënten in zorg)",
        "waarde ontbreekt",
    ),
    (
        "non-numeric",
        {"45A01": ["veel", 10, 12, 3, 400, 5, 6, "stijgend", 90]},
        "Prognose",
        7,
        "E (Geleverd t/m maand (eenheden))",
        "'veel' is geen getal",
    ),
    (
        "negative",
        {"45A01": [500, 10, 12, 3, -4, 5, 6, "stijgend", 90]},
        "Prognose",
        7,
        "I (Verwachte eenheden tot 31-12)",
        "negatief getal",
    ),
    (
        "bad trend",
        {"45A01": [500, 10, 12, 3, 4, 5, 6, "omhoog", 90]},
        "Prognose",
        7,
        "L (Trend wachttijd (stijgend/gelijk/dalend))",
        "geen trend",
    ),
]


@pytest.mark.parametrize(
    ("case", "rows", "sheet", "row", "column", "reason"), BAD, ids=[b[0] for b in BAD]
)
def test_bad_cell_rejects_the_whole_file(world, case, rows, sheet, row, column, reason):
    provider = world.provider("aanbieder-a")
    with pytest.raises(FileRejected) as info:
        _import(provider, filled(provider, rows=rows, bsns=[("45A01", "999991772", "2016-05-02")]))
    assert any(
        e[0] == sheet and e[1] == row and e[2] == column and reason in e[3]
        for e in info.value.errors
    ), info.value.errors
    assert f"blad {sheet}, rij {row}, kolom {column}" in info.value.message
    assert ForecastSubmission.objects.count() == 0 and ClientRegistration.objects.count() == 0


def test_unknown_product_is_rejected(world):
    provider = world.provider("aanbieder-a")

    def edit(wb):
        wb["Prognose"]["A7"] = "99Z99"

    with pytest.raises(FileRejected) as info:
        _import(provider, filled(provider, edit=edit))
    assert ("Prognose", 7, "A (Productcode)", "onbekend product '99Z99'") in info.value.errors
    assert any("product 45A01 ontbreekt" in e[3] for e in info.value.errors)
    assert ForecastSubmission.objects.count() == 0


def test_wrong_month_is_rejected(world):
    provider = world.provider("aanbieder-a")
    with pytest.raises(FileRejected) as info:
        _import(provider, filled(provider, month=4), month=5)
    assert (
        "Prognose",
        3,
        "B (Maand)",
        "verkeerde maand '2016-04'; verwacht 2016-05",
    ) in info.value.errors
    assert ForecastSubmission.objects.count() == 0


def test_bsn_failing_the_11_check_rejects_the_file_without_showing_it(world):
    provider = world.provider("aanbieder-a")
    rows = {"45A01": [500, 10, 12, 3, 520, 5, 6, "stijgend", 90]}  # 102%: amber
    with pytest.raises(FileRejected) as info:
        _import(
            provider,
            filled(
                provider,
                rows=rows,
                bsns=[("45A01", "999991772", "2016-05-02"), ("45A01", "999991773", "2016-05-03")],
            ),
        )
    assert ("BSN", 3, "B (BSN)", "BSN voldoet niet aan de elfproef") in info.value.errors
    assert "999991773" not in info.value.message
    assert ForecastSubmission.objects.count() == 0 and ClientRegistration.objects.count() == 0


def test_not_an_xlsx_file_is_rejected(world):
    provider = world.provider("aanbieder-a")
    with pytest.raises(FileRejected, match="geen geldig XLSX"):
        _import(provider, b"this is not a spreadsheet")


def test_amber_upload_registers_bsns_encrypted(world):
    provider = world.provider("aanbieder-a")
    rows = {"45A01": [500, 10, 12, 3, 520, 5, 6, "stijgend", 90]}
    _import(provider, filled(provider, rows=rows, bsns=[("45A01", "999991772", "2016-05-02")]))
    registration = ClientRegistration.objects.get()
    assert registration.masked_bsn == "******772" and "999991772" not in registration.bsn_encrypted


def test_uploading_the_same_month_again_replaces_it_and_keeps_history(world):
    provider = world.provider("aanbieder-a")
    _import(provider, filled(provider))
    _import(provider, filled(provider, rows={"45A01": [500, 10, 12, 3, 300, 5, 6, "dalend", 90]}))
    assert list(
        ForecastSubmission.objects.order_by("version").values_list("version", "is_current")
    ) == [(1, False), (2, True)]
    assert provider_status(provider=provider, year=2016).cost == Decimal("80000.00")


def test_cli_template_and_import(world, tmp_path, capsys):
    provider = world.provider("aanbieder-a")
    path = tmp_path / "t.xlsx"
    call_command("forecast_template", "aanbieder-a", "2016-05", "--output", str(path))
    assert load(path.read_bytes())["Prognose"]["B3"].value == "2016-05"
    path.write_bytes(filled(provider))
    call_command("import_forecast", "aanbieder-a", "2016-05", str(path))
    assert ForecastSubmission.objects.filter(provider=provider, month=5, is_current=True).exists()


def test_cli_rejects_a_bad_file_with_nonzero_exit_and_errors_on_stderr(
    world, tmp_path, capsys, monkeypatch
):
    provider = world.provider("aanbieder-a")
    path = tmp_path / "bad.xlsx"
    path.write_bytes(filled(provider, rows={"45A01": [500, 10, 12, 3, -1, 5, 6, "stijgend", 90]}))
    with pytest.raises(CommandError) as info:
        call_command("import_forecast", "aanbieder-a", "2016-05", str(path))
    assert "blad Prognose, rij 7, kolom I (Verwachte eenheden tot 31-12): negatief getal" in str(
        info.value
    )
    # As from the shell: Django writes the CommandError to stderr and exits with status 1.
    # (run_from_argv closes the connections afterwards; the test database must stay open.)
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(
            ["manage.py", "import_forecast", "aanbieder-a", "2016-05", str(path)]
        )
    assert exit_info.value.code == 1
    assert "negatief getal" in capsys.readouterr().err
    assert ForecastSubmission.objects.count() == 0
