"""Reads of the monthly forecasts: who sees them, which are missing, the series and status per budget
(the 100%/105% limits), the current and previous lines, and the yearly forecast report.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.functional import cached_property

from allocations.forecast import LEVEL, forecast_percent, forecast_status
from allocations.models import (
    BudgetLine,
    BudgetRequest,
    ClientRegistration,
    ForecastLine,
    ForecastSubmission,
    IntakeStop,
    Product,
)
from allocations.selectors.products import products_of
from allocations.selectors.providers import fund_records_q
from core.models import Provider
from core.permissions import is_provider_user, staff_funds_q, user_provider_id
from core.templatetags.nl import format_number
from fund.models import Fund


@dataclass
class MonthPoint:
    """A month's forecast cost against the budget; its percentage and status are worked out when
    asked (the region dashboard asks them of each provider's last month, and charts one page)."""

    month: int
    cost: Decimal
    budget: Decimal
    waiting_list: int = 0
    year: int = 0

    @cached_property
    def percent(self) -> Decimal | None:
        return forecast_percent(self.cost, self.budget)

    @cached_property
    def status(self) -> str:
        return forecast_status(self.cost, self.budget)

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
    costs: dict[int, Decimal] = field(default_factory=dict, repr=False)  # cost by month
    waiting: dict[int, int] = field(default_factory=dict, repr=False)  # waiting list by month
    open_requests: int = 0
    fund: Fund | None = None
    fund_ids: list[int] = field(default_factory=list)  # the funds whose budgets make up `budget`

    @property
    def level(self) -> int:
        return LEVEL.get(self.status, -1) if self.status else -1

    @cached_property
    def series(self) -> list[MonthPoint]:
        """Each month's point, by month, made when first asked: the region dashboard sorts
        hundreds of providers by their last month and charts only the fifty of its page."""
        return _series(self.costs, self.budget, self.waiting, self.year)

    @property
    def months_text(self) -> str:
        """The chart's numbers in words for its alt text: `, maand 1: 98,2%, maand 2: 101,0%`
        (empty without forecasts). One call per chart: the dashboard has fifty charts of twelve
        months, which the template's loop and floatformat made the slowest part of the page."""
        return "".join(f", maand {p.month}: {percent_text(p.percent)}" for p in self.series)


def percent_text(value: Decimal | None) -> str:
    """`98,2%` (half up, as floatformat:1 and the forecast report round), `—` without a budget."""
    return "—" if value is None else f"{format_number(value, 1)}%"


def _series(
    costs: dict[int, Decimal], budget: Decimal, waiting: dict[int, int] | None = None, year: int = 0
) -> list[MonthPoint]:
    # The granted budget as it is now measures every month (grants and moves apply to the year).
    return [
        MonthPoint(
            month=m,
            cost=c,
            budget=budget,
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
    status = status_from(provider, year, budget, costs, stops.first(), waiting)
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
        row = status_from(
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


def status_from(provider, year, budget, costs, stop, waiting=None) -> ProviderStatus:
    """The status of the last month with a forecast; the months before it make `series` when asked."""
    waiting = waiting or {}
    last = None
    if costs:
        month = max(costs)
        last = MonthPoint(month, costs[month], budget, waiting.get(month, 0), year)
    return ProviderStatus(
        provider=provider,
        year=year,
        budget=budget,
        cost=last.cost if last else None,
        month=last.month if last else None,
        status=last.status if last else None,
        percent=last.percent if last else None,
        stop=stop,
        costs=costs,
        waiting=waiting,
    )


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
