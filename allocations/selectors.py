"""Reads of the allocations app: budgets, forecast series and the region dashboard.

Every page, chart and export reads through these, so their numbers cannot disagree.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, Max, OuterRef, Q, Sum

from allocations.forecast import LEVEL, forecast_percent, forecast_status
from allocations.models import (
    BudgetLine,
    BudgetRequest,
    ClientRegistration,
    ForecastLine,
    ForecastSubmission,
    IntakeStop,
    Product,
    Tariff,
)
from core.models import Provider
from core.permissions import is_provider_user, is_two, staff_funds_q, user_provider_id
from core.search import search
from fund.models import Fund

GRANT_FUND_SLUG = "knelpunten-zin-2016"  # seed 002 §2.2: the 3 million for waiting lists
CENT = Decimal("0.01")
_AMOUNT = DecimalField(max_digits=16, decimal_places=2)


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


@dataclass
class MonthPoint:
    month: int
    cost: Decimal
    budget: Decimal
    percent: Decimal | None
    status: str
    waiting_list: int = 0
    year: int = 0

    @property
    def month_label(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass
class ProviderStatus:
    provider: Provider
    year: int
    budget: Decimal
    cost: Decimal | None
    month: int | None
    status: str | None
    percent: Decimal | None
    stop: IntakeStop | None
    series: list[MonthPoint] = field(default_factory=list)
    open_requests: int = 0
    fund: Fund | None = None
    fund_ids: list[int] = field(default_factory=list)  # the funds whose budgets make up `budget`

    @property
    def level(self) -> int:
        return LEVEL.get(self.status, -1) if self.status else -1


def _series(
    costs: dict[int, Decimal], budget: Decimal, waiting: dict[int, int] | None = None, year: int = 0
) -> list[MonthPoint]:
    # The granted budget as it is now measures every month (grants and moves apply to the year).
    return [
        MonthPoint(
            month=m,
            cost=c,
            budget=budget,
            percent=forecast_percent(c, budget),
            status=forecast_status(c, budget),
            waiting_list=(waiting or {}).get(m, 0),
            year=year,
        )
        for m, c in sorted(costs.items())
    ]


def forecasts_visible_q(user, path: str = "") -> Q:
    """A provider's forecast (and the intake stop it started) belongs to the fund whose budget it
    forecasts (issue 13): the provider's own users see them all, TWO staff those of their
    organisations' funds only, so a provider that works in two regions shows each region's staff
    only that region's forecast. For ForecastSubmission and IntakeStop (`path` ""), or ForecastLine
    ("submission"). No query of its own."""
    return fund_records_q(user, f"{path}__fund" if path else "fund")


def forecast_year_visible(*, user, provider: Provider, year: int) -> bool:
    """A forecast page or export of a year: 404 for TWO staff whose funds neither granted nor were
    asked a budget of the provider that year (they would see an empty page of someone else's)."""
    if user.is_superuser or (is_provider_user(user) and user_provider_id(user)):
        return True
    own = staff_funds_q(user, "fund")
    return (
        BudgetLine.objects.filter(own, provider=provider, year=year).exists()
        or BudgetRequest.objects.filter(own, provider=provider, year=year).exists()
    )


def forecast_missing_q(*, year: int, month: int, visible_to=None) -> Q:
    """For Provider: a budget of the year (of a fund `visible_to` manages, for TWO staff) has no
    current forecast for the month. Each budget is forecast apart: a provider that works in two
    regions and sent only one region's forecast still owes the other. No query of its own."""
    forecast = ForecastSubmission.objects.filter(
        provider=OuterRef("provider"),
        fund=OuterRef("fund"),
        year=year,
        month=month,
        is_current=True,
    )
    budgets = BudgetLine.objects.filter(provider=OuterRef("pk"), year=year).filter(
        ~Exists(forecast)
    )
    if visible_to is not None:
        budgets = budgets.filter(fund_records_q(visible_to))
    return Q(Exists(budgets))


def forecast_funds(*, provider: Provider, year: int, visible_to=None) -> list[Fund]:
    """The funds that granted the provider a budget in the year: what a forecast can be made
    against (for TWO staff `visible_to`: their organisations' funds only). One query."""
    funds = Fund.objects.filter(
        pk__in=BudgetLine.objects.filter(provider=provider, year=year).values("fund")
    )
    if visible_to is not None:
        funds = funds.filter(fund_records_q(visible_to, ""))
    return list(funds.select_related("region").order_by("name"))


def provider_funds(provider: Provider) -> list[Fund]:
    """Every fund that granted the provider a budget, any year (an upload names its year in the file)."""
    return list(
        Fund.objects.filter(pk__in=BudgetLine.objects.filter(provider=provider).values("fund"))
        .select_related("region")
        .order_by("name")
    )


def provider_status(
    *, provider: Provider, year: int, visible_to=None, fund: Fund | None = None
) -> ProviderStatus:
    """Status of the provider for the year: its latest month's current forecast against its budget.
    With `fund`: that fund's budget and forecasts only (the 100%/105% rule applies per budget); for
    TWO staff `visible_to`: what their organisations' funds granted and were forecast."""
    lines = BudgetLine.objects.filter(provider=provider, year=year)
    forecasts = Q() if visible_to is None else forecasts_visible_q(visible_to, "submission")
    stops = IntakeStop.objects.filter(provider=provider, year=year, ended_on__isnull=True)
    if visible_to is not None:
        lines, stops = (
            lines.filter(fund_records_q(visible_to)),
            stops.filter(forecasts_visible_q(visible_to)),
        )
    if fund is not None:
        lines, forecasts, stops = (
            lines.filter(fund=fund),
            forecasts & Q(submission__fund=fund),
            stops.filter(fund=fund),
        )
    per_fund = {
        r["fund_id"]: r["s"] for r in lines.values("fund_id").annotate(s=Sum("amount")).order_by()
    }
    budget = sum(per_fund.values(), start=Decimal("0"))
    rows = (
        ForecastLine.objects.filter(
            forecasts,
            submission__provider=provider,
            submission__year=year,
            submission__is_current=True,
        )
        .values("submission__month")
        .annotate(cost=Sum("cost"), waiting=Sum("waiting_list"))
    )
    costs = {r["submission__month"]: r["cost"] for r in rows}
    waiting = {r["submission__month"]: r["waiting"] for r in rows}
    status = _status_from(provider, year, budget, costs, stops.first(), waiting)
    status.fund, status.fund_ids = fund, sorted(per_fund)
    return status


def fund_statuses(status: ProviderStatus, *, visible_to=None) -> list[ProviderStatus]:
    """The status per budget (fund) of `status`'s provider and year, each with its own 100%/105%
    rule and intake stop, when more than one fund makes up its budget: a provider that works in two
    regions sees both, each under its region. With one fund none (the status is that budget's) and
    no query; else three, whatever the number of funds or months."""
    if len(status.fund_ids) < 2:
        return []
    return budget_statuses(provider=status.provider, year=status.year, visible_to=visible_to)


def budget_statuses(*, provider: Provider, year: int, visible_to=None) -> list[ProviderStatus]:
    """The status of each budget (fund) the provider has in the year, by fund name, each with its own
    series, 100%/105% rule and intake stop (for TWO staff `visible_to`: their organisations' funds
    only). Three queries, whatever the number of funds or months."""
    funds = Fund.objects.filter(budget_lines__provider=provider, budget_lines__year=year)
    if visible_to is not None:
        funds = funds.filter(fund_records_q(visible_to, ""))
    # filtered first, so the sum is of the provider's budget lines of the year only
    funds = list(
        funds.annotate(granted=Sum("budget_lines__amount"))
        .select_related("region")
        .order_by("name")
    )
    budgets = {f.pk: f.granted for f in funds}
    costs: dict[int, dict[int, Decimal]] = {}
    waiting: dict[int, dict[int, int]] = {}
    for r in (
        ForecastLine.objects.filter(
            submission__provider=provider,
            submission__year=year,
            submission__is_current=True,
            submission__fund__in=[f.pk for f in funds],
        )
        .values("submission__fund_id", "submission__month")
        .annotate(cost=Sum("cost"), waiting=Sum("waiting_list"))
        .order_by()
    ):
        costs.setdefault(r["submission__fund_id"], {})[r["submission__month"]] = r["cost"]
        waiting.setdefault(r["submission__fund_id"], {})[r["submission__month"]] = r["waiting"]
    stops = {
        s.fund_id: s
        for s in IntakeStop.objects.filter(
            provider=provider, year=year, ended_on__isnull=True, fund__in=[f.pk for f in funds]
        )
    }
    statuses = []
    for fund in funds:
        row = _status_from(
            provider,
            year,
            budgets.get(fund.pk, Decimal("0")),
            costs.get(fund.pk, {}),
            stops.get(fund.pk),
            waiting.get(fund.pk, {}),
        )
        row.fund, row.fund_ids = fund, [fund.pk]
        statuses.append(row)
    return statuses


def _status_from(provider, year, budget, costs, stop, waiting=None) -> ProviderStatus:
    series = _series(costs, budget, waiting, year)
    last = series[-1] if series else None
    return ProviderStatus(
        provider=provider,
        year=year,
        budget=budget,
        cost=last.cost if last else None,
        month=last.month if last else None,
        status=last.status if last else None,
        percent=last.percent if last else None,
        stop=stop,
        series=series,
    )


def providers_visible_q(user) -> Q:
    """Which providers a user sees budgets of: a provider its own organisation; TWO staff the
    providers of a region whose fund their organisation manages, and every provider that has
    requests, budgets or registered clients in such a fund. The one rule for lists and objects."""
    if user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    provider_id = user_provider_id(user)
    if is_provider_user(user) and provider_id:
        query |= Q(pk=provider_id)
    if is_two(user):
        query |= (
            Q(region__funds__in=Fund.objects.filter(staff_funds_q(user)).values("pk"))
            | Q(pk__in=BudgetRequest.objects.filter(staff_funds_q(user, "fund")).values("provider"))
            | Q(pk__in=BudgetLine.objects.filter(staff_funds_q(user, "fund")).values("provider"))
            | Q(
                pk__in=ClientRegistration.objects.filter(staff_funds_q(user, "fund")).values(
                    "provider"
                )
            )
        )
    return query


def providers_visible_to(user):
    return Provider.objects.filter(
        pk__in=Provider.objects.filter(providers_visible_q(user)).values("pk")
    )


def fund_records_q(user, fund_path: str = "fund") -> Q:
    """A provider's records that belong to a fund (requests, BSN registrations): its own users see
    all of them, TWO staff those of their organisations' funds only."""
    if user.is_superuser or (is_provider_user(user) and user_provider_id(user)):
        return Q()
    return staff_funds_q(user, fund_path)


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
    one aggregate of budgets, one aggregate of forecast costs per provider and month, open stops.
    """
    providers = list(Provider.objects.filter(pk__in=_subquery(region_id, query, visible_to)))
    own = (
        Q() if visible_to is None else fund_records_q(visible_to)
    )  # TWO staff: their own funds' budgets
    forecasts = (
        Q() if visible_to is None else forecasts_visible_q(visible_to, "submission")
    )  # ... and forecasts
    ids = [p.pk for p in providers]
    budgets = {
        r["provider_id"]: r["s"]
        for r in BudgetLine.objects.filter(
            own, year=year, provider__in=_subquery(region_id, query, visible_to)
        )
        .values("provider_id")
        .annotate(s=Sum("amount"))
    }
    costs: dict[int, dict[int, Decimal]] = {}
    for r in (
        ForecastLine.objects.filter(
            forecasts,
            submission__year=year,
            submission__is_current=True,
            submission__provider__in=_subquery(region_id, query, visible_to),
        )
        .values("submission__provider_id", "submission__month")
        .annotate(cost=Sum("cost"))
        .order_by()
    ):
        costs.setdefault(r["submission__provider_id"], {})[r["submission__month"]] = r["cost"]
    stops = {
        s.provider_id: s
        for s in IntakeStop.objects.filter(
            year=year, ended_on__isnull=True, provider_id__in=ids
        ).filter(Q() if visible_to is None else forecasts_visible_q(visible_to))
    }
    open_requests = {
        r["provider_id"]: r["n"]
        for r in BudgetRequest.objects.filter(
            own, year=year, status=BudgetRequest.Status.SUBMITTED, provider_id__in=ids
        )
        .values("provider_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = [
        _status_from(p, year, budgets.get(p.pk, Decimal("0")), costs.get(p.pk, {}), stops.get(p.pk))
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


def current_forecast(
    *, provider: Provider, year: int, month: int, fund: Fund | None = None, visible_to=None
) -> ForecastSubmission | None:
    """The month's current forecast of `fund`'s budget (without: the first visible one, by fund name)."""
    forecasts = ForecastSubmission.objects.filter(
        provider=provider, year=year, month=month, is_current=True
    )
    if visible_to is not None:
        forecasts = forecasts.filter(forecasts_visible_q(visible_to))
    if fund is not None:
        forecasts = forecasts.filter(fund=fund)
    return forecasts.select_related("fund__region").order_by("fund__name").first()


def forecast_lines(submission: ForecastSubmission):
    return submission.lines.select_related("product").order_by("product__code")


def products_of(provider: Provider):
    return Product.objects.filter(provider=provider).order_by("code")


def registrations_of(*, provider: Provider, year: int, visible_to=None):
    registrations = ClientRegistration.objects.filter(provider=provider, year=year)
    if visible_to is not None:
        registrations = registrations.filter(fund_records_q(visible_to))
    return registrations.select_related("product", "registered_by")


def previous_forecast_lines(
    *, provider: Provider, year: int, month: int, fund: Fund | None = None
) -> dict[str, ForecastLine]:
    """The most recent current forecast up to `month` (of `fund`'s budget), per product code (to prefill a template)."""
    submissions = ForecastSubmission.objects.filter(
        provider=provider, year=year, month__lte=month, is_current=True
    )
    if fund is not None:
        submissions = submissions.filter(fund=fund)
    submission = submissions.order_by("-month", "fund__name").first()
    if submission is None:
        return {}
    return {line.product.code: line for line in submission.lines.select_related("product")}


def current_lines_for_year(*, provider: Provider, year: int, visible_to=None):
    forecasts = Q() if visible_to is None else forecasts_visible_q(visible_to, "submission")
    return (
        ForecastLine.objects.filter(
            forecasts,
            submission__provider=provider,
            submission__year=year,
            submission__is_current=True,
        )
        .select_related("submission__fund", "product")
        .order_by("submission__month", "submission__fund__name", "product__code")
    )


@dataclass
class ProductForecast:
    """One product's line of the forecast report: its granted budget against the latest forecast."""

    product: Product
    budget: Decimal | None
    line: ForecastLine | None

    @property
    def cost(self) -> Decimal | None:
        return self.line.cost.amount if self.line else None

    @property
    def percent(self) -> Decimal | None:
        return (
            forecast_percent(self.cost, self.budget)
            if self.line and self.budget is not None
            else None
        )

    @property
    def status(self) -> str | None:
        return forecast_status(self.cost, self.budget or Decimal("0")) if self.line else None


@dataclass
class ReportSection:
    """One budget (fund) of the forecast report: its own latest month against its own granted budget."""

    fund: Fund
    status: ProviderStatus
    latest: ForecastSubmission | None
    products: list[ProductForecast]
    registered_clients: int


@dataclass
class ForecastReport:
    """Everything the provider's forecast report (PDF) shows, per budget (fund): a provider that works
    in two regions gets each region's budget on its own, never the two added up."""

    provider: Provider
    year: int
    sections: list[ReportSection]

    @property
    def funds(self) -> list[str]:
        return [section.fund.name for section in self.sections]


def forecast_report(*, provider: Provider, year: int, visible_to=None) -> ForecastReport:
    """The provider's forecast report for the year, per budget (fund; for TWO staff `visible_to`:
    their organisations' funds only): status and series as on the provider page's budget, and per
    product the budget's latest current forecast as on that month's detail page. A fixed number of
    queries, whatever the number of funds, months or products. Never a BSN: only the count of
    registered clients."""
    statuses = budget_statuses(provider=provider, year=year, visible_to=visible_to)
    fund_ids = [status.fund.pk for status in statuses]
    budgets: dict[int, dict[int, Decimal]] = {}
    for r in (
        BudgetLine.objects.filter(provider=provider, year=year, fund__in=fund_ids)
        .values("fund_id", "product_id")
        .annotate(s=Sum("amount"))
        .order_by()
    ):
        budgets.setdefault(r["fund_id"], {})[r["product_id"]] = r["s"]
    latest: dict[int, ForecastSubmission] = {}
    for submission in ForecastSubmission.objects.filter(
        provider=provider, year=year, is_current=True, fund__in=fund_ids
    ).order_by("-month"):
        latest.setdefault(submission.fund_id, submission)
    lines: dict[int, dict[int, ForecastLine]] = {}
    for line in ForecastLine.objects.filter(submission__in=list(latest.values())).select_related(
        "product"
    ):
        lines.setdefault(line.submission_id, {})[line.product_id] = line
    clients = {
        r["fund_id"]: r["n"]
        for r in ClientRegistration.objects.filter(provider=provider, year=year, fund__in=fund_ids)
        .values("fund_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    products = list(products_of(provider))
    sections = []
    for status in statuses:
        fund, submission = status.fund, latest.get(status.fund.pk)
        own_budgets, own_lines = (
            budgets.get(fund.pk, {}),
            lines.get(submission.pk, {}) if submission else {},
        )
        rows = [
            ProductForecast(product=p, budget=own_budgets.get(p.pk), line=own_lines.get(p.pk))
            for p in products
            if len(statuses) == 1 or p.pk in own_budgets or p.pk in own_lines
        ]
        sections.append(
            ReportSection(
                fund=fund,
                status=status,
                latest=submission,
                products=rows,
                registered_clients=clients.get(fund.pk, 0),
            )
        )
    return ForecastReport(provider=provider, year=year, sections=sections)


@dataclass
class WaitingRow:
    """seed 002 §2.2 rules 4 and 6: a product's waiting list in the latest forecast and its trend."""

    product: object
    clients: int
    weeks: Decimal
    previous: int | None

    @property
    def trend(self) -> str:
        if self.previous is None:
            return "eerste prognose"
        if self.clients > self.previous:
            return f"stijgt (was {self.previous})"
        if self.clients < self.previous:
            return f"daalt (was {self.previous})"
        return "gelijk"


@dataclass
class WaitingLists:
    submission: object | None
    previous: object | None
    rows: list[WaitingRow]

    @property
    def total(self) -> int:
        return sum(r.clients for r in self.rows)

    @property
    def previous_total(self) -> int | None:
        return None if self.previous is None else sum(r.previous or 0 for r in self.rows)


def request_waiting_lists(budget_request) -> WaitingLists:
    """The waiting list per product from the provider's latest current forecast of the request's fund and
    year, beside the one before it (the trend). Two queries."""
    submissions = list(
        ForecastSubmission.objects.filter(
            provider=budget_request.provider_id,
            year=budget_request.year,
            fund=budget_request.fund_id,
            is_current=True,
        ).order_by("-month")[:2]
    )
    if not submissions:
        return WaitingLists(None, None, [])
    lines = (
        ForecastLine.objects.filter(submission__in=submissions)
        .select_related("product")
        .order_by("product__code")
    )
    latest, before = {}, {}
    for line in lines:
        (latest if line.submission_id == submissions[0].pk else before)[line.product_id] = line
    rows = [
        WaitingRow(
            line.product,
            line.waiting_list,
            line.waiting_weeks,
            before[pid].waiting_list if pid in before else None,
        )
        for pid, line in latest.items()
    ]
    return WaitingLists(submissions[0], submissions[1] if len(submissions) > 1 else None, rows)
