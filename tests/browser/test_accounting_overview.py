"""TWO opens the fund overview, sees the numbers, and downloads its PDF (axe-checked pages)."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, follow, login


@pytest.mark.browser
def test_two_opens_the_fund_overview_and_downloads_its_pdf(page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    login(page, "two")
    follow(page, page.get_by_role("link", name="Boekhouding").first)
    assert_accessible(page)
    follow(
        page,
        page.get_by_role("link", name="Fondsoverzicht Tijdelijk Fonds Jeugdhulp Holland Rijnland"),
    )
    page.wait_for_url("**/overzicht/")
    assert_accessible(page)
    total = page.locator('[data-testid="table-0"] tfoot td').nth(0).inner_text()
    assert total == "€ 7.000.000,00"
    remaining = page.locator('[data-testid="table-0"] tfoot td').last.inner_text()
    with page.expect_download(timeout=60000) as info:
        page.get_by_test_id("download-pdf").click()
    download = info.value
    assert download.suggested_filename == "fondsoverzicht-tijdelijk-fonds-holland-rijnland.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(download.path()).pages)
    assert total in text and remaining in text

    follow(page, page.get_by_role("link", name="Journaal en boekingen"))
    assert_accessible(page)
    page.goto("/boekhouding/spuk-bren-zuid-west/spuk/2020/verantwoording/")
    assert_accessible(page)
    page.goto("/boekhouding/verslagen/")
    assert_accessible(page)
