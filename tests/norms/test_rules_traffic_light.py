"""The traffic light of an action on its edges: green, red, amber (window in weeks), or no signal."""

import datetime as dt

import pytest

from norms.rules import Light, traffic_light

TODAY = dt.date(2021, 11, 1)


def light(planned, *, reached=False, risk=False, weeks=4):
    return traffic_light(
        result_reached=reached, planned_date=planned, at_risk=risk, today=TODAY, amber_weeks=weeks
    )


def test_green_when_the_result_is_reached_even_after_the_date():
    assert light(TODAY - dt.timedelta(days=100), reached=True, risk=True) is Light.GREEN


def test_red_from_the_day_after_the_planned_date():
    assert light(TODAY - dt.timedelta(days=1)) is Light.RED
    assert light(TODAY - dt.timedelta(days=1), risk=True) is Light.RED


def test_amber_on_the_planned_date_itself():
    assert light(TODAY) is Light.AMBER


@pytest.mark.parametrize(
    ("weeks", "days", "expected"),
    [
        (4, 28, Light.AMBER),
        (4, 29, Light.NONE),
        (2, 14, Light.AMBER),
        (2, 15, Light.NONE),
        (0, 0, Light.AMBER),
        (0, 1, Light.NONE),
    ],
)
def test_amber_window_edge(weeks, days, expected):
    assert light(TODAY + dt.timedelta(days=days), weeks=weeks) is expected


def test_amber_when_the_owner_marks_it_at_risk_far_ahead():
    assert light(TODAY + dt.timedelta(days=365), risk=True) is Light.AMBER
