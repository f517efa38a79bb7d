"""Pure rules of the youth-protection norms: working days, terms, due periods, traffic lights.
No ORM, no request: easy to test alone (tests/norms/test_rules_*.py)."""

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import holidays

from core.dates import month_name, month_year

SUPERVISION_MONTHS = (
    6  # seed 001 ch. 1: "voor een periode van zes maanden onder verscherpt toezicht"
)


# -- working days (Dutch public holidays from the `holidays` package) -----------------------


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("NL", years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day (31-1 + 1 = 28/29-2)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def deadline(start: dt.date, term: int, unit: str) -> dt.date:
    """The last day on which a norm is still met: 5 working days, 6 weeks, 3 months after `start`
    (seed 003: five working days from the GI's notification; three months from the pronouncement)."""
    if unit == "working_days":
        return add_working_days(start, term)
    if unit == "weeks":
        return start + dt.timedelta(weeks=term)
    if unit == "months":
        return add_months(start, term)
    raise ValueError(f"unknown unit {unit}")


# -- due periods: monthly during intensified supervision, quarterly after -------------------


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    monthly: bool

    @property
    def label(self) -> str:
        if self.monthly:
            return month_year(self.start.year, self.start.month)
        quarter = (self.start.month - 1) // 3 + 1
        first = self.start.month != (quarter - 1) * 3 + 1
        return f"K{quarter} {self.start.year}" + (
            f" (vanaf {month_name(self.start.month)})" if first else ""
        )

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month_end(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def supervision_end(supervision_start: dt.date) -> dt.date:
    """The first day after the six months of intensified supervision."""
    return add_months(supervision_start, SUPERVISION_MONTHS)


def due_periods(
    *, monitoring_start: dt.date, supervision_start: dt.date | None, until: dt.date
) -> list[Period]:
    """The reporting periods from `monitoring_start` whose end is on or before `until`.

    Every calendar month that begins before the supervision ends is a monthly period (the month
    the supervision starts in included); from the first month after that, calendar quarters (the
    first one may be the rest of a quarter). Without supervision: quarters from the start."""
    periods: list[Period] = []
    month = monitoring_start.replace(day=1)
    monthly_until = supervision_end(supervision_start) if supervision_start else None
    while True:
        if monthly_until is not None and month < monthly_until:
            period = Period(month, _month_end(month), True)
        else:
            quarter_last_month = ((month.month - 1) // 3) * 3 + 3
            period = Period(month, _month_end(dt.date(month.year, quarter_last_month, 1)), False)
        if period.end > until:
            return periods
        periods.append(period)
        month = period.end + dt.timedelta(days=1)


def missing_periods(
    periods: list[Period], reported: dict[str, set[dt.date]], norm_codes: list[str]
) -> list[tuple[Period, list[str]]]:
    """The periods in which at least one of `norm_codes` has no count; with the codes missing.
    `reported` maps a norm code to the reference dates it has a count on."""
    missing = []
    for period in periods:
        absent = [
            code
            for code in norm_codes
            if not any(period.contains(d) for d in reported.get(code, ()))
        ]
        if absent:
            missing.append((period, absent))
    return missing


# -- the traffic light of an action (seed 001 ch. 8, stoplichtmodel) -----------------------


class Light(StrEnum):
    GREEN = "green"  # the result is reached
    AMBER = "amber"  # its owner marks it at risk, or its date is within the warning window
    RED = "red"  # its planned date passed without the result
    NONE = "none"  # running, date further away than the window: no signal (yet)


LIGHT_LABELS = {
    Light.GREEN: "Groen: resultaat bereikt",
    Light.AMBER: "Oranje: risico gemeld of planningsdatum binnen {weeks} weken",
    Light.RED: "Rood: planningsdatum verstreken zonder resultaat",
    Light.NONE: "Loopt: planningsdatum verder weg dan {weeks} weken",
}
LIGHT_WORDS = {Light.GREEN: "groen", Light.AMBER: "oranje", Light.RED: "rood", Light.NONE: "loopt"}


def traffic_light(
    *, result_reached: bool, planned_date: dt.date, at_risk: bool, today: dt.date, amber_weeks: int
) -> Light:
    """Green when the result is reached (whatever the date); red when the planned date is before
    today without the result; amber when at risk or today is within `amber_weeks` weeks before the
    planned date (the planned date itself included); otherwise no signal."""
    if result_reached:
        return Light.GREEN
    if planned_date < today:
        return Light.RED
    if at_risk or (planned_date - today).days <= amber_weeks * 7:
        return Light.AMBER
    return Light.NONE
