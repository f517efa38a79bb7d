"""Reads of the norms app. The page, the PDF, the XLSX and the CLI use the same selector, so their
numbers cannot disagree. Every selector runs a fixed number of queries, whatever the size."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Max, Q, Sum

from accounting.models import Account, EntryKind, JournalLine
from fund.models import Fund
from norms import rules
from norms.catalog import MONITORED_CODES
from norms.models import (
    Action,
    ActionPlan,
    Area,
    InspectionAssessment,
    InspectionReport,
    Norm,
    NormCount,
    SolutionLine,
)

ZERO = Decimal(0)
CENT = Decimal("0.01")


def norms() -> list[Norm]:
    return list(Norm.objects.order_by("order"))


# -- counts of an area -----------------------------------------------------------------------


def area_count_rows(area: Area) -> list[tuple[dt.date, str, int]]:
    """The area's own counts (not per GI): (reference date, norm code, count), by date and norm.
    What `norm_counts` writes. One query."""
    return list(
        NormCount.objects.filter(area=area, institution__isnull=True)
        .order_by("reference_date", "norm__order")
        .values_list("reference_date", "norm__code", "count")
    )


@dataclass
class TrendRow:
    reference_date: dt.date
    counts: dict[str, int | None]  # norm code -> count of the area itself
    region_sums: dict[str, int | None] = field(
        default_factory=dict
    )  # supra areas: the sum of its regions
    regions_reporting: dict[str, int] = field(default_factory=dict)
    cells: list[tuple[int | None, int | None, int]] = field(
        default_factory=list
    )  # per norm: own, sum, regions


@dataclass
class AreaTrend:
    area: Area
    norms: list[Norm]
    rows: list[TrendRow]
    children: list[Area]
    missing: list[tuple[rules.Period, list[str]]]
    gi_rows: list[tuple[dt.date, str, str, int, str]]  # date, GI code, norm short name, count, note
    today: dt.date

    def series(self, code: str) -> list[tuple[dt.date, int]]:
        return [
            (r.reference_date, r.counts[code]) for r in self.rows if r.counts.get(code) is not None
        ]

    def region_series(self, code: str) -> list[tuple[dt.date, int]]:
        return [
            (r.reference_date, r.region_sums[code])
            for r in self.rows
            if r.region_sums.get(code) is not None
        ]

    @property
    def missing_labels(self) -> list[tuple[str, str]]:
        names = {n.code: n.short_name for n in self.norms}
        return [(p.label, ", ".join(names[c] for c in absent)) for p, absent in self.missing]


def area_trend(area: Area, *, today: dt.date) -> AreaTrend:
    """Per reference date the count of each norm; for a supra-regional area also the sum of its
    regions beside it; the periods missing; the counts per GI. Five queries at any size."""
    all_norms = norms()
    codes = [n.code for n in all_norms]
    by_date: dict[dt.date, TrendRow] = {}

    def row(day):
        if day not in by_date:
            by_date[day] = TrendRow(day, dict.fromkeys(codes))
        return by_date[day]

    for day, code, count in area_count_rows(area):
        row(day).counts[code] = count
    children = list(area.children.order_by("name")) if area.kind == Area.Kind.SUPRA else []
    if children:
        sums = (
            NormCount.objects.filter(area__parent=area, institution__isnull=True)
            .values("reference_date", "norm__code")
            .annotate(total=Sum("count"), regions=Count("area_id", distinct=True))
        )
        for s in sums:
            r = row(s["reference_date"])
            r.region_sums[s["norm__code"]] = s["total"]
            r.regions_reporting[s["norm__code"]] = s["regions"]
    gi_rows = list(
        NormCount.objects.filter(area=area, institution__isnull=False)
        .order_by("reference_date", "institution__code", "norm__order")
        .values_list("reference_date", "institution__code", "norm__short_name", "count", "note")
    )
    missing = []
    if area.monitoring_start:
        periods = rules.due_periods(
            monitoring_start=area.monitoring_start,
            supervision_start=area.supervision_start,
            until=today,
        )
        reported: dict[str, set[dt.date]] = defaultdict(set)
        for r in by_date.values():
            for code, count in r.counts.items():
                if count is not None:
                    reported[code].add(r.reference_date)
        missing = rules.missing_periods(periods, reported, MONITORED_CODES)
    for r in by_date.values():
        r.cells = [
            (r.counts[c], r.region_sums.get(c), r.regions_reporting.get(c, 0)) for c in codes
        ]
    return AreaTrend(
        area, all_norms, [by_date[d] for d in sorted(by_date)], children, missing, gi_rows, today
    )


def missing_by_area(*, today: dt.date) -> list[tuple[Area, list[tuple[rules.Period, list[str]]]]]:
    """Every monitored area with its missing periods. Two queries."""
    areas = list(Area.objects.filter(monitoring_start__isnull=False).order_by("name"))
    reported: dict[int, dict[str, set[dt.date]]] = defaultdict(lambda: defaultdict(set))
    for area_id, code, day in NormCount.objects.filter(
        area__in=areas, institution__isnull=True
    ).values_list("area_id", "norm__code", "reference_date"):
        reported[area_id][code].add(day)
    result = []
    for area in areas:
        periods = rules.due_periods(
            monitoring_start=area.monitoring_start,
            supervision_start=area.supervision_start,
            until=today,
        )
        result.append((area, rules.missing_periods(periods, reported[area.pk], MONITORED_CODES)))
    return result


@dataclass
class LatestCount:
    norm: Norm
    reference_date: dt.date | None
    count: int | None


def latest_counts(area: Area, *, until: dt.date | None = None) -> list[LatestCount]:
    """The most recent count of each norm of the area itself (on or before `until`). Three queries."""
    all_norms = norms()
    own = NormCount.objects.filter(area=area, institution__isnull=True)
    if until is not None:
        own = own.filter(reference_date__lte=until)
    latest = dict(
        own.values("norm_id").annotate(last=Max("reference_date")).values_list("norm_id", "last")
    )
    cond = Q(pk__in=[])
    for norm_id, day in latest.items():
        cond |= Q(norm_id=norm_id, reference_date=day)
    counts = dict(
        NormCount.objects.filter(cond, area=area, institution__isnull=True).values_list(
            "norm_id", "count"
        )
    )
    return [LatestCount(n, latest.get(n.pk), counts.get(n.pk)) for n in all_norms]


def areas_for_fund(fund) -> list[Area]:
    """The areas a fund is meant to help: its region's area and the supra-regional area above it;
    for a SPUK (no region) the supra-regional areas of its landsdeel's regions. Two queries at most."""
    if fund.region_id:
        own = Area.objects.filter(region_id=fund.region_id).select_related("parent").first()
        return [a for a in (own, own.parent if own else None) if a is not None]
    if fund.landsdeel:
        return list(
            Area.objects.filter(kind=Area.Kind.SUPRA, children__region__landsdeel=fund.landsdeel)
            .distinct()
            .order_by("name")
        )
    return []


