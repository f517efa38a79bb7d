"""Migration 0006 gives each existing forecast (and its intake stop) the provider's budget of that
year: forecasts made before a forecast had a fund come back belonging to the fund that granted it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from allocations.models import ForecastSubmission, IntakeStop
from tests.allocations.factories import World, submit

BEFORE = [("allocations", "0004_budget_request_rule_6")]


def _migrate(target=None):
    """To `target`, or to the newest migration of every app (where the other tests expect the schema)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_forecasts_get_the_provider_s_budget_of_their_year():
    world = World()
    provider = world.provider("aanbieder-a")
    submit(provider, 5, expected="520")
    submit(provider, 6, expected="600")  # red: an intake stop
    forecasts = ForecastSubmission.objects.count()
    _migrate(BEFORE)  # back to when a forecast had no fund
    with connection.cursor() as cursor:
        columns = [
            c.name
            for c in connection.introspection.get_table_description(
                cursor, "allocations_forecastsubmission"
            )
        ]
    assert "fund_id" not in columns
    _migrate()
    assert ForecastSubmission.objects.count() == forecasts
    assert set(ForecastSubmission.objects.values_list("fund__slug", flat=True)) == {world.fund.slug}
    assert list(IntakeStop.objects.values_list("fund__slug", flat=True)) == [world.fund.slug]
