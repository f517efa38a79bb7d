import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_opens_the_fund_and_sees_totals(page, transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login(page, "two")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Fondsen", exact=True).first)
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Tijdelijk Fonds Jeugdhulp Holland Rijnland"))
    page.wait_for_url("**/fondsen/tijdelijk-fonds-holland-rijnland/")
    assert_accessible(page)
    assert page.get_by_test_id("grand-total").inner_text() == "€ 7.000.000,00"
    assert [page.get_by_test_id(f"total-{i}").inner_text() for i in range(4)] == [
        "€ 1.000.000,00",
        "€ 3.000.000,00",
        "€ 2.000.000,00",
        "€ 1.000.000,00",
    ]
    row = page.locator("[data-testid=contributions] tr", has_text="Alphen aan den Rijn")
    assert "€ 245.856,00" in row.inner_text()
    # 2018 and 2019 were made definitive on the later circulars (seed 002 besluitpunt 3b): provisional beside definitive
    assert "2018 voorlopig" in page.inner_text("[data-testid=contributions]")
    # the recalculation preview of a provisional year (the demo has none left: a fund with one)
    _provisional_fund()
    page.goto("/fondsen/proeffonds-holland-rijnland/")
    follow(page, page.get_by_role("link", name="Herberekenen 2018"))
    assert_accessible(page)
    page.get_by_label("Nieuwe grondslag").select_option(label="Meicirculaire 2017")
    follow(page, page.get_by_role("button", name="Toon verschil"))
    assert_accessible(page)
    assert "Verschil op grond van Meicirculaire 2017" in page.content()
    follow(page, page.get_by_role("button", name="Bevestig herberekening"))
    assert "zijn herberekend op Meicirculaire 2017" in page.inner_text("main")
    # the recalculation redistributes the proeffonds' one tranche: its total stays € 2.000.000
    assert page.get_by_test_id("grand-total").inner_text() == "€ 2.000.000,00"


def _provisional_fund():
    import datetime as dt
    from decimal import Decimal

    from core.models import Region
    from fund import services
    from fund.models import BudgetCircular, Fund

    region = Region.objects.get(slug="holland-rijnland")
    fund = Fund.objects.create(
        name="Proeffonds Holland Rijnland",
        slug="proeffonds-holland-rijnland",
        kind=Fund.Kind.REGIONAL,
        region=region,
        managed_by=region.organisations.get(kind="office"),  # TWO HR, as `two`
        term_start=dt.date(2018, 1, 1),
        term_end=dt.date(2019, 12, 31),
    )
    services.tranche_create(
        fund=fund,
        year=2018,
        amount=Decimal(2_000_000),
        basis=BudgetCircular.objects.get(slug="meicirculaire-2016"),
    )
