"""What the writes of the allocations app share: money in whole cents, the provider lock, a tariff's
unit, and which budget (fund) a forecast or a client belongs to.
"""

from decimal import ROUND_HALF_UP, Decimal

from djmoney.money import Money

from allocations.exceptions import AllocationError
from allocations.models import Product, Tariff
from allocations.selectors.forecasts import forecast_funds
from core.models import Provider
from fund.models import Fund

CENT = Decimal("0.01")


def euro_money(value: Decimal) -> Money:
    return Money(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP), "EUR")


def lock_provider(provider: Provider) -> Provider:
    return Provider.objects.select_for_update().get(pk=provider.pk)


def require_same_unit(product: Product, tariff: Tariff) -> None:
    """P x Q only means something when P is per the unit Q counts (seed 002 §2.2 1)."""
    if tariff.unit != product.unit:
        raise AllocationError(
            f"Het tarief {tariff.year} van {product.code} geldt per {tariff.get_unit_display()}, maar het product telt in "
            f"{product.get_unit_display()}. Laat de TWO Jeugdhulp de tarievenlijst of uw productenlijst corrigeren; "
            f"er is niets opgeslagen."
        )


def forecast_fund(*, provider: Provider, year: int, fund: Fund | None = None) -> Fund:
    """The budget a forecast (or a client taken in above it) belongs to: the fund named, which must
    have granted the provider a budget that year; without one, the only such fund. A provider that
    works in two regions names the region's fund (issue 13)."""
    funds = forecast_funds(provider=provider, year=year)
    if not funds:
        raise AllocationError(
            f"Er is voor {year} nog geen budget toegekend; een prognose wordt gemeten tegen het toegekende budget."
        )
    if fund is None:
        if len(funds) > 1:
            names = "; ".join(f"{f} ({f.region})" if f.region_id else str(f) for f in funds)
            raise AllocationError(
                f"U hebt in {year} budget uit meer dan één fonds: kies het fonds (de regio) waarvoor "
                f"dit geldt: {names}. Er is niets opgeslagen."
            )
        return funds[0]
    if fund.pk not in {f.pk for f in funds}:
        raise AllocationError(
            f"{fund} heeft u voor {year} geen budget toegekend; kies een fonds waaruit u budget hebt. "
            "Er is niets opgeslagen."
        )
    return fund
