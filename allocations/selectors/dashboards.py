"""The region dashboard: every provider a user sees with its budget, forecast status and intake stop."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Q, Sum, Window

from allocations.forecast import AMBER, LEVEL, RED, forecast_percent, forecast_status
from allocations.models import BudgetLine, BudgetRequest, ForecastSubmission, IntakeStop
from allocations.selectors.forecasts import ProviderStatus, forecasts_visible_q, status_from
from allocations.selectors.providers import fund_records_q, providers_visible_q
from core.models import Provider
from core.search import search

PROVIDER_SEARCH_FIELDS = ("name", "kvk_number", "agb_code", "region__name")


def region_dashboard(
    *,
    region_id: int | None,
    year: int,
    status: str = "",
    query: str = "",
    sort: str = "",
    visible_to=None,
) -> list[ProviderStatus]:
    """All providers of the region with their status, amber and red first (or sorted as asked).

    A fixed number of queries whatever the number of providers or forecast lines: providers,
    one aggregate of budgets, one aggregate of the forecasts' totals per provider and month, open stops.
    """
    visible = _subquery(region_id, query, visible_to)  # built once, used in each query
    providers = list(Provider.objects.filter(pk__in=visible))
    own = (
        Q() if visible_to is None else fund_records_q(visible_to)
    )  # TWO staff: their own funds' budgets
    forecasts = Q() if visible_to is None else forecasts_visible_q(visible_to)  # ... and forecasts
    budgets = _budgets(own, year, visible)
    costs = _month_costs(forecasts, year, visible)
    stops = {
        s.provider_id: s
        for s in IntakeStop.objects.filter(
            year=year, ended_on__isnull=True, provider__in=visible
        ).filter(Q() if visible_to is None else forecasts_visible_q(visible_to))
    }
    open_requests = {
        r["provider_id"]: r["n"]
        for r in BudgetRequest.objects.filter(
            own,
            year=year,
            status=BudgetRequest.Status.SUBMITTED,
            provider__in=visible,
        )
        .values("provider_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = [
        status_from(p, year, budgets.get(p.pk, Decimal("0")), costs.get(p.pk, {}), stops.get(p.pk))
        for p in providers
    ]
    for row in rows:
        row.open_requests = open_requests.get(row.provider.pk, 0)
    if status:
        rows = [r for r in rows if r.status == status]
    if sort == "naam":
        rows.sort(key=lambda r: r.provider.name.lower())
    elif sort == "percentage":
        rows.sort(key=lambda r: (r.percent is None, -(r.percent or 0)))
    elif sort == "budget":
        rows.sort(key=lambda r: -r.budget)
    else:  # amber and red first, the worst on top
        rows.sort(key=lambda r: _worst_first(r.level, r.percent, r.provider.name))
    return rows


@dataclass
class AboveBudget:
    """A provider whose latest month's forecast is above its budget: amber (above 100%) or red
    (above 105%, intake stop)."""

    provider_id: int
    name: str
    slug: str
    year: int
    month: int
    cost: Decimal
    budget: Decimal
    status: str

    @property
    def percent(self) -> Decimal | None:
        return forecast_percent(self.cost, self.budget)

    @property
    def level(self) -> int:
        return LEVEL[self.status]


def providers_above_budget(*, region_id: int | None, year: int, visible_to) -> list[AboveBudget]:
    """The providers of region_dashboard whose status is amber or red, in its order (the worst on
    top), without the rest: it reads only the budgets, and the forecasts' kept totals of each
    provider's latest month with the provider's name. Two queries."""
    visible = _subquery(region_id, "", visible_to)
    budgets = _budgets(fund_records_q(visible_to), year, visible)
    rows = []
    for provider_id, name, slug, month, cost in _latest_month_costs(
        forecasts_visible_q(visible_to), year, visible
    ):
        budget = budgets.get(provider_id, Decimal("0"))
        status = forecast_status(cost, budget)
        if status in (AMBER, RED):
            rows.append(AboveBudget(provider_id, name, slug, year, month, cost, budget, status))
    rows.sort(key=lambda r: _worst_first(r.level, r.percent, r.name))
    return rows


def _worst_first(level: int, percent: Decimal | None, name: str) -> tuple:
    """The dashboard's order, which TWO's home page keeps: red, then amber, then the rest; the
    highest percentage first; then by name."""
    return (-level, -(percent or 0), name.lower())


def _budgets(own: Q, year: int, visible) -> dict[int, Decimal]:
    """Each visible provider's granted budget of the year (of the funds `own` selects)."""
    return dict(
        BudgetLine.objects.filter(own, year=year, provider__in=visible)
        .values("provider_id")
        .annotate(s=Sum("amount"))
        .values_list("provider_id", "s")
        .order_by()
    )


def _month_costs(forecasts: Q, year: int, visible) -> dict[int, dict[int, Decimal]]:
    """Per visible provider and month, the current forecasts' cost: each forecast's total, kept by
    the database (allocations 0009), not its lines."""
    costs: dict[int, dict[int, Decimal]] = {}
    for provider_id, month, cost in (
        ForecastSubmission.objects.filter(
            forecasts, year=year, is_current=True, provider__in=visible
        )
        .values("provider_id", "month")
        .annotate(cost=Sum("total_cost"))
        .values_list("provider_id", "month", "cost")
        .order_by()
    ):
        costs.setdefault(provider_id, {})[month] = cost
    return costs


def _latest_month_costs(forecasts: Q, year: int, visible):
    """Per visible provider, its latest month of _month_costs and that month's cost: (provider id,
    name, slug, month, cost). The database picks the month (MAX over the provider's months), so a
    year's twelve months are not all sent to be dropped here."""
    return (
        ForecastSubmission.objects.filter(
            forecasts, year=year, is_current=True, provider__in=visible
        )
        .values("provider_id", "provider__name", "provider__slug", "month")
        .annotate(cost=Sum("total_cost"))
        .annotate(latest=Window(Max("month"), partition_by=[F("provider_id")]))
        .filter(month=F("latest"))
        .values_list("provider_id", "provider__name", "provider__slug", "month", "cost")
        .order_by()
    )


def _subquery(region_id, query, visible_to=None):
    qs = (
        Provider.objects.all()
        if visible_to is None
        else Provider.objects.filter(providers_visible_q(visible_to))
    )
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    return search(qs, query, PROVIDER_SEARCH_FIELDS).values("pk")
