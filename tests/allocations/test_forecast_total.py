"""Each forecast carries its total cost, kept by the database on every write of its lines
(ForecastSubmission.total_cost, migration allocations 0009), so the region dashboard reads one row
per forecast instead of summing up to a million forecast lines per request (issue 17). The total
must always be what the lines sum to: checked here after a submission through the service, a bulk
insert, an update and a delete of lines, and through the migration."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from djmoney.money import Money

from allocations.models import ForecastLine, ForecastSubmission
from allocations.selectors.dashboards import region_dashboard
from tests.allocations.factories import submit
from tests.migrations import migrate_to

D = Decimal


def _totals() -> dict[int, tuple[Decimal, Decimal]]:
    """Per forecast: (its kept total, the sum of its lines)."""
    summed = dict(
        ForecastLine.objects.values("submission")
        .annotate(s=Sum("cost"))
        .values_list("submission", "s")
    )
    return {
        pk: (total, summed.get(pk) or D("0"))
        for pk, total in ForecastSubmission.objects.values_list("pk", "total_cost")
    }


def _assert_kept():
    totals = _totals()
    assert totals and all(kept == summed for kept, summed in totals.values()), totals


def test_a_submitted_forecast_carries_the_sum_of_its_lines(world):
    provider = world.provider("aanbieder-a")  # 45A01 € 100 per hour, 43A02 € 250 per day
    submission = submit(provider, 3, delivered="500", expected="400.5", days=("10", "10.01"))

    # 900.5 hours x € 100 + 20.01 days x € 250
    assert submission.total_cost == D("90050.00") + D("5002.50")
    submission.refresh_from_db()
    assert submission.total_cost == D("95052.50")
    _assert_kept()


def test_the_dashboard_shows_the_current_forecasts_totals_without_reading_lines(world):
    a, b = world.provider("aanbieder-a"), world.provider("aanbieder-b", budget_units=D("2000"))
    submit(a, 3, delivered="500", expected="400")  # € 90.000 of € 100.000
    submit(a, 4, delivered="600", expected="460")  # € 106.000: red
    submit(a, 4, delivered="600", expected="420")  # replaces it: € 102.000, amber
    submit(b, 4, delivered="100", expected="100")  # € 20.000 of € 200.000

    with CaptureQueriesContext(connection) as queries:
        rows = {r.provider.slug: r for r in region_dashboard(region_id=world.region.pk, year=2016)}

    assert "allocations_forecastline" not in " ".join(q["sql"] for q in queries.captured_queries)
    assert [(p.month, p.cost) for p in rows["aanbieder-a"].series] == [
        (3, D("90000.00")),
        (4, D("102000.00")),
    ]
    assert (rows["aanbieder-a"].status, rows["aanbieder-a"].percent) == ("amber", D("102"))
    assert (rows["aanbieder-b"].cost, rows["aanbieder-b"].status) == (D("20000.00"), "green")


def test_bulk_inserted_updated_and_deleted_lines_keep_every_total(world):
    a, b = world.provider("aanbieder-a"), world.provider("aanbieder-b")
    first, second = submit(a, 1), submit(b, 1)
    lines = list(ForecastLine.objects.filter(submission=first))
    template = lines[0]

    # one statement for lines of two forecasts (a new version each, as the bench loads them)
    extra = [world.bare_forecast(p, 2) for p in (a, b)]
    ForecastLine.objects.bulk_create(
        [
            ForecastLine(
                **{
                    f.attname: getattr(template, f.attname)
                    for f in ForecastLine._meta.concrete_fields
                    if f.attname
                    not in ("id", "submission_id", "product_id", "cost", "cost_currency")
                },
                submission=s,
                product=p.hours if n == 0 else p.days,
                cost=Money(D("1234.56") * (n + 1), "EUR"),
            )
            for s, p in zip(extra, (a, b), strict=True)
            for n in range(2)
        ]
    )
    _assert_kept()
    assert ForecastSubmission.objects.get(pk=extra[0].pk).total_cost == D("3703.68")

    ForecastLine.objects.filter(pk=lines[0].pk).update(cost=Money(D("0.01"), "EUR"))
    ForecastLine.objects.filter(submission=second).update(cost=Money(D("10.10"), "EUR"))
    _assert_kept()
    assert ForecastSubmission.objects.get(pk=second.pk).total_cost == D("20.20")

    empty = world.bare_forecast(a, 3)
    ForecastLine.objects.filter(pk=lines[1].pk).update(submission=empty)  # moved: both change
    assert ForecastSubmission.objects.get(pk=empty.pk).total_cost == lines[1].cost.amount
    _assert_kept()

    ForecastLine.objects.filter(submission=extra[1]).delete()
    ForecastLine.objects.filter(pk=lines[0].pk).delete()
    _assert_kept()
    assert ForecastSubmission.objects.get(pk=extra[1].pk).total_cost == D("0")


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_totals_from_the_lines_and_keeps_them_after():
    from tests.allocations.factories import World

    world = World()
    provider = world.provider("aanbieder-a")
    submit(provider, 1, delivered="10", expected="10")  # € 2.000
    migrate_to([("allocations", "0008_forecast_source_api")])  # back: no column, no triggers
    columns = [
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "allocations_forecastsubmission"
        )
    ]
    assert "total_cost" not in columns
    with connection.cursor() as cursor:  # a line written meanwhile, as the old schema knew them
        cursor.execute(
            "UPDATE allocations_forecastline SET cost = cost + 0.01 WHERE product_id = %s",
            [provider.hours.pk],
        )
    migrate_to()
    _assert_kept()
    assert ForecastSubmission.objects.get().total_cost == D("2000.01")
    submit(provider, 2, delivered="20", expected="10")  # the triggers are back
    _assert_kept()
    assert ForecastSubmission.objects.get(month=2).total_cost == D("3000.00")
