"""Provider budgets and monthly forecasts with their status, read through the API (issue 16): a
provider's token sees its own organisation only, TWO staff the providers of their funds; amounts are
decimal strings; the lists filter by provider, fund, year, month and status."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.allocations.factories import World, submit
from tests.api.money import api


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def two_providers(world):
    a, b = world.provider("aanbieder-a"), world.provider("aanbieder-b", Decimal("2000"))
    submit(a, 5)  # 900 hours x € 100 = € 90.000 of € 100.000: green
    submit(a, 6, expected="520")  # € 102.000: amber
    submit(b, 6, expected="1700")  # € 220.000 of € 200.000: red
    return a, b


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_a_provider_reads_its_own_forecasts_with_their_status_and_nothing_of_another(two_providers):
    a, b = two_providers
    client = api(a.user)

    forecasts = _results(client.get("/api/v1/forecasts/"))

    assert [(f["month"], f["cost"], f["budget"], f["percent"], f["status"]) for f in forecasts] == [
        (5, "90000.00", "100000.00", "90.0", "green"),
        (6, "102000.00", "100000.00", "102.0", "amber"),
    ]
    assert {f["provider"]["name"] for f in forecasts} == {"Aanbieder A"}
    assert _results(client.get(f"/api/v1/forecasts/?provider={b.pk}")) == []
    other = b.forecasts.get()
    assert client.get(f"/api/v1/forecasts/{other.pk}/").status_code == 404
    own = client.get(f"/api/v1/forecasts/{forecasts[1]['id']}/").json()
    assert [(line["product_code"], line["cost"]) for line in own["lines"]] == [
        ("43A02", "0.00"),
        ("45A01", "102000.00"),
    ]


def test_two_staff_read_every_provider_of_their_funds_and_filter_by_status(world, two_providers):
    a, b = two_providers
    client = api(world.two)

    assert [f["status"] for f in _results(client.get("/api/v1/forecasts/?month=6"))] == [
        "amber",
        "red",
    ]
    red = _results(client.get("/api/v1/forecasts/?status=red"))
    assert [(f["provider"]["id"], f["percent"]) for f in red] == [(b.pk, "110.0")]
    assert [f["month"] for f in _results(client.get(f"/api/v1/forecasts/?provider={a.pk}"))] == [
        5,
        6,
    ]
    assert _results(client.get(f"/api/v1/forecasts/?fund={world.fund.pk}&year=2017")) == []
    for bad in ("status=paars", "year=20166", "month=13", "fund=abc"):
        response = client.get(f"/api/v1/forecasts/?{bad}")
        assert response.status_code == 400, bad
        assert list(response.json()) == [bad.split("=")[0]]


def test_budgets_per_provider_and_fund_with_products_and_the_latest_status(world, two_providers):
    a, b = two_providers
    budgets = _results(api(world.two).get("/api/v1/budgets/?year=2016"))

    assert [
        (
            x["provider"]["name"],
            x["fund"]["id"],
            x["granted"],
            x["forecast"]["month"],
            x["forecast"]["status"],
        )
        for x in budgets
    ] == [
        ("Aanbieder A", world.fund.pk, "100000.00", 6, "amber"),
        ("Aanbieder B", world.fund.pk, "200000.00", 6, "red"),
    ]
    assert budgets[0]["products"] == [
        {"product_code": "45A01", "product_name": "Ambulante begeleiding", "amount": "100000.00"}
    ]
    assert budgets[1]["forecast"]["intake_stop_since"] is not None
    assert [x["provider"]["id"] for x in _results(api(a.user).get("/api/v1/budgets/"))] == [a.pk]


def test_the_forecast_and_budget_lists_keep_their_query_count(world):
    def counts():
        client = api(world.two)
        found = {}
        for url in ("/api/v1/forecasts/", "/api/v1/budgets/"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found[url] = len(queries)
        return found

    first = world.provider("aanbieder-1")
    submit(first, 5)
    small = counts()
    for n in range(2, 6):
        provider = world.provider(f"aanbieder-{n}")
        for month in (5, 6, 7):
            submit(provider, month)
    assert counts() == small
