"""The region dashboard: every provider a user sees with its budget, forecast status and intake stop."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

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
    budgets = {
        r["provider_id"]: r["s"]
        for r in BudgetLine.objects.filter(own, year=year, provider__in=visible)
        .values("provider_id")
        .annotate(s=Sum("amount"))
    }
    costs: dict[int, dict[int, Decimal]] = {}
    for r in (  # each forecast's total, kept by the database (allocations 0009): not its lines
        ForecastSubmission.objects.filter(
            forecasts,
            year=year,
            is_current=True,
            provider__in=visible,
        )
        .values("provider_id", "month")
        .annotate(cost=Sum("total_cost"))
        .values_list("provider_id", "month", "cost")
        .order_by()
    ):
        costs.setdefault(r[0], {})[r[1]] = r[2]
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
        rows.sort(key=lambda r: (-r.level, -(r.percent or 0), r.provider.name.lower()))
    return rows


def _subquery(region_id, query, visible_to=None):
    qs = (
        Provider.objects.all()
        if visible_to is None
        else Provider.objects.filter(providers_visible_q(visible_to))
    )
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    return search(qs, query, PROVIDER_SEARCH_FIELDS).values("pk")
