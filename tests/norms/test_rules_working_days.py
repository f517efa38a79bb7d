"""Working days leave out weekends and Dutch public holidays (from the `holidays` package)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from norms.rules import add_months, add_working_days, deadline, is_working_day, working_days_between

days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))


def test_kings_day_easter_and_christmas_are_no_working_days():
    assert not is_working_day(dt.date(2021, 4, 27))  # Koningsdag, a Tuesday
    assert not is_working_day(dt.date(2021, 4, 5))  # Tweede paasdag
    assert is_working_day(dt.date(2021, 12, 27))  # the Monday after Christmas 2021 is a working day
    assert not is_working_day(dt.date(2021, 5, 13))  # Hemelvaartsdag
    assert is_working_day(dt.date(2021, 4, 28))


def test_five_working_days_over_easter_2021():
    # Thursday 1 April 2021 + 5 working days: Good Friday and Easter Monday are holidays in NL.
    assert add_working_days(dt.date(2021, 4, 1), 5) == dt.date(2021, 4, 12)


def test_five_working_days_over_kings_day_and_a_weekend():
    # Friday 23 April 2021: Mon 26, (Tue 27 Koningsdag), Wed 28, Thu 29, Fri 30, Mon 3 May.
    assert add_working_days(dt.date(2021, 4, 23), 5) == dt.date(2021, 5, 3)


def test_terms_of_the_three_norms():
    measure = dt.date(2021, 1, 29)  # a Friday
    assert deadline(measure, 5, "working_days") == dt.date(2021, 2, 5)
    assert deadline(measure, 6, "weeks") == dt.date(2021, 3, 12)
    assert deadline(measure, 3, "months") == dt.date(2021, 4, 29)
    assert add_months(dt.date(2021, 11, 30), 3) == dt.date(2022, 2, 28)


@given(days, st.integers(min_value=0, max_value=60))
def test_adding_n_working_days_lands_on_a_working_day_n_working_days_later(start, n):
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)
        assert end > start


@given(days, st.integers(min_value=1, max_value=40))
def test_at_least_n_calendar_days_and_at_most_what_weekends_and_holidays_add(start, n):
    end = add_working_days(start, n)
    # never fewer calendar days than working days; 5 working days are at most 7 days plus holidays
    assert n <= (end - start).days <= n * 7 // 5 + 2 + 4 * (n // 20 + 1)


@given(days, days)
def test_working_days_between_is_additive(a, b):
    lo, hi = sorted((a, b))
    middle = lo + (hi - lo) / 2
    assert working_days_between(lo, hi) == working_days_between(lo, middle) + working_days_between(
        middle, hi
    )
