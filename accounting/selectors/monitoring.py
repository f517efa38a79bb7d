"""Project monitoring: the region reports due and received, and the yearly evaluation of
goals and indicators."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Min, Prefetch, Q, Sum
from django.utils import timezone

from accounting import rules
from accounting.models import IndicatorResult, JournalLine, RegionReport
from accounting.selectors.ledger import PAYMENTS, ZERO, A, K, _account_ids, _q
from core.permissions import (
    is_coordinator,
    is_provider_user,
    is_region_user,
    staff_funds_q,
    user_municipality_id,
    user_provider_id,
    user_region_id,
)
from core.search import search
from fund.models import Fund
from proposals.models import Award, Goal, PerformanceIndicator, Proposal


@dataclass
class RegionReportRow:
    proposal: object
    region_name: str
    project_end: dt.date
    deadline: dt.date
    state: str
    report: RegionReport | None

    @property
    def state_label(self) -> str:
        return rules.ReportState.LABELS[self.state]

    @property
    def badge(self) -> str:
        return rules.ReportState.BADGES[self.state]


def region_reports_visible_to(user) -> Q:
    """Which SPUK projects' reports a user sees, the one rule (accounting.view_region_report is
    derived from it): TWO staff those of their organisations' funds, the coordinating municipality
    those of the SPUK it coordinates, a region those it filed."""
    if user.is_superuser:
        return Q()
    query = staff_funds_q(user, "fund")
    if is_coordinator(user) and user_municipality_id(user) is not None:
        query |= Q(
            fund__kind=Fund.Kind.SPUK, fund__coordinating_municipality=user_municipality_id(user)
        )
    if is_region_user(user) and user_region_id(user) is not None:
        query |= Q(filing_region=user_region_id(user))
    return query


def results_reported_by_q(user, path: str = "") -> Q | None:
    """Whose delivered results a user reports, the one rule (accounting.enter_results is derived
    from it, with TWO staff of the fund's organisation besides): an aanbieder the projects it
    applies for; a jeugdhulpregio the projects it filed; the coordinating municipality the projects
    of the SPUK it coordinates. None: the user reports on no project. `path` leads from the
    filtered rows to their proposal (e.g. "goal__proposal")."""
    prefix = f"{path}__" if path else ""
    scopes = []
    if is_provider_user(user) and user_provider_id(user) is not None:
        scopes.append(Q(**{f"{prefix}applicants": user_provider_id(user)}))
    if is_region_user(user) and user_region_id(user) is not None:
        scopes.append(Q(**{f"{prefix}filing_region": user_region_id(user)}))
    if is_coordinator(user) and user_municipality_id(user) is not None:
        scopes.append(
            Q(
                **{
                    f"{prefix}fund__kind": Fund.Kind.SPUK,
                    f"{prefix}fund__coordinating_municipality": user_municipality_id(user),
                }
            )
        )
    if not scopes:
        return None
    query = scopes[0]
    for scope in scopes[1:]:
        query |= scope
    return query


def results_to_report(user) -> list[tuple] | None:
    """The indicators of the awarded projects the user reports on (results_reported_by_q), each as
    (indicator, its target year, the result delivered for that year or None); None when the user
    reports on no project. Two queries."""
    scope = results_reported_by_q(user, "goal__proposal")
    if scope is None:
        return None
    indicators = (
        PerformanceIndicator.objects.filter(scope, goal__proposal__awards__isnull=False)
        .distinct()
        .select_related("goal__proposal")
        .order_by("goal__proposal__reference", "target_date", "pk")
    )
    results = {
        (r.indicator_id, r.year): r
        for r in IndicatorResult.objects.filter(indicator__in=indicators)
    }
    return [(i, i.target_date.year, results.get((i.pk, i.target_date.year))) for i in indicators]


REPORT_SEARCH_FIELDS = (
    "reference",
    "title",
    "filing_region__name",
    "fund__name",
    "applicants__name",
)


def region_report_rows(
    *,
    fund: Fund | None = None,
    region_id: int | None = None,
    visible_to=None,
    today: dt.date | None = None,
    query: str = "",
    among=None,
) -> list[RegionReportRow]:
    """Every SPUK project with awards: when its report is due, and whether it is received, as of
    `today` (a peildatum; default the real today). A report received after that day was not there
    yet on it: the row shows the state of that day. `among`: of these proposals only (a queryset,
    such as the ones a user sees). Two queries."""
    today = today or timezone.localdate()
    proposals = (
        Proposal.objects.filter(
            fund__kind=Fund.Kind.SPUK, filing_region__isnull=False, awards__isnull=False
        )
        .select_related("filing_region", "fund", "region_report")
        .annotate(project_end=Max("awards__period_end"), report_due=Min("awards__report_due"))
        .order_by("project_end", "reference")
    )
    if fund is not None:
        proposals = proposals.filter(fund=fund)
    if region_id is not None:
        proposals = proposals.filter(filing_region_id=region_id)
    if visible_to is not None:
        proposals = proposals.filter(region_reports_visible_to(visible_to))
    if among is not None:
        proposals = proposals.filter(pk__in=among.values("pk"))
    proposals = search(proposals, query, REPORT_SEARCH_FIELDS)
    rows = []
    for proposal in proposals:
        report = getattr(proposal, "region_report", None)
        delivered_on = timezone.localtime(report.delivered_at).date() if report else None
        if delivered_on is not None and delivered_on > today:  # received after the peildatum
            report, delivered_on = None, None
        deadline = report_deadline_of(proposal)
        rows.append(
            RegionReportRow(
                proposal=proposal,
                region_name=proposal.filing_region.name,
                project_end=proposal.project_end,
                deadline=deadline,
                report=report,
                state=rules.report_state(
                    project_end=proposal.project_end,
                    delivered_on=delivered_on,
                    today=today,
                    deadline=deadline,
                ),
            )
        )
    return rows


def report_deadline_of(proposal) -> dt.date:
    """The day a project's report is late (a proposal annotated as region_report_rows and
    overdue_reports annotate it): 1 March after the project's end (rules.report_deadline), or the
    award's own due date when that is earlier (the proposals app sets it)."""
    deadline = rules.report_deadline(proposal.project_end)
    if proposal.report_due is not None and proposal.report_due < deadline:
        return proposal.report_due
    return deadline