# -- the action plan -------------------------------------------------------------------------


@dataclass(slots=True)
class ActionItem:
    """An action as the plan shows it: its own fields and the names of the money that pays for it
    (read with values_list: 2,000 model instances with their relations cost too much)."""

    pk: int
    solution_line: int
    number: str
    owner: str
    activity: str
    result: str
    planned_date: dt.date
    result_reached_on: dt.date | None
    at_risk: bool
    status_notes: str
    award_id: int | None
    award_number: str | None
    award_fund: str | None
    proposal_id: int | None
    proposal_reference: str | None
    proposal_title: str | None
    proposal_fund_kind: str | None
    budget_request_id: int | None
    budget_request_provider: str | None
    budget_request_year: int | None


ITEM_FIELDS = (
    "pk",
    "solution_line",
    "number",
    "owner",
    "activity",
    "result",
    "planned_date",
    "result_reached_on",
    "at_risk",
    "status_notes",
    "award_id",
    "award__number",
    "award__proposal__fund__name",
    "proposal_id",
    "proposal__reference",
    "proposal__title",
    "proposal__fund__kind",
    "budget_request_id",
    "budget_request__provider__name",
    "budget_request__year",
)


@dataclass(slots=True)
class ActionRow:
    action: ActionItem
    light: rules.Light
    committed: Decimal | None = None
    paid: Decimal | None = None

    @property
    def light_word(self) -> str:
        return rules.LIGHT_WORDS[self.light]

    @property
    def money_label(self) -> str:
        a = self.action
        if a.award_id:
            return f"Toekenning {a.award_number} ({a.award_fund})"
        if a.proposal_id:
            kind = "SPUK-project" if a.proposal_fund_kind == Fund.Kind.SPUK else "Project"
            return f"{kind} {a.proposal_reference} {a.proposal_title}"
        if a.budget_request_id:
            return f"PxQ-budget {a.budget_request_provider} {a.budget_request_year}"
        return ""


