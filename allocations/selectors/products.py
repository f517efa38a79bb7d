"""Reads of products and tariffs, and the budget granted per product."""

from decimal import Decimal

from django.db.models import Sum

from allocations.models import BudgetLine, Product, Tariff
from allocations.selectors.providers import fund_records_q
from core.models import Provider
from fund.models import Fund


def product_budgets(
    *, provider: Provider, year: int, visible_to=None, fund: Fund | None = None
) -> dict[int, Decimal]:
    """Granted budget per product id: the SUM of its budget lines (for TWO staff `visible_to`: of
    their organisations' funds only; with `fund`: of that fund only)."""
    lines = BudgetLine.objects.filter(provider=provider, year=year)
    if fund is not None:
        lines = lines.filter(fund=fund)
    if visible_to is not None:
        lines = lines.filter(fund_records_q(visible_to))
    rows = lines.values("product_id").annotate(s=Sum("amount"))
    return {r["product_id"]: r["s"] for r in rows}


def tariffs_for(
    *, provider: Provider, year: int, region_id: int | None = None
) -> dict[str, Tariff]:
    """The tariff list of `region_id` (the region of the fund asked for), by default the provider's region."""
    region_id = region_id or provider.region_id
    if region_id is None:
        return {}
    return {t.product_code: t for t in Tariff.objects.filter(region_id=region_id, year=year)}


def products_of(provider: Provider):
    return Product.objects.filter(provider=provider).order_by("code")
