"""A region user enters a month's counts and sees them in the table and the trend chart."""

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, follow, login


@pytest.mark.browser
def test_region_user_enters_a_months_counts_and_sees_the_trend(page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    login(page, "regio-holland-rijnland")
    page.goto("/normen/")
    assert_accessible(page)
    assert (
        page.get_by_role("link", name="Zuid-West", exact=True).count() == 0
    )  # it belongs to it, but sees only its own
    follow(page, page.get_by_role("link", name="Holland Rijnland", exact=True))
    assert_accessible(page)
    follow(page, page.get_by_test_id("enter-counts"))
    assert_accessible(page)
    page.get_by_label("Peildatum").fill("2021-10-15")
    page.get_by_label("Tijdig een vaste jeugdbeschermer (binnen 5 werkdagen)").fill("0")
    page.get_by_label("Tijdig een gedragen koers (binnen 6 weken)").fill("3")
    page.get_by_label("Tijdig passende hulp (binnen 3 maanden)").fill("18")
    page.get_by_label("Langer dan drie maanden gewacht op passende hulp").fill("7")
    follow(page, page.get_by_role("button", name="Tellingen opslaan"))
    assert "4 telling(en) van 15-10-2021 opgeslagen." in page.content()
    row = page.get_by_test_id("trend-table").locator("tr", has_text="15-10-2021").inner_text()
    assert row.split() == ["15-10-2021", "0", "3", "18", "7"]
    chart = page.get_by_test_id("trend-chart")
    page.wait_for_function("el => el.complete && el.naturalWidth > 0", arg=chart.element_handle())
    svg = page.request.get(chart.get_attribute("src")).text()
    assert svg.startswith("<?xml") and "<svg" in svg and "Passende hulp" in svg
    assert_accessible(page)
