"""What the reads of the allocations app share: the grant fund (seed 002 §2.2: the 3 million for
waiting lists), whether a fund is settled, and the years a provider has budgets or forecasts in.
"""

from django.db.models import Count, Max, Q

from allocations.models import BudgetLine, BudgetRequest, ForecastSubmission
from core.models import Provider
from fund.models import Fund

GRANT_FUND_SLUG = "knelpunten-zin-2016"  # seed 002 §2.2: the 3 million for waiting lists


def grant_fund(*, lock: bool = False) -> Fund:
    funds = Fund.objects.select_for_update() if lock else Fund.objects
    return funds.get(slug=GRANT_FUND_SLUG)


def fund_settled(fund: Fund) -> bool:
    """Every settlement group of the fund is settled: then accounting has removed the BSNs
    registered under it (accounting.services.settlement.settlement_confirm), and never will again.
    The groups are read through the relation accounting declares on the fund (Fund.settlement_groups):
    allocations sits below accounting and does not import it. One query."""
    groups = Fund.objects.filter(pk=fund.pk).aggregate(
        all=Count("settlement_groups"),
        open=Count("settlement_groups", filter=Q(settlement_groups__settlement__isnull=True)),
    )
    return groups["all"] > 0 and groups["open"] == 0


def years_of(provider: Provider) -> list[int]:
    years = set(
        BudgetLine.objects.filter(provider=provider).values_list("year", flat=True).distinct()
    )
    years |= set(
        ForecastSubmission.objects.filter(provider=provider)
        .values_list("year", flat=True)
        .distinct()
    )
    years |= set(
        BudgetRequest.objects.filter(provider=provider).values_list("year", flat=True).distinct()
    )
    return sorted(years)


def default_year(provider: Provider | None = None) -> int:
    qs = (
        ForecastSubmission.objects.all()
        if provider is None
        else ForecastSubmission.objects.filter(provider=provider)
    )
    year = qs.aggregate(y=Max("year"))["y"]
    if year is None:
        year = BudgetLine.objects.aggregate(y=Max("year"))["y"]
    if year is None:
        fund = Fund.objects.filter(slug=GRANT_FUND_SLUG).first()
        year = fund.term_start.year if fund else 2016
    return year
