"""The coordinating municipality (and TWO) records the ministry's decision on each year of a SPUK
on a page reached from the SiSa verantwoording: number and date, both or neither, one number per
year of the fund, all years saved or none."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db.models import Q
from djmoney.money import Money

from core.roles import Role
from fund import services
from fund.models import Tranche
from tests.factories import (
    FundFactory,
    MunicipalityFactory,
    ProviderFactory,
    TrancheFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spuk():
    fund = FundFactory(spuk=True, name="SPUK BREN Test")
    for year in (2020, 2021, 2022):
        TrancheFactory(fund=fund, year=year, amount=Money(Decimal("1000000"), "EUR"))
    return fund


@pytest.fixture
def coordinator(spuk, client_as):
    return client_as(
        make_user("coord-gd", Role.COORDINATOR, municipality=spuk.coordinating_municipality)
    )


def _url(fund):
    return f"/fondsen/{fund.slug}/beschikkingen/"


def _post(client, fund, **years):
    """years: {"y2020": ("VWS-1", "2019-12-17"), ...}; a year left out is posted blank."""
    data = {}
    for year in (2020, 2021, 2022):
        number, date = years.get(f"y{year}", ("", ""))
        data |= {f"{year}-number": number, f"{year}-date": date}
    return client.post(_url(fund), data, follow=True)


def _decisions(fund):
    return list(
        fund.tranches.order_by("year").values_list(
            "year", "grant_decision_number", "grant_decision_date"
        )
    )


def _errors(page: str, year: int) -> list[str]:
    part = page.split(f'data-testid="decision-{year}"', 1)[1].split("</fieldset>", 1)[0]
    return re.findall(r'class="utrecht-form-field-error-message">([^<]+)<', part)


def _record(fund, **numbers):
    for year, number in numbers.items():
        services.tranche_decision_record(
            tranche=fund.tranches.get(year=int(year[1:])),
            number=number,
            date=dt.date(int(year[1:]) - 1, 12, 15),
            user=None,
        )


def test_the_coordinator_reaches_the_page_from_the_verantwoording_and_records_the_decisions(
    spuk, coordinator
):
    sisa = coordinator.get(f"/boekhouding/{spuk.slug}/spuk/2021/verantwoording/").content.decode()
    assert (
        "beschikking 2020 nog niet vastgelegd" in sisa
        and "beschikking 2021 nog niet vastgelegd" in sisa
    )
    link = re.search(r'href="([^"]+)">Beschikkingsnummers en -data vastleggen', sisa).group(1)
    assert link == f"{_url(spuk)}?jaar=2021"
    page = coordinator.get(link).content.decode()
    assert (
        "Beschikkingsnummer" in page
        and "Datum beschikking" in page
        and "Terug naar de verantwoording 2021" in page
    )

    page = _post(
        coordinator,
        spuk,
        y2020=("VWS-1660420", "2019-12-17"),
        y2021=(" VWS-1778301 ", "15-12-2020"),
    )
    assert "De beschikkingen zijn opgeslagen." in page.content.decode()
    assert _decisions(spuk) == [
        (2020, "VWS-1660420", dt.date(2019, 12, 17)),
        (2021, "VWS-1778301", dt.date(2020, 12, 15)),
        (2022, "", None),
    ]
    sisa = coordinator.get(f"/boekhouding/{spuk.slug}/spuk/2021/verantwoording/").content.decode()
    assert "VWS-1778301" in sisa and "beschikking 2021 nog niet vastgelegd" not in sisa


@pytest.mark.parametrize(
    "number, date, year, error",
    [
        ("VWS-1", "", 2020, "Vul ook de datum van beschikking VWS-1 in, of laat beide leeg."),
        (
            "",
            "2019-12-17",
            2020,
            "Vul ook het nummer van de beschikking van 17-12-2019 in, of laat beide leeg.",
        ),
        ("VWS-1", "17 december", 2020, "Vul een geldige datum in, bijvoorbeeld 17-12-2019."),
    ],
)
def test_number_and_date_come_together_and_nothing_is_saved_otherwise(
    spuk, coordinator, number, date, year, error
):
    page = _post(
        coordinator, spuk, y2020=(number, date), y2021=("VWS-2", "2020-12-15")
    ).content.decode()
    assert _errors(page, year) == [error]
    assert "Er is niets opgeslagen; verbeter de gemarkeerde velden." in page
    assert _decisions(spuk) == [
        (2020, "", None),
        (2021, "", None),
        (2022, "", None),
    ]  # 2021 was fine, not saved either


def test_one_number_for_two_years_is_an_error_on_the_second(spuk, coordinator):
    page = _post(
        coordinator, spuk, y2020=("VWS-1", "2019-12-17"), y2021=("VWS-1", "2020-12-15")
    ).content.decode()
    assert _errors(page, 2020) == []
    assert _errors(page, 2021) == [
        "Beschikking VWS-1 staat ook bij 2020; elk jaar heeft een eigen beschikking."
    ]
    assert _decisions(spuk)[:2] == [(2020, "", None), (2021, "", None)]


def test_a_recorded_decision_is_not_emptied_here(spuk, coordinator):
    _record(spuk, y2020="VWS-1")
    page = _post(coordinator, spuk).content.decode()
    assert _errors(page, 2020) == [
        "De beschikking 2020 is vastgelegd (VWS-1) en wordt hier niet leeggemaakt; verbeter zo nodig het nummer en de datum."
    ]
    assert _decisions(spuk)[0] == (2020, "VWS-1", dt.date(2019, 12, 15))


def test_a_number_still_held_by_another_year_is_refused_and_no_year_is_half_saved(
    spuk, coordinator
):
    _record(spuk, y2020="A", y2021="B", y2022="C")
    before = _decisions(spuk)
    # 2020 changes first and would be saved; 2021 takes C while 2022 still holds it (the service refuses).
    page = _post(
        coordinator,
        spuk,
        y2020=("X", "2019-12-15"),
        y2021=("C", "2020-12-15"),
        y2022=("B", "2021-12-15"),
    ).content.decode()
    assert _errors(page, 2021) == ["Beschikking C hoort al bij een ander jaar van SPUK BREN Test."]
    assert _decisions(spuk) == before


def test_the_databases_refusal_of_a_duplicate_becomes_a_form_error(spuk, coordinator, monkeypatch):
    """As when another user records the number between the service's check and its save."""
    _record(spuk, y2020="A", y2021="B", y2022="C")
    before = _decisions(spuk)

    def unchecked(*, tranche, number, date, user):
        Tranche.objects.filter(pk=tranche.pk).update(
            grant_decision_number=number, grant_decision_date=date
        )

    monkeypatch.setattr(services, "tranche_decision_record", unchecked)
    page = _post(
        coordinator,
        spuk,
        y2020=("X", "2019-12-15"),
        y2021=("C", "2020-12-15"),
        y2022=("B", "2021-12-15"),
    ).content.decode()
    assert _errors(page, 2021) == [
        "Beschikking C is zojuist bij een ander jaar van SPUK BREN Test vastgelegd."
    ]
    assert "Er is niets opgeslagen" in page
    assert _decisions(spuk) == before


