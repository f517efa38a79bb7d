"""A provider downloads its forecast template, fills it in, uploads it and sees its status change."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tests.browser.conftest import assert_accessible, follow, login


def _fill(content: bytes, *, expected_factor: str, bad: bool = False) -> bytes:
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Prognose"]
    for r in range(6, ws.max_row + 1):
        delivered = Decimal(str(ws.cell(row=r, column=5).value))
        ws.cell(row=r, column=9, value=float(delivered * Decimal(expected_factor)))
    if bad:
        ws.cell(row=6, column=6, value="veel")
    wb["Toelichting"]["A2"] = "Meer aanmeldingen via de huisarts; trajecten zijn al verkort."
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.browser
def test_provider_uploads_a_filled_template_and_sees_the_intake_stop(
    page, transactional_db, tmp_path
):
    call_command("load_demo", stdout=io.StringIO())
    login(page, "aanbieder")
    page.goto("/budgetten/")
    assert "Groen: binnen budget" in page.get_by_test_id("status").inner_text()
    assert_accessible(page)

    page.get_by_label("Maand van het sjabloon (JJJJ-MM)").fill("2016-12")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download sjabloon").click()
    template = download_info.value.path().read_bytes()

    bad = tmp_path / "fout.xlsx"
    bad.write_bytes(_fill(template, expected_factor="0.2", bad=True))
    follow(page, page.get_by_role("link", name="Ingevuld sjabloon inlezen"))
    assert_accessible(page)
    page.get_by_label("Maand (JJJJ-MM)").fill("2016-12")
    page.get_by_label("Ingevuld sjabloon (.xlsx)").set_input_files(str(bad))
    follow(page, page.get_by_role("button", name="Inlezen"))
    errors = page.get_by_test_id("file-errors").inner_text()
    assert (
        "er is niets opgeslagen" in errors
        and "Blad Prognose, rij 6, kolom F (Cliënten in zorg): 'veel' is geen getal" in errors
    )
    assert_accessible(page)

    good = tmp_path / "goed.xlsx"
    good.write_bytes(_fill(template, expected_factor="0.2"))
    page.get_by_label("Maand (JJJJ-MM)").fill("2016-12")
    page.get_by_label("Ingevuld sjabloon (.xlsx)").set_input_files(str(good))
    follow(page, page.get_by_role("button", name="Inlezen"))
    page.wait_for_url("**/budgetten/aanbieder/jeugdhulp-rijnland/**")
    assert "De prognose 2016-12 is ingelezen." in page.content()
    assert "Rood: opnamestop" in page.get_by_test_id("status").inner_text()
    assert "Algehele opnamestop sinds" in page.get_by_test_id("intake-stop").inner_text()
    assert "Meer aanmeldingen via de huisarts" in page.get_by_test_id("explanation").inner_text()
    assert_accessible(page)

    for path in (
        "/budgetten/aanbieder/jeugdhulp-rijnland/prognose/2016-12/",
        "/budgetten/aanbieder/jeugdhulp-rijnland/prognose/2016-12/details/",
        "/budgetten/aanbieder/jeugdhulp-rijnland/prognose/historie/?jaar=2016",
        "/budgetten/aanbieder/jeugdhulp-rijnland/aanvragen/nieuw/?jaar=2016",
        "/budgetten/aanbieder/jeugdhulp-rijnland/clienten/nieuw/?jaar=2016",
    ):
        page.goto(path)
        assert_accessible(page)
    assert (
        "vervangen"
        in page.goto("/budgetten/aanbieder/jeugdhulp-rijnland/prognose/historie/?jaar=2016").text()
    )
