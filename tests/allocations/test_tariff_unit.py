"""P x Q needs P per the unit that Q counts: a product counted in hours is never priced per day."""

import pytest
from django.urls import reverse

from allocations.exceptions import AllocationError
from allocations.models import BudgetRequest, ForecastSubmission, Tariff, Unit
from tests.allocations.factories import RULE_6_TEXT, submit
from tests.allocations.test_pages import text

WRONG_UNIT = (
    "Het tarief 2016 van 45A01 geldt per etmaal, maar het product telt in uur. Laat de TWO Jeugdhulp de "
    "tarievenlijst of uw productenlijst corrigeren; er is niets opgeslagen."
)


def price_hours_per_day(world):
    Tariff.objects.filter(region=world.region, product_code="45A01").update(unit=Unit.DAY)


def test_a_request_for_an_hour_product_with_a_day_tariff_is_refused(world, client):
    provider = world.provider("aanbieder-a", budget_units=None)
    price_hours_per_day(world)
    client.force_login(provider.user, backend="django.contrib.auth.backends.ModelBackend")
    page = text(
        client.post(
            reverse("allocations:request_new", args=[provider.slug]) + "?jaar=2016",
            {f"q_{provider.hours.pk}": "120", "motivation": "Wachtlijst", **RULE_6_TEXT},
        )
    )
    assert WRONG_UNIT in page
    assert not BudgetRequest.objects.filter(provider=provider).exists()


def test_a_forecast_priced_with_a_tariff_of_another_unit_is_refused(world):
    provider = world.provider("aanbieder-a")
    price_hours_per_day(world)
    with pytest.raises(AllocationError) as refused:
        submit(provider, 5)
    assert refused.value.message == WRONG_UNIT
    assert not ForecastSubmission.objects.exists()
