"""Migration 0006 gives each existing forecast (and its intake stop) the provider's budget of that
year: forecasts made before a forecast had a fund come back belonging to the fund that granted it."""

import pytest
from django.db import connection

from allocations.models import ForecastSubmission, IntakeStop
from tests.allocations.factories import World, submit
from tests.migrations import migrate_to

BEFORE = [("allocations", "0004_budget_request_rule_6")]


@pytest.mark.django_db(transaction=True)
def test_existing_forecasts_get_the_provider_s_budget_of_their_year():
    world = World()
    provider = world.provider("aanbieder-a")
    submit(provider, 5, expected="520")
    submit(provider, 6, expected="600")  # red: an intake stop
    forecasts = ForecastSubmission.objects.count()
    migrate_to(BEFORE)  # back to when a forecast had no fund
    with connection.cursor() as cursor:
        columns = [
            c.name
            for c in connection.introspection.get_table_description(
                cursor, "allocations_forecastsubmission"
            )
        ]
    assert "fund_id" not in columns
    migrate_to()
    assert ForecastSubmission.objects.count() == forecasts
    assert set(ForecastSubmission.objects.values_list("fund__slug", flat=True)) == {world.fund.slug}
    assert list(IntakeStop.objects.values_list("fund__slug", flat=True)) == [world.fund.slug]
