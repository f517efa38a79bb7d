"""The proposal list offers "Nieuw voorstel voor <fonds>" for exactly the funds in which the user
may file one: TWO staff the funds their office manages, a provider every fund but a SPUK, a region
the SPUK of its landsdeel, the coordinating municipality its SPUK (proposals.create_proposal)."""

import pytest

from core.roles import Role
from tests.factories import (
    FundFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ProviderFactory,
    RegionFactory,
    make_user,
)


@pytest.fixture
def funds(db):
    coordinator = MunicipalityFactory()
    return {
        "own": FundFactory(name="Eigen fonds"),
        "other": FundFactory(name="Fonds van een ander", managed_by=OrganisationFactory()),
        "spuk": FundFactory(
            spuk=True,
            name="SPUK Zuid-West",
            landsdeel="Zuid-West",
            coordinating_municipality=coordinator,
        ),
        "spuk_elsewhere": FundFactory(spuk=True, name="SPUK Noord", landsdeel="Noord"),
        "coordinator": coordinator,
    }


def _buttons(client_as, user) -> set[str]:
    html = client_as(user).get("/voorstellen/").content.decode()
    names = ("Eigen fonds", "Fonds van een ander", "SPUK Zuid-West", "SPUK Noord")
    return {name for name in names if f">Nieuw voorstel voor {name}</a>" in html}


def test_two_staff_may_start_a_proposal_in_the_funds_their_office_manages(funds, client_as):
    assert _buttons(client_as, make_user("two-knoppen", Role.TWO)) == {"Eigen fonds"}


def test_a_provider_may_start_one_in_every_fund_but_a_spuk(funds, client_as):
    provider = make_user("aanbieder-knoppen", Role.PROVIDER, provider=ProviderFactory())

    assert _buttons(client_as, provider) == {"Eigen fonds", "Fonds van een ander"}


def test_a_region_may_start_one_in_the_spuk_of_its_landsdeel(funds, client_as):
    region = make_user("regio-knoppen", Role.REGION, region=RegionFactory(landsdeel="Zuid-West"))

    assert _buttons(client_as, region) == {"SPUK Zuid-West"}


def test_the_coordinating_municipality_may_start_one_in_its_spuk(funds, client_as):
    coordinator = make_user(
        "coordinator-knoppen", Role.COORDINATOR, municipality=funds["coordinator"]
    )

    assert _buttons(client_as, coordinator) == {"SPUK Zuid-West"}
