"""Counts are due monthly during intensified supervision (six months) and quarterly after it."""

import datetime as dt

from norms.rules import due_periods, missing_periods

CODES = ["a", "b"]


def labels(periods):
    return [p.label for p in periods]


def test_monthly_during_supervision_then_quarters():
    periods = due_periods(
        monitoring_start=dt.date(2021, 7, 5),
        supervision_start=dt.date(2021, 7, 5),
        until=dt.date(2022, 12, 31),
    )
    assert labels(periods) == [
        "juli 2021",
        "augustus 2021",
        "september 2021",
        "oktober 2021",
        "november 2021",
        "december 2021",
        "januari 2022",  # the supervision ends on 5 January: January still began within it
        "K1 2022 (vanaf februari)",
        "K2 2022",
        "K3 2022",
        "K4 2022",
    ]
    assert all(p.monthly for p in periods[:7]) and not any(p.monthly for p in periods[7:])
    assert periods[7].start == dt.date(2022, 2, 1) and periods[7].end == dt.date(2022, 3, 31)


def test_supervision_from_the_first_of_a_month_gives_exactly_six_months():
    periods = due_periods(
        monitoring_start=dt.date(2022, 1, 1),
        supervision_start=dt.date(2022, 1, 1),
        until=dt.date(2022, 9, 30),
    )
    assert labels(periods) == [
        "januari 2022",
        "februari 2022",
        "maart 2022",
        "april 2022",
        "mei 2022",
        "juni 2022",
        "K3 2022",
    ]


def test_only_periods_that_ended_are_due():
    periods = due_periods(
        monitoring_start=dt.date(2021, 7, 5),
        supervision_start=dt.date(2021, 7, 5),
        until=dt.date(2021, 8, 30),
    )
    assert labels(periods) == ["juli 2021"]
    periods = due_periods(
        monitoring_start=dt.date(2021, 7, 5),
        supervision_start=dt.date(2021, 7, 5),
        until=dt.date(2021, 8, 31),
    )
    assert labels(periods) == ["juli 2021", "augustus 2021"]


def test_without_supervision_quarterly_from_the_start():
    periods = due_periods(
        monitoring_start=dt.date(2023, 2, 10), supervision_start=None, until=dt.date(2023, 12, 31)
    )
    assert labels(periods) == ["K1 2023 (vanaf februari)", "K2 2023", "K3 2023", "K4 2023"]


def test_a_period_is_missing_until_every_norm_has_a_count_in_it():
    periods = due_periods(
        monitoring_start=dt.date(2021, 12, 1),
        supervision_start=dt.date(2021, 7, 5),
        until=dt.date(2022, 6, 30),
    )
    assert labels(periods) == [
        "december 2021",
        "januari 2022",
        "K1 2022 (vanaf februari)",
        "K2 2022",
    ]
    reported = {
        "a": {dt.date(2021, 12, 15), dt.date(2022, 3, 31), dt.date(2022, 4, 1)},
        "b": {dt.date(2021, 12, 31), dt.date(2022, 2, 1)},
    }
    missing = missing_periods(periods, reported, CODES)
    assert [(p.label, absent) for p, absent in missing] == [
        ("januari 2022", ["a", "b"]),
        ("K2 2022", ["b"]),
    ]