@dataclass
class ActionPlanReport:
    area: Area
    plans: list[ActionPlan]
    today: dt.date
    amber_weeks: int
    lines: list[tuple[int, str, list[ActionRow]]]  # solution line, label, rows

    @property
    def rows(self) -> list[ActionRow]:
        return [r for _, _, rows in self.lines for r in rows]

    @property
    def light_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(rules.Light, 0)
        for r in self.rows:
            counts[r.light] += 1
        return {rules.LIGHT_WORDS[k]: v for k, v in counts.items()}

    @property
    def legend(self) -> list[tuple[str, str]]:
        return [
            (rules.LIGHT_WORDS[k], v.format(weeks=self.amber_weeks))
            for k, v in rules.LIGHT_LABELS.items()
        ]


def _light(action: ActionItem, today: dt.date, weeks: int) -> rules.Light:
    reached = action.result_reached_on is not None and action.result_reached_on <= today
    return rules.traffic_light(
        result_reached=reached,
        planned_date=action.planned_date,
        at_risk=action.at_risk,
        today=today,
        amber_weeks=weeks,
    )


def _money(rows: list[ActionRow]) -> None:
    """Committed and paid from the books for the actions' awards, projects and PxQ budgets. One query."""
    award_ids = {r.action.award_id for r in rows if r.action.award_id}
    proposal_ids = {r.action.proposal_id for r in rows if r.action.proposal_id}
    request_ids = {r.action.budget_request_id for r in rows if r.action.budget_request_id}
    if not (award_ids or proposal_ids or request_ids):
        return
    committed = Sum(
        "amount",
        filter=Q(account__code=Account.Code.COMMITMENTS, entry__kind=EntryKind.AWARD_COMMITTED),
        default=ZERO,
    )
    paid = Sum(
        "amount",
        filter=Q(
            account__code=Account.Code.BANK,
            entry__kind__in=[EntryKind.PAYMENT_ADVANCE, EntryKind.PAYMENT_FINAL],
        ),
        default=ZERO,
    )
    by_award, by_proposal, by_request = (
        defaultdict(lambda: [ZERO, ZERO]),
        defaultdict(lambda: [ZERO, ZERO]),
        defaultdict(lambda: [ZERO, ZERO]),
    )
    lines = (
        JournalLine.objects.filter(
            Q(award_id__in=award_ids)
            | Q(award__proposal_id__in=proposal_ids)
            | Q(budget_request_id__in=request_ids)
        )
        .values("award_id", "award__proposal_id", "budget_request_id")
        .annotate(c=committed, p=paid)
    )
    for line in lines:
        for key, target in (
            (line["award_id"], by_award),
            (line["award__proposal_id"], by_proposal),
            (line["budget_request_id"], by_request),
        ):
            if key is not None:
                target[key][0] -= line["c"] or ZERO  # credits of the commitments account: negative
                target[key][1] -= line["p"] or ZERO  # credits of the bank: negative
    for r in rows:
        a = r.action
        source = (
            by_award.get(a.award_id)
            if a.award_id
            else by_proposal.get(a.proposal_id)
            if a.proposal_id
            else by_request.get(a.budget_request_id)
            if a.budget_request_id
            else None
        )
        if a.award_id or a.proposal_id or a.budget_request_id:
            c, p = source or (ZERO, ZERO)
            r.committed, r.paid = Decimal(c).quantize(CENT), Decimal(p).quantize(CENT)


