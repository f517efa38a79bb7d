"""The 105% stop rule of seed 002 §2.2 (5), as pure functions in exact Decimal arithmetic."""

from decimal import Decimal

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
    """"up" or "down" when the status moved across 100% or 105%, else None."""
    if old is None:
        return "up" if LEVEL[new] > 0 else None
    if LEVEL[new] > LEVEL[old]:
        return "up"
    if LEVEL[new] < LEVEL[old]:
        return "down"
    return None
