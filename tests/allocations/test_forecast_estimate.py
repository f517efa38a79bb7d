"""The estimate of expected units up to 31-12 from clients in care, doorlooptijd and outflow
(seed 002 §2.2 (3), issue 5): hand-computed numbers and its properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allocations.forecast import (
    deviates_strongly,
    deviation_percent,
    expected_units_estimate,
    year_split,
)


def estimate(units, clients, weeks, outflow, month, year=2016):
    return expected_units_estimate(
        units_delivered=Decimal(units),
        clients_in_care=clients,
        average_duration_weeks=Decimal(weeks),
        expected_outflow=outflow,
        month=month,
        year=year,
    )


def test_the_year_is_split_at_the_end_of_the_month_in_real_days():
    assert year_split(month=5, year=2016) == (152, 214)  # leap year: February has 29 days
    assert year_split(month=5, year=2015) == (151, 214)
    assert year_split(month=2, year=2016) == (60, 306)
    assert year_split(month=12, year=2015) == (365, 0)


@pytest.mark.parametrize(
    ("units", "clients", "weeks", "outflow", "month", "year", "expected"),
    [
        # May 2016: 152 days passed, 214 left. 500 / (10 x 152/7) = 2.3026 units per client-week;
        # 7 stay 214/7 weeks, 3 leave after min(12, 30.57) / 2 = 6 weeks: 232 client-weeks -> 534.21
        ("500", 10, "12", 3, 5, 2016, Decimal("534.21")),
        # November 2015: 31 days left. 15 stay 31/7 weeks, 5 leave after min(2, 4.43) / 2 = 1 week
        # -> 1000 / (20 x 334/7) x (15 x 31/7 + 5 x 1) = 74.85
        ("1000", 20, "2", 5, 11, 2015, Decimal("74.85")),
        # October 2016: 305 days passed, 61 left; a doorlooptijd of a year is longer than the 61 days
        # left, so the 2 who leave stay half of those: 610 / (4 x 305) x (2 x 61 + 2 x 30.5) = 91.50
        ("610", 4, "52", 2, 10, 2016, Decimal("91.50")),
        # without outflow the rate so far simply goes on: 3 x 245 / 120 = 6.125, rounded half up
        ("3", 1, "0", 0, 4, 2015, Decimal("6.13")),
        # more outflow than clients: all of them leave
        ("610", 4, "52", 9, 10, 2016, Decimal("61.00")),
    ],
)
def test_hand_computed_estimates(units, clients, weeks, outflow, month, year, expected):
    assert estimate(units, clients, weeks, outflow, month, year) == expected


def test_december_leaves_nothing_to_estimate_and_no_rate_gives_none():
    assert estimate("500", 10, "12", 3, 12) == Decimal("0.00")
    assert estimate("500", 0, "12", 0, 5) is None  # no clients in care: no rate per client
    assert estimate("0", 10, "12", 3, 5) is None  # nothing delivered yet: no rate to go on


def test_float_and_negative_input_are_refused():
    with pytest.raises(TypeError):
        expected_units_estimate(
            units_delivered=500.0,
            clients_in_care=10,
            average_duration_weeks=Decimal("12"),
            expected_outflow=3,
            month=5,
            year=2016,
        )
    with pytest.raises(ValueError):
        estimate("500", 10, "-1", 3, 5)


def test_a_figure_more_than_25_percent_from_the_estimate_is_flagged():
    assert not deviates_strongly(Decimal("125.00"), Decimal("100.00"))  # exactly 25%: not flagged
    assert deviates_strongly(Decimal("125.01"), Decimal("100.00"))
    assert not deviates_strongly(Decimal("75.00"), Decimal("100.00"))
    assert deviates_strongly(Decimal("74.99"), Decimal("100.00"))
    assert deviates_strongly(Decimal("1"), Decimal("0.00")) and not deviates_strongly(
        Decimal("0"), Decimal("0.00")
    )
    assert not deviates_strongly(Decimal("400"), None)
    assert deviation_percent(Decimal("400"), Decimal("534.21")).quantize(Decimal("0.1")) == Decimal(
        "-25.1"
    )


units = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
weeks = st.decimals(min_value=0, max_value=520, places=2, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=0, max_value=10_000)
months = st.integers(min_value=1, max_value=12)
years = st.integers(min_value=2015, max_value=2030)


@given(units, counts, weeks, counts, months, years)
def test_never_negative(u, c, d, o, m, y):
    result = estimate(u, c, d, o, m, y)
    assert result is None or result >= 0


@given(units, counts, weeks, counts, st.integers(min_value=1, max_value=100), months, years)
def test_more_outflow_never_raises_the_estimate(u, c, d, o, more, m, y):
    less, most = estimate(u, c, d, o, m, y), estimate(u, c, d, o + more, m, y)
    assert (less is None) == (most is None)
    assert less is None or most <= less


@given(units, counts, weeks, counts, years)
def test_no_weeks_left_gives_zero(u, c, d, o, y):
    assert estimate(u, c, d, o, 12, y) == 0


@given(
    units,
    st.integers(min_value=1, max_value=10_000),
    weeks,
    counts,
    st.integers(min_value=1, max_value=11),
    years,
)
def test_never_more_than_the_rate_so_far_for_every_client_until_31_12(u, c, d, o, m, y):
    elapsed, remaining = year_split(month=m, year=y)
    result = estimate(u, c, d, o, m, y)
    if u == 0:
        assert result is None
    else:
        assert result <= (Decimal(u) * remaining / elapsed).quantize(Decimal("0.01")) + Decimal(
            "0.01"
        )
