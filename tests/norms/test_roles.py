"""Who sees what: a region its own area; the supra-regional coordinator and TWO the area; a provider
only the actions that name it as owner. Someone else's area or action is a 404."""

import datetime as dt

import pytest

from core.roles import Role
from norms import services
from norms.models import Area
from tests.factories import MunicipalityFactory, ProviderFactory, RegionFactory, make_user


@pytest.fixture
def world(region_area, plan):
    other_region = RegionFactory(slug="regio-b", name="Regio B")
    other = Area.objects.create(
        name="Regio B",
        slug="regio-b",
        kind=Area.Kind.REGION,
        region=other_region,
        parent=region_area.parent,
    )
    coordinator_municipality = MunicipalityFactory(region=region_area.region)
    supra = region_area.parent
    supra.coordinating_municipality = coordinator_municipality
    supra.save()
    provider, stranger = ProviderFactory(name="Eigenaar Zorg"), ProviderFactory(name="Vreemde Zorg")
    two = make_user("two-x", Role.TWO)
    two.is_superuser = (
        True  # TWO staff see the areas of their offices' regions (issue 13); here: every area
    )
    two.save()
    owned = services.action_create(
        user=two,
        plan=plan,
        solution_line=2,
        number="2.1",
        owner="Eigenaar Zorg",
        owner_provider=provider,
        activity="Regel het of leg uit",
        result="Hulp",
        planned_date=dt.date(2021, 12, 31),
    )
    unowned = services.action_create(
        user=two,
        plan=plan,
        solution_line=3,
        number="3.1",
        owner="Regio A",
        activity="Harmoniseren",
        result="Besluit",
        planned_date=dt.date(2021, 12, 31),
    )
    return {
        "area": region_area,
        "other": other,
        "supra": supra,
        "owned": owned,
        "unowned": unowned,
        "region": make_user("regio-a-x", Role.REGION, region=region_area.region),
        "other_region": make_user("regio-b-x", Role.REGION, region=other_region),
        "coordinator": make_user(
            "coord-x", Role.COORDINATOR, municipality=coordinator_municipality
        ),
        "other_coordinator": make_user(
            "coord-y", Role.COORDINATOR, municipality=MunicipalityFactory()
        ),
        "provider": make_user("prov-x", Role.PROVIDER, provider=provider),
        "stranger": make_user("prov-y", Role.PROVIDER, provider=stranger),
        "two": two,
    }


@pytest.mark.parametrize(
    ("who", "slug", "status"),
    [
        ("region", "regio-a", 200),
        ("region", "regio-b", 404),
        ("region", "test-west", 404),
        ("other_region", "regio-a", 404),
        ("coordinator", "test-west", 200),
        ("coordinator", "regio-a", 200),
        ("other_coordinator", "test-west", 404),
        ("two", "test-west", 200),
        ("provider", "regio-a", 404),
        ("stranger", "regio-a", 404),
    ],
)
def test_area_pages(world, client_as, who, slug, status):
    client = client_as(world[who])
    for url in (
        f"/normen/gebied/{slug}/",
        f"/normen/gebied/{slug}/uitvoeringsplan/",
        f"/normen/gebied/{slug}/trend.svg",
        f"/normen/gebied/{slug}/uitvoeringsplan/uitvoeringsplan.xlsx",
    ):
        assert client.get(url).status_code == status, url


def test_provider_sees_only_the_action_it_owns_and_may_update_its_status(world, client_as):
    client = client_as(world["provider"])
    index = client.get("/normen/").content.decode()
    assert "Regel het of leg uit" in index and "Harmoniseren" not in index
    assert client.get(f"/normen/acties/{world['unowned'].pk}/").status_code == 404
    url = f"/normen/acties/{world['owned'].pk}/"
    response = client.post(
        url, {"status_notes": "Loopt goed", "result_reached_on": "", "at_risk": "on"}
    )
    assert response.status_code == 302
    world["owned"].refresh_from_db()
    assert world["owned"].at_risk and world["owned"].status_notes == "Loopt goed"
    # the money and the planning are not the owner's to change: the status form has no such fields
    client.post(url, {"status_notes": "Loopt goed", "at_risk": "on", "planned_date": "2030-01-01"})
    world["owned"].refresh_from_db()
    assert world["owned"].planned_date == dt.date(2021, 12, 31)


def test_another_provider_sees_nothing(world, client_as):
    client = client_as(world["stranger"])
    assert (
        "Er is geen gebied of actie die u kunt inzien." in client.get("/normen/").content.decode()
    )
    assert client.get(f"/normen/acties/{world['owned'].pk}/").status_code == 404
    assert (
        client.post(f"/normen/acties/{world['owned'].pk}/", {"status_notes": "x"}).status_code
        == 404
    )


def test_region_enters_its_own_counts_not_another_regions(world, client_as):
    client = client_as(world["other_region"])
    assert client.get("/normen/gebied/regio-a/tellingen/").status_code == 404
    assert (
        client.post(
            "/normen/gebied/regio-a/tellingen/",
            {"reference_date": "2021-08-15", "norm_passende-hulp-3-maanden": "3"},
        ).status_code
        == 404
    )
    client = client_as(world["region"])
    assert client.get("/normen/gebied/regio-a/tellingen/").status_code == 200


def test_an_area_without_a_plan_shows_an_empty_plan(world, client_as):
    page = client_as(world["two"]).get("/normen/gebied/regio-b/uitvoeringsplan/")
    assert page.status_code == 200 and "Geen acties." in page.content.decode()


def test_the_region_manages_its_actions_with_only_money_it_may_see(world, client_as):
    client = client_as(world["region"])
    assert client.get(f"/normen/acties/{world['unowned'].pk}/").status_code == 200
    page = client.get("/normen/gebied/regio-a/uitvoeringsplan/nieuw/")
    assert page.status_code == 200
    assert (
        list(page.context["form"].fields["award"].queryset) == []
    )  # no fund of its own region in this test
