"""TWO's home page lists the providers above budget: the region dashboard's amber and red rows,
read without building the dashboard (allocations.selectors.dashboards.providers_above_budget, issue
17: at national scale the dashboard made 500 providers and 6,000 months for each home page)."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from allocations.forecast import AMBER, RED
from allocations.selectors.dashboards import providers_above_budget, region_dashboard
from tests.allocations.factories import submit

D = Decimal


def _as_dashboard(world):
    return [
        (r.provider.slug, r.month, r.cost, r.budget, r.status, r.percent)
        for r in region_dashboard(region_id=world.region.pk, year=2016, visible_to=world.two)
        if r.status in (AMBER, RED)
    ]


def _above(world):
    return [
        (r.slug, r.month, r.cost, r.budget, r.status, r.percent)
        for r in providers_above_budget(region_id=world.region.pk, year=2016, visible_to=world.two)
    ]


def test_the_providers_above_budget_are_the_dashboards_amber_and_red_rows_in_its_order(world):
    # each budget € 100.000 (1,000 hours at € 100); a forecast's cost is (delivered + expected) hours
    submit(world.provider("aanbieder-amber"), 4, delivered="600", expected="420")  # 102%
    red_now = world.provider("aanbieder-rood")
    submit(red_now, 3, delivered="500", expected="400")  # 90%
    submit(red_now, 5, delivered="700", expected="380")  # its latest month: 108%
    green_now = world.provider("aanbieder-hersteld")
    submit(green_now, 3, delivered="700", expected="400")  # 110% ...
    submit(green_now, 6, delivered="500", expected="400")  # ... but its latest month 90%
    submit(world.provider("aanbieder-groen"), 6, delivered="100", expected="100")
    world.provider("aanbieder-zonder-prognose")  # no forecast: no status
    replaced = world.provider("aanbieder-vervangen")
    submit(replaced, 4, delivered="700", expected="400")  # 110%, replaced by ...
    submit(replaced, 4, delivered="500", expected="504")  # ... 100.4%: amber

    rows = _above(world)

    assert rows == _as_dashboard(world)
    assert [(slug, status, percent) for slug, _, _, _, status, percent in rows] == [
        ("aanbieder-rood", RED, D("108")),
        ("aanbieder-amber", AMBER, D("102")),
        ("aanbieder-vervangen", AMBER, D("100.4")),
    ]
    assert rows[0][1:4] == (5, D("108000.00"), D("100000.00"))


def test_it_costs_two_queries_and_reads_no_forecast_lines(world):
    for n in range(2):
        submit(world.provider(f"aanbieder-{n}"), 4, delivered="600", expected="460")
    with CaptureQueriesContext(connection) as few:
        assert len(_above(world)) == 2
    for n in range(2, 8):
        submit(world.provider(f"aanbieder-{n}"), 4, delivered="600", expected="460")
    with CaptureQueriesContext(connection) as more:
        assert len(_above(world)) == 8
    assert len(few) == len(more) == 2  # the budgets; the latest months with the names
    assert "allocations_forecastline" not in " ".join(q["sql"] for q in more.captured_queries)
