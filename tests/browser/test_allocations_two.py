"""TWO staff: the region dashboard (red and amber first), a provider's forecast, a full BSN with a
reason, and the access log that recorded it."""

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, follow, login


@pytest.mark.browser
def test_two_follows_the_dashboard_to_a_logged_bsn_view(page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    login(page, "two")
    page.goto("/budgetten/regio/?jaar=2016")
    rows = page.get_by_test_id("dashboard").locator("tbody tr")
    assert [rows.nth(i).get_attribute("data-status") for i in range(3)] == ["red", "amber", "green"]
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="GGZ Leiden Jeugd (demo)", exact=True))
    assert "Oranje" in page.get_by_test_id("status").inner_text()
    assert "******772" in page.get_by_test_id("registrations").inner_text()
    assert "999991772" not in page.content()
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="2016-12", exact=True))
    assert "54A01" in page.get_by_test_id("forecast-lines").inner_text()
    assert_accessible(page)
    page.go_back()

    follow(page, page.get_by_role("link", name="Volledig BSN inzien van ******772"))
    assert_accessible(page)
    page.get_by_label("Reden", exact=True).select_option("declaratie")
    page.get_by_label("Toelichting (wordt gelogd)").fill("Controle van de declaratie van mei")
    follow(page, page.get_by_role("button", name="Toon BSN"))
    assert page.get_by_test_id("bsn").inner_text() == "999991772"
    assert_accessible(page)

    page.goto("/budgetten/toegangslog/")
    log = page.get_by_test_id("access-log").inner_text()
    assert (
        "Controle van de declaratie van mei" in log and "Inzien" in log and "999991772" not in log
    )
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Tarievenlijst", exact=True))
    assert "€ 115,00" in page.get_by_test_id("tariffs").inner_text()
    assert_accessible(page)
    page.goto("/budgetten/aanbieder/ggz-leiden-jeugd/producten/nieuw/")
    assert_accessible(page)
    page.goto("/budgetten/aanbieder/ggz-leiden-jeugd/verschuiven/?jaar=2016")
    assert_accessible(page)