def overdue_reports(*, among, today: dt.date):
    """The rows of region_report_rows(among=among, today=today) whose state is OVERDUE, as a
    queryset of their proposals in the same order (annotated with project_end and report_due): the
    home page lists the first and counts the rest in one query, where region_report_rows builds
    every project's row. rules.report_state in SQL: no report received on or before `today`, and
    `today` on or after the deadline, the earlier of
    - 1 March after the project's end: the project ended before 1 January of the year of the last
      1 March up to `today`;
    - the award's own due date."""
    last_march = today.year if (today.month, today.day) >= (3, 1) else today.year - 1
    next_day = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    return (
        Proposal.objects.filter(
            fund__kind=Fund.Kind.SPUK,
            filing_region__isnull=False,
            awards__isnull=False,
            pk__in=among.values("pk"),
        )
        .exclude(region_report__delivered_at__lt=next_day)
        .annotate(project_end=Max("awards__period_end"), report_due=Min("awards__report_due"))
        .filter(Q(project_end__lt=dt.date(last_march, 1, 1)) | Q(report_due__lte=today))
        .select_related("filing_region", "fund")
        .order_by("project_end", "reference")
    )


def report_due_preview(rows: list[RegionReportRow], today: dt.date) -> dt.date | None:
    """A peildatum on which reports were due but not yet late, to look back at when none is due on
    `today`: one month before the latest deadline that has passed (1 February for 1 March)."""
    if any(row.state == rules.ReportState.DUE for row in rows):
        return None
    passed = [row for row in rows if row.deadline <= today]
    if not passed:
        return None
    row = max(passed, key=lambda r: (r.deadline, r.project_end))
    deadline = row.deadline
    year, month = (
        (deadline.year, deadline.month - 1) if deadline.month > 1 else (deadline.year - 1, 12)
    )
    preview = max(
        dt.date(year, month, min(deadline.day, 28)), row.project_end + dt.timedelta(days=1)
    )
    return preview if preview < deadline else None


# -- yearly evaluation --------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: object
    result: IndicatorResult | None

    @property
    def delivered(self) -> Decimal | None:
        return self.result.delivered_value if self.result else None

    @property
    def met(self) -> bool | None:
        if self.result is None:
            return None
        return self.result.delivered_value >= self.indicator.target_value


@dataclass
class EvaluationProject:
    proposal: object
    goals: list[tuple[object, list[IndicatorRow]]]
    awarded: Decimal
    paid: Decimal


@dataclass
class Evaluation:
    fund: Fund
    year: int
    projects: list[EvaluationProject]

    @property
    def indicator_rows(self) -> list[IndicatorRow]:
        return [row for p in self.projects for _, rows in p.goals for row in rows]

    @property
    def totals(self) -> dict:
        rows = self.indicator_rows
        return {
            "projects": len(self.projects),
            "indicators": len(rows),
            "reported": sum(1 for r in rows if r.result is not None),
            "met": sum(1 for r in rows if r.met),
            "awarded": sum((p.awarded for p in self.projects), ZERO),
            "paid": sum((p.paid for p in self.projects), ZERO),
        }


def evaluation(fund: Fund, year: int) -> Evaluation:
    """seed 002 §3.2 (5): per project its goals and indicators, target against delivered."""
    proposals = (
        Proposal.objects.filter(fund=fund, awards__year__lte=year)
        .distinct()
        .order_by("reference")
        .prefetch_related(
            "cells",
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    Prefetch(
                        "indicators",
                        queryset=PerformanceIndicator.objects.order_by("target_date", "pk"),
                    )
                ),
            ),
        )
    )
    proposals = list(proposals)
    results = {
        r.indicator_id: r
        for r in IndicatorResult.objects.filter(
            indicator__goal__proposal__in=[p.pk for p in proposals], year=year
        ).select_related("entered_by")
    }
    awarded = dict(
        Award.objects.filter(proposal__fund=fund)
        .values("proposal_id")
        .annotate(t=Sum("amount"))
        .values_list("proposal_id", "t")
        .order_by()
    )
    ids = _account_ids()
    paid = dict(
        JournalLine.objects.filter(
            entry__fund=fund,
            account_id=ids.get(A.BANK),
            award__isnull=False,
            entry__kind__in=[*PAYMENTS, K.REFUND],
        )
        .values("award__proposal_id")
        .annotate(t=Sum("amount"))
        .values_list("award__proposal_id", "t")
        .order_by()
    )
    projects = []
    for proposal in proposals:
        goals = [
            (goal, [IndicatorRow(i, results.get(i.pk)) for i in goal.indicators.all()])
            for goal in proposal.goals.all()
        ]
        projects.append(
            EvaluationProject(
                proposal, goals, _q(awarded.get(proposal.pk)), -_q(paid.get(proposal.pk))
            )
        )
    return Evaluation(fund=fund, year=year, projects=projects)
