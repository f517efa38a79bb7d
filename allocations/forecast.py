"""The 105% stop rule of seed 002 §2.2 (5) and the estimate of expected units up to 31-12 (§2.2 (3)),
as pure functions in exact arithmetic (Decimal, and Fraction inside the estimate)."""

import calendar
import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

GREEN = "green"
AMBER = "amber"
RED = "red"

# seed 002 §2.2 (5): above 100% every above-budget intake needs a BSN; above 105% a general stop.
BUDGET_LIMIT = Decimal("1.00")
STOP_LIMIT = Decimal("1.05")
LEVEL = {GREEN: 0, AMBER: 1, RED: 2}


def _decimal(value) -> Decimal:
    amount = getattr(value, "amount", value)  # djmoney Money or Decimal
    if isinstance(amount, float):
        raise TypeError("Money is Decimal, never float.")
    return Decimal(amount)


def forecast_status(forecast_cost, budget) -> str:
    """Return "green" when cost <= 100% of budget, "amber" up to and including 105%, "red" above.

    Compared as cost <= budget x 1.05, so no division and no rounding. A forecast with cost
    but no budget is above budget without limit: red.
    """
    cost, ceiling = _decimal(forecast_cost), _decimal(budget)
    if cost < 0 or ceiling < 0:
        raise ValueError("Kosten en budget kunnen niet negatief zijn.")
    if cost <= ceiling * BUDGET_LIMIT:
        return GREEN
    if cost <= ceiling * STOP_LIMIT:
        return AMBER
    return RED


def forecast_percent(forecast_cost, budget) -> Decimal | None:
    """Forecast cost as a percentage of the budget (for display), None without a budget."""
    cost, ceiling = _decimal(forecast_cost), _decimal(budget)
    if ceiling == 0:
        return None
    return cost * 100 / ceiling


def crossing(old: str | None, new: str) -> str | None:
    """ "up" or "down" when the status moved across 100% or 105%, else None."""
    if old is None:
        return "up" if LEVEL[new] > 0 else None
    if LEVEL[new] > LEVEL[old]:
        return "up"
    if LEVEL[new] < LEVEL[old]:
        return "down"
    return None


# --- the estimate of expected units up to 31-12 (seed 002 §2.2 (3), issue 5) --------------------

# A provider's own figure that differs from the estimate by more than this share of the estimate is
# flagged for TWO staff to ask about (the provider's figure still counts: they know their clients).
ESTIMATE_DEVIATION_LIMIT = Decimal("0.25")
DAYS_PER_WEEK = 7


def year_split(*, month: int, year: int) -> tuple[int, int]:
    """(days from 1 January up to and including the last day of `month`, days after it up to 31 December)."""
    if not 1 <= month <= 12:
        raise ValueError("De maand moet tussen 1 en 12 liggen.")
    elapsed = (
        dt.date(year, month, calendar.monthrange(year, month)[1]) - dt.date(year, 1, 1)
    ).days + 1
    return elapsed, (366 if calendar.isleap(year) else 365) - elapsed


def expected_units_estimate(
    *,
    units_delivered,
    clients_in_care: int,
    average_duration_weeks,
    expected_outflow: int,
    month: int,
    year: int,
) -> Decimal | None:
    """The units a product will still deliver from the end of `month` up to 31 December, estimated
    from the clients in care, their average duration (doorlooptijd) and the expected outflow.

    In plain words:
    - E weeks have passed from 1 January to the end of the month, W weeks are left up to 31-12
      (days / 7, with the real month lengths and leap years).
    - The rate so far: units per client per week = units delivered / (clients in care x E). This
      assumes the caseload was about as large all year as it is now.
    - The clients who stay (clients in care - expected outflow) each get W more weeks of care.
    - The clients who flow out leave before 31-12. A client in care has on average half of the
      doorlooptijd D still to go; of those who leave before 31-12 that is half of D or, when D is
      longer than W, half of W (their leaving days are spread over the W weeks). So each gets
      min(D, W) / 2 more weeks.
    - Estimate = rate x (staying x W + leaving x min(D, W) / 2), rounded half up to 2 decimals.
    New clients (intake from the waiting list) are not in it: the provider knows those and may enter
    its own figure instead.

    December leaves no weeks: the estimate is 0. Without clients in care or without units delivered
    there is no rate to go on: None. Computed with exact fractions (the weeks cancel out, so in
    days: units x (staying x days left + leaving x min(7 x D, days left) / 2) / (clients x days passed)).
    """
    units, duration = _exact(units_delivered), _exact(average_duration_weeks)
    clients, outflow = int(clients_in_care), int(expected_outflow)
    if min(units, duration, clients, outflow) < 0:
        raise ValueError("Eenheden, cliënten, doorlooptijd en uitstroom kunnen niet negatief zijn.")
    elapsed, remaining = year_split(month=month, year=year)
    if remaining == 0:
        return Decimal("0.00")
    if clients == 0 or units == 0:
        return None
    staying, leaving = max(clients - outflow, 0), min(outflow, clients)
    client_days = (
        staying * remaining + leaving * min(DAYS_PER_WEEK * duration, Fraction(remaining)) / 2
    )
    estimate = units * client_days / (clients * elapsed)
    return Decimal(math.floor(estimate * 100 + Fraction(1, 2))).scaleb(-2)  # half up, exactly


def deviates_strongly(entered, estimate) -> bool:
    """True when the entered expected units differ from the estimate by more than 25% of the
    estimate (compared without division); an estimate of 0 makes any positive figure deviate."""
    if estimate is None:
        return False
    entered, estimate = _decimal(entered), _decimal(estimate)
    return (
        abs(entered - estimate) > ESTIMATE_DEVIATION_LIMIT * estimate if estimate else entered > 0
    )


def deviation_percent(entered, estimate) -> Decimal | None:
    """(entered - estimate) as a percentage of the estimate, for display; None without an estimate."""
    if not estimate:
        return None
    return (_decimal(entered) - _decimal(estimate)) * 100 / _decimal(estimate)


def _exact(value) -> Fraction:
    if isinstance(value, float):
        raise TypeError("Eenheden en weken zijn Decimal, nooit float.")
    return Fraction(value)


# seed 002 §2.2 (5): "every month the provider delivers the year's forecast". The forecast of a month
# (units delivered up to its last day) is delivered in the next month, by its fifth working day.
# Working days are Monday to Friday; public holidays are not counted out (our assumption).
FORECAST_DEADLINE_WORKING_DAY = 5


def working_day(year: int, month: int, n: int = FORECAST_DEADLINE_WORKING_DAY) -> dt.date:
    """The n-th working day (Monday to Friday) of the month."""
    day = dt.date(year, month, 1)
    count = 0
    while True:
        if day.weekday() < 5:
            count += 1
            if count == n:
                return day
        day += dt.timedelta(days=1)


def forecast_due(today: dt.date) -> tuple[int, int, dt.date]:
    """The forecast month to deliver around `today`, and its deadline: (year, month, deadline).

    In month M the forecast of month M-1 is due, by the fifth working day of M."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return year, month, working_day(today.year, today.month)