def test_two_may_record_too(spuk, client_as):
    page = _post(
        client_as(make_user("two-gd", Role.TWO)), spuk, y2022=("VWS-3", "2021-12-14")
    ).content.decode()
    assert "De beschikkingen zijn opgeslagen." in page
    assert _decisions(spuk)[2] == (2022, "VWS-3", dt.date(2021, 12, 14))


def test_others_get_a_404_and_change_nothing(spuk, client_as):
    others = [
        make_user("coord-other", Role.COORDINATOR, municipality=MunicipalityFactory()),
        make_user("pho-gd", Role.PORTFOLIO_HOLDER, municipality=spuk.coordinating_municipality),
        make_user("provider-gd", Role.PROVIDER, provider=ProviderFactory()),
        make_user("region-gd", Role.REGION, region=MunicipalityFactory().region),
    ]
    for user in others:
        client = client_as(user)
        assert client.get(_url(spuk)).status_code == 404, user.username
        assert (
            client.post(_url(spuk), {"2020-number": "VWS-1", "2020-date": "2019-12-17"}).status_code
            == 404
        )
    assert not Tranche.objects.filter(~Q(grant_decision_number="")).exists()


def test_a_fund_that_is_no_spuk_has_no_decisions_page(client_as):
    fund = FundFactory()
    assert client_as(make_user("two-gd2", Role.TWO)).get(_url(fund)).status_code == 404
