"""Yearly evaluation (seed 002 §3.2 (5)): per project its goals and indicators, target against
delivered, entered by TWO staff or by the project itself."""

import datetime as dt
from decimal import Decimal

import pytest
from djmoney.money import Money

from accounting.models import IndicatorResult
from accounting.services.awards import payment_make
from core.roles import Role
from tests.accounting.factories import (
    AwardFactory,
    GoalFactory,
    IndicatorFactory,
    committed,
    funded,
)
from tests.accounting.html import table_rows
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    fund, _ = funded()
    provider = ProviderFactory()
    proposal = ProposalFactory(fund=fund, title="Thuisbehandeling", status="awarded")
    proposal.applicants.add(provider)
    award = AwardFactory(proposal=proposal, year=2017, amount=Money(Decimal("50000"), "EUR"))
    committed(award)
    payment_make(award=award, amount=Decimal("20000"), final=False, user=None)
    goal = GoalFactory(proposal=proposal, description="Minder opnames")
    met = IndicatorFactory(
        goal=goal, indicator="Jongeren thuis behandeld", target_value=Decimal("20")
    )
    missed = IndicatorFactory(
        goal=goal,
        indicator="Opnames voorkomen",
        target_value=Decimal("10"),
        unit="opnames",
        target_date=dt.date(2017, 11, 30),
    )
    return fund, proposal, provider, met, missed


def test_the_project_and_two_enter_delivered_values_and_the_evaluation_compares_them(
    project, client_as
):
    fund, proposal, provider, met, missed = project
    applicant = make_user("aanbieder-e", Role.PROVIDER, provider=provider)
    listing = table_rows(
        client_as(applicant).get("/boekhouding/prestaties/").content.decode(), "my-results"
    )
    assert [r[1] for r in listing[1:]] == ["Opnames voorkomen", "Jongeren thuis behandeld"]
    response = client_as(applicant).post(
        f"/boekhouding/prestaties/{met.pk}/2017/",
        {"delivered_value": "24", "assessment": "Meer dan gepland"},
        follow=True,
    )
    assert "is opgeslagen" in response.content.decode()
    assert IndicatorResult.objects.get(indicator=met).source == "project"
    two = make_user("two-e", Role.TWO)
    client = client_as(two)
    client.post(
        f"/boekhouding/prestaties/{missed.pk}/2017/",
        {"delivered_value": "7", "assessment": "Aanloop duurde lang"},
    )
    assert IndicatorResult.objects.get(indicator=missed).source == "two"
    page = client.get(f"/boekhouding/{fund.slug}/evaluatie/2017/").content.decode()
    rows = table_rows(page, "table-0")
    by_indicator = {r[2]: r for r in rows[1:]}
    assert by_indicator["Jongeren thuis behandeld"][4:8] == ["20", "24", "Ja", "Meer dan gepland"]
    assert by_indicator["Opnames voorkomen"][4:8] == ["10", "7", "Nee", "Aanloop duurde lang"]
    totals = table_rows(page, "table-1")[1]
    assert totals == ["1", "2", "2", "1", "€ 50.000,00", "€ 20.000,00"]


def test_another_provider_cannot_enter_values_for_a_project_it_does_not_run(project, client_as):
    fund, proposal, provider, met, missed = project
    stranger = make_user("aanbieder-x", Role.PROVIDER, provider=ProviderFactory())
    response = client_as(stranger).post(
        f"/boekhouding/prestaties/{met.pk}/2017/", {"delivered_value": "99"}
    )
    assert response.status_code == 404
    assert not IndicatorResult.objects.exists()


def test_a_spuk_projects_region_and_the_coordinator_enter_delivered_values(demo_client):
    from proposals.models import PerformanceIndicator

    region = demo_client("regio-midden-holland")
    listing = region.get("/boekhouding/prestaties/")
    assert listing.status_code == 200
    rows = table_rows(listing.content.decode(), "my-results")[1:]  # without the header
    own = PerformanceIndicator.objects.filter(
        goal__proposal__filing_region__slug="midden-holland", goal__proposal__awards__isnull=False
    ).distinct()
    assert own.exists() and len(rows) == own.count()
    assert all("Rijnmond" not in " ".join(r) for r in rows)
    indicator = own.first()
    year = indicator.target_date.year
    url = f"/boekhouding/prestaties/{indicator.pk}/{year}/"
    response = region.post(
        url, {"delivered_value": "7", "assessment": "Zeven gezinnen bereikt."}, follow=True
    )
    assert "is opgeslagen" in response.content.decode()
    result = IndicatorResult.objects.get(indicator=indicator, year=year)
    assert (result.delivered_value, result.source) == (Decimal("7"), "project")

    other = PerformanceIndicator.objects.filter(
        goal__proposal__filing_region__slug="rotterdam-rijnmond",
        goal__proposal__awards__isnull=False,
    ).first()
    assert (
        region.get(f"/boekhouding/prestaties/{other.pk}/{other.target_date.year}/").status_code
        == 404
    )
    assert demo_client("regio-holland-rijnland").get(url).status_code == 404
    coordinator = demo_client("rotterdam")
    assert coordinator.get(url).status_code == 200
    assert (
        len(
            table_rows(coordinator.get("/boekhouding/prestaties/").content.decode(), "my-results")[
                1:
            ]
        )
        > own.count()
    )
    assert demo_client("pho-leiden").get("/boekhouding/prestaties/").status_code == 403
