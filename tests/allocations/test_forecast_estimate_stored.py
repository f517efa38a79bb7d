"""A forecast row without expected units gets the estimate; the line says so (issue 5)."""

from decimal import Decimal

import pytest

from allocations.exceptions import AllocationError
from allocations.models import ForecastSubmission
from allocations.services import forecasts as forecast_services
from tests.allocations.factories import row


def _submit(provider, rows, month=5):
    return forecast_services.forecast_submit(
        provider=provider,
        year=2016,
        month=month,
        rows=rows,
        explanation="",
        source="web",
        user=provider.user,
    )


def test_blank_expected_units_store_the_estimate_and_its_cost(world):
    provider = world.provider("aanbieder-a")  # 45A01 at € 100
    # May 2016: 500 x (7 x 214 + 3 x 84 / 2) / (10 x 152) = 534.21 hours still to come
    submission = _submit(provider, [row("45A01", "500", expected=None), row("43A02", "0", "0")])
    line = submission.lines.get(product__code="45A01")
    assert (line.expected_units, line.expected_units_estimated) == (Decimal("534.21"), True)
    assert line.cost.amount == Decimal("103421.00")  # (500 + 534.21) x € 100
    assert not line.deviates_from_estimate
    entered = submission.lines.get(product__code="43A02")
    assert (entered.expected_units, entered.expected_units_estimated, entered.estimate) == (
        Decimal("0"),
        False,
        None,
    )


def test_an_entered_figure_is_kept_and_compared_with_the_estimate(world):
    provider = world.provider("aanbieder-a")
    line = _submit(provider, [row("45A01", "500", "400"), row("43A02", "0", "0")]).lines.get(
        product__code="45A01"
    )
    assert (line.expected_units, line.expected_units_estimated, line.estimate) == (
        Decimal("400"),
        False,
        Decimal("534.21"),
    )
    assert line.deviates_from_estimate  # 400 is 25.1% below 534.21


def test_blank_expected_units_without_a_rate_are_refused_and_nothing_is_saved(world):
    provider = world.provider("aanbieder-a")
    with pytest.raises(AllocationError, match="Vul bij 43A02 de verwachte eenheden tot 31-12 in"):
        _submit(provider, [row("45A01", "500", "400"), row("43A02", "0", expected=None)])
    assert ForecastSubmission.objects.count() == 0
