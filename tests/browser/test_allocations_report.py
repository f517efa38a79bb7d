"""A provider downloads its forecast report from its page; the PDF says what the page says."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, login


@pytest.mark.browser
def test_provider_downloads_its_forecast_report(page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    login(page, "aanbieder-lvb")
    page.goto("/budgetten/aanbieder/lvb-zorg-bollenstreek/?jaar=2016")
    assert_accessible(page)
    status = page.get_by_test_id("status").inner_text().strip()
    cost = page.get_by_test_id("forecast-cost").inner_text().strip()
    stop = page.get_by_test_id("intake-stop").inner_text()
    with page.expect_download(timeout=60000) as info:
        page.get_by_test_id("report-pdf").click()
    download = info.value
    assert download.suggested_filename == "prognoserapportage-lvb-zorg-bollenstreek-2016.pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(download.path()).pages).split())
    assert f"Status: {status}" in text and status == "● Rood: opnamestop"
    assert f"prognose {cost}." in text
    assert (
        "Algehele opnamestop sinds 3-10-2016." in stop  # on screen: one date format
        and "Algehele opnamestop sinds 3 oktober 2016." in text  # the PDF writes it out
    )