def action_rows(actions, *, today: dt.date, weeks: int | None = None) -> list[ActionRow]:
    """The actions with their light on `today` and the money from the books. Two queries."""
    weeks = settings.NORMS_AMBER_WEEKS if weeks is None else weeks
    rows = []
    # The ORM builds the query; the rows are read straight from the cursor: Django's per-row value
    # converters cost more than the rest of the page at 2,000 actions. Dates come back as text on SQLite.
    try:
        sql, params = actions.values_list(*ITEM_FIELDS).query.sql_with_params()
    except EmptyResultSet:  # e.g. an area without a plan: no query at all
        return rows
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    for values in fetched:
        values = list(values)
        for i in (6, 7):  # planned_date, result_reached_on
            if isinstance(values[i], str):
                values[i] = dt.date.fromisoformat(values[i][:10])
        values[8] = bool(values[8])  # at_risk
        item = ActionItem(*values)
        rows.append(ActionRow(item, _light(item, today, weeks)))
    _money(rows)
    return rows


def action_plan(
    area: Area, *, today: dt.date, actions=None, weeks: int | None = None
) -> ActionPlanReport:
    """The area's actions by solution line, each with its traffic light on `today` and the money
    committed and paid for it. Three queries at any size."""
    weeks = settings.NORMS_AMBER_WEEKS if weeks is None else weeks
    plans = list(ActionPlan.objects.filter(area=area).order_by("-adopted_on"))
    qs = (actions if actions is not None else Action.objects.all()).filter(plan__in=plans)
    rows = action_rows(qs.order_by("solution_line", "number", "pk"), today=today, weeks=weeks)
    grouped: dict[int, list[ActionRow]] = defaultdict(list)
    for r in rows:
        grouped[r.action.solution_line].append(r)
    lines = [(value, label, grouped.get(value, [])) for value, label in SolutionLine.choices]
    return ActionPlanReport(area, plans, today, weeks, lines)


def action_detail(action: Action, *, today: dt.date) -> ActionRow:
    return action_rows(Action.objects.filter(pk=action.pk), today=today)[0]


def actions_paid_by_award(award, visible) -> list[Action]:
    """The actions an award pays for (directly, or through its project), of those `visible`."""
    return list(
        visible.filter(Q(award=award) | Q(proposal_id=award.proposal_id))
        .select_related("plan__area")
        .order_by("plan__area__name", "number")
    )


# -- the inspection's assessment (seed 003) ---------------------------------------------------


@dataclass
class AssessmentTable:
    norm: Norm
    criterion: str
    rows: list[InspectionAssessment]  # per GI
    total: InspectionAssessment | None  # the report's own total
    sum_assessed: int
    sum_in_order: int

    @property
    def sum_not_in_order(self) -> int:
        return self.sum_assessed - self.sum_in_order


def inspection_tables(report: InspectionReport) -> list[AssessmentTable]:
    """Per norm and sub-criterion the GIs' lines (assessed, in order) and the report's total. One query."""
    tables: dict[tuple, AssessmentTable] = {}
    for a in (
        InspectionAssessment.objects.filter(report=report)
        .select_related("institution", "norm")
        .order_by("norm__order", "order", "institution__code")
    ):
        key = (a.norm_id, a.criterion)
        if key not in tables:
            tables[key] = AssessmentTable(a.norm, a.criterion, [], None, 0, 0)
        t = tables[key]
        if a.institution_id is None:
            t.total = a
        else:
            t.rows.append(a)
            t.sum_assessed += a.assessed
            t.sum_in_order += a.in_order
    return list(tables.values())
