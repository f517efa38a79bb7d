from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allocations.forecast import crossing, forecast_percent, forecast_status

BUDGET = Decimal("100000.00")


@pytest.mark.parametrize(
    ("cost", "expected"),
    [
        ("0.00", "green"),
        ("100000.00", "green"),  # exactly 100%: still within budget
        ("100000.01", "amber"),  # one cent above budget
        ("105000.00", "amber"),  # exactly 105%: intake still open with BSN
        ("105000.01", "red"),  # one cent above 105%: general stop
        ("250000.00", "red"),
    ],
)
def test_boundaries_are_exact(cost, expected):
    assert forecast_status(Decimal(cost), BUDGET) == expected


def test_boundaries_without_rounding_on_odd_budgets():
    budget = Decimal("33333.33")
    assert forecast_status(budget * Decimal("1.05"), budget) == "amber"
    assert forecast_status(budget * Decimal("1.05") + Decimal("0.0000001"), budget) == "red"


def test_no_budget_means_any_cost_is_red():
    assert forecast_status(Decimal("0"), Decimal("0")) == "green"
    assert forecast_status(Decimal("0.01"), Decimal("0")) == "red"


def test_float_is_refused():
    with pytest.raises(TypeError):
        forecast_status(1.0, Decimal("1"))


cents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000000"), places=2)


@given(
    budget=cents, cost=st.decimals(min_value=Decimal("0"), max_value=Decimal("200000000"), places=2)
)
def test_status_agrees_with_the_percentage(budget, cost):
    percent = cost * 100 / budget
    expected = "green" if percent <= 100 else "amber" if percent <= 105 else "red"
    assert forecast_status(cost, budget) == expected


@given(budget=st.decimals(min_value=Decimal("1.00"), max_value=Decimal("100000000"), places=2))
def test_exactly_105_percent_is_amber_and_a_cent_more_is_red(budget):
    ceiling = budget * Decimal("1.05")
    assert forecast_status(ceiling, budget) == "amber"
    assert forecast_status(ceiling + Decimal("0.01"), budget) == "red"
    assert forecast_status(budget, budget) == "green"
    assert forecast_status(budget + Decimal("0.01"), budget) == "amber"


def test_percent_and_crossing():
    assert forecast_percent(Decimal("105000"), BUDGET) == Decimal("105")
    assert forecast_percent(Decimal("1"), Decimal("0")) is None
    assert crossing("green", "amber") == "up"
    assert crossing("red", "green") == "down"
    assert crossing("amber", "amber") is None
    assert crossing(None, "red") == "up"
    assert crossing(None, "green") is None
