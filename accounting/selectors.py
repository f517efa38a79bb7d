"""Reads of the books. The page, the PDF, the XLSX and the CLI use the same selector, so their
numbers cannot disagree. Every selector runs a fixed number of queries, whatever the size."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Exists, Max, Min, OuterRef, Q, Sum
from django.utils import timezone

from accounting import rules
from accounting.exceptions import SettlementError
from accounting.models import (
    Account,
    EntryKind,
    IndicatorResult,
    JournalEntry,
    JournalLine,
    RegionReport,
    Settlement,
    SettlementGroup,
    SettlementLine,
    SpukBudgetDivision,
    SpukExplanation,
)
from core.models import Municipality
from core.permissions import (
    is_coordinator,
    is_region_user,
    staff_funds_q,
    user_municipality_id,
    user_region_id,
)
from core.search import search
from core.templatetags.nl import format_euro
from fund.models import Fund, Tranche

if TYPE_CHECKING:
    from accounting.meeting_overview import PreviousOverview

ZERO = Decimal(0)
A = Account.Code
K = EntryKind
PAYMENTS = [K.PAYMENT_ADVANCE, K.PAYMENT_FINAL]


CENT = Decimal("0.01")


def _q(value) -> Decimal:
    """SUMs come back with the database's scale (SQLite: 9 places); money has cents."""
    return (value or ZERO).quantize(CENT)


def _account_ids() -> dict[str, int]:
    return dict(Account.objects.values_list("code", "pk"))


def _s(account_id, kinds):
    kinds = [kinds] if isinstance(kinds, str) else kinds
    return Sum("amount", filter=Q(account_id=account_id, entry__kind__in=kinds), default=ZERO)


# -- fund figures per year ----------------------------------------------------------------

@dataclass
class YearFigures:
    year: int
    tranche: Decimal = ZERO
    charged: Decimal = ZERO
    received: Decimal = ZERO
    exchanged: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    refunded: Decimal = ZERO
    direct: Decimal = ZERO
    settled: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        """Free to commit: charged (+/- exchanged) minus commitments, direct costs and settlements."""
        return self.charged + self.exchanged - self.committed - self.direct - self.settled + self.refunded

    @property
    def outstanding(self) -> Decimal:
        """Committed to projects, not paid yet."""
        return self.committed - self.paid

    @property
    def to_receive(self) -> Decimal:
        return self.charged - self.received

    @property
    def unspent(self) -> Decimal:
        """Cash of the year that is neither paid out nor held for open commitments."""
        return (self.received + self.exchanged - self.paid + self.refunded - self.direct - self.settled
                - self.outstanding)

    FIELDS = ("tranche", "charged", "received", "exchanged", "committed", "paid", "refunded", "direct", "settled")

    def __add__(self, other: "YearFigures") -> "YearFigures":
        total = YearFigures(year=0)
        for name in self.FIELDS:
            setattr(total, name, getattr(self, name) + getattr(other, name))
        return total


def fund_year_figures(fund: Fund) -> list[YearFigures]:
    """Per budget year of the fund its figures, computed from the journal lines. Three queries."""
    return funds_year_figures([fund.pk])[fund.pk]


def funds_year_figures(fund_ids) -> dict[int, list[YearFigures]]:
    """fund_year_figures of several funds at once: per fund its years. Three queries, whatever the
    number of funds (the home page shows a bar per fund)."""
    fund_ids = list(fund_ids)
    ids = _account_ids()
    rows = (
        JournalLine.objects.filter(entry__fund__in=fund_ids).values("entry__fund_id", "year")
        .order_by("entry__fund_id", "year").annotate(
            charged=_s(ids.get(A.INCOME), K.CONTRIBUTION_CHARGED),
            received=_s(ids.get(A.BANK), K.CONTRIBUTION_RECEIVED),
            exchanged=_s(ids.get(A.INCOME), K.BUDGET_EXCHANGE),
            committed=_s(ids.get(A.COMMITMENTS), [K.AWARD_COMMITTED, K.COMMITMENT_RELEASED]),
            paid=_s(ids.get(A.BANK), PAYMENTS),
            refunded=_s(ids.get(A.BANK), K.REFUND),
            direct=_s(ids.get(A.BANK), K.DIRECT_EXPENSE),
            settled=_s(ids.get(A.BANK), K.SETTLEMENT),
        )
    )
    years: dict[int, dict[int, YearFigures]] = {fund_id: {} for fund_id in fund_ids}
    for fund_id, year, amount in Tranche.objects.filter(fund__in=fund_ids).values_list("fund_id", "year", "amount"):
        years[fund_id][year] = YearFigures(year=year, tranche=_q(amount))
    for row in rows:
        figures = years[row["entry__fund_id"]].setdefault(row["year"], YearFigures(year=row["year"]))
        figures.charged = -_q(row["charged"])
        figures.received = _q(row["received"])
        figures.exchanged = -_q(row["exchanged"])
        figures.committed = -_q(row["committed"])
        figures.paid = -_q(row["paid"])
        figures.refunded = _q(row["refunded"])
        figures.direct = -_q(row["direct"])
        figures.settled = -_q(row["settled"])
    return {fund_id: [by_year[y] for y in sorted(by_year)] for fund_id, by_year in years.items()}


@dataclass(frozen=True)
class AwardRoom:
    """What a fund can still award (seed 002 §3.2: never award more than the fund holds), the one
    rule for the award form and service, the PxQ grants, the fund overview and the meeting
    overview: the fund's tranches, minus what the books commit (awards and provider budgets, net
    of what they released), minus what was spent without an award (direct costs, settlements)
    plus what projects paid back."""

    tranches: Decimal
    committed: Decimal  # committed minus released
    spent_otherwise: Decimal  # direct costs + settlements - refunds

    @property
    def remaining(self) -> Decimal:
        return self.tranches - self.committed - self.spent_otherwise

    @classmethod
    def of(cls, total: YearFigures) -> "AwardRoom":
        """From the fund's figures summed over its years (fund_year_figures)."""
        return cls(total.tranche, total.committed, total.direct + total.settled - total.refunded)


def fund_award_room(fund: Fund) -> AwardRoom:
    """What the fund can still award, from its tranches and its books. Three queries."""
    return AwardRoom.of(sum(fund_year_figures(fund), YearFigures(year=0)))


JOURNAL_SEARCH_FIELDS = ("description", "lines__municipality__name", "lines__award__number",
                         "lines__award__proposal__reference", "lines__award__proposal__title")


def journal_entries(fund: Fund, *, query: str = "", kind: str = "", year: int | None = None):
    """The fund's journal entries, newest first, searched (core.search) and filtered by kind and by
    the budget year of a line; whether each was reversed is annotated (one query per page)."""
    entries = JournalEntry.objects.filter(fund=fund)
    if kind:
        entries = entries.filter(kind=kind)
    if year is not None:
        entries = entries.filter(pk__in=JournalLine.objects.filter(entry__fund=fund, year=year).values("entry_id"))
    return (search(entries, query, JOURNAL_SEARCH_FIELDS).select_related("created_by", "reverses")
            .annotate(reversed=Exists(JournalEntry.objects.filter(reverses=OuterRef("pk")))).order_by("-pk"))


# -- fund overview for a meeting ----------------------------------------------------------

PROJECT_STATUSES = ["adopted", "awarded", "running", "completed"]  # a proposal is a project once adopted

@dataclass
class ProjectRow:
    proposal_id: int
    reference: str
    title: str
    status: str
    status_label: str
    awards: str
    awarded: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    refunded: Decimal = ZERO
    cells: list[tuple[int, int]] = field(default_factory=list)  # the 3x3 matrix it covers

    @property
    def outstanding(self) -> Decimal:
        return self.committed - self.paid


@dataclass
class GrantRow:
    """A provider's PxQ budget granted from the fund (seed 002 §2.2), as the journal books it:
    granted (committed), paid to the provider, released (not used, free again), open."""

    provider: str
    request_id: int
    year: int
    status_label: str
    granted: Decimal = ZERO
    paid: Decimal = ZERO
    released: Decimal = ZERO

    @property
    def committed(self) -> Decimal:
        """Still committed: granted minus released (the fund's committed figure counts this)."""
        return self.granted - self.released

    @property
    def open(self) -> Decimal:
        """Committed and not paid yet."""
        return self.committed - self.paid


@dataclass
class Change:
    subject: str
    what: str
    before: str
    after: str


@dataclass
class MunicipalityRow:
    name: str
    charged: Decimal
    received: Decimal

    @property
    def to_receive(self) -> Decimal:
        return self.charged - self.received


@dataclass
class FundOverview:
    fund: Fund
    years: list[YearFigures]
    total: YearFigures
    projects: list[ProjectRow]
    generated_at: dt.datetime
    municipalities: list[MunicipalityRow] = field(default_factory=list)
    grants: list[GrantRow] = field(default_factory=list)
    previous: "PreviousOverview | None" = None  # the overview kept with the last meeting
    changes: list[Change] = field(default_factory=list)

    @property
    def award_room(self) -> AwardRoom:
        """What the fund can still award: the one rule (fund_award_room), from these figures."""
        return AwardRoom.of(self.total)

    @property
    def project_totals(self) -> ProjectRow:
        total = ProjectRow(0, "", "Totaal", "", "", "")
        for p in self.projects:
            total.awarded += p.awarded
            total.committed += p.committed
            total.paid += p.paid
            total.refunded += p.refunded
        return total


def fund_overview(fund: Fund, *, compare_with: "PreviousOverview | None" = None, with_changes: bool = True) -> FundOverview:
    """Per year: filled (charged, received), committed, paid, remaining; the projects with their
    status; the providers' granted budgets; and what changed since the overview kept with the last
    meeting (accounting.meeting_overview). Ten queries at any size."""
    from proposals.models import Award, MatrixCell, Proposal

    years = fund_year_figures(fund)
    total = YearFigures(year=0)
    for y in years:
        total = total + y
    status_labels = dict(Proposal.Status.choices)
    projects: dict[int, ProjectRow] = {}
    for pk, reference, title, status in (
        # every project: adopted (the PHO or the coordinator said yes) or with an award
        Proposal.objects.filter(Q(status__in=PROJECT_STATUSES) | Q(awards__isnull=False), fund=fund).distinct()
        .order_by("reference")
        .values_list("pk", "reference", "title", "status")
    ):
        projects[pk] = ProjectRow(pk, reference, title, status, status_labels.get(status, status), "")
    numbers = defaultdict(list)
    award_project = {}
    for award_id, proposal_id, number, amount in (Award.objects.filter(proposal__fund=fund).order_by("number")
                                                  .values_list("pk", "proposal_id", "number", "amount")):
        if proposal_id in projects:
            projects[proposal_id].awarded += _q(amount)
            numbers[proposal_id].append(number)
            award_project[award_id] = projects[proposal_id]
    for proposal_id, row in projects.items():
        row.awards = ", ".join(numbers[proposal_id])
    if fund.kind != Fund.Kind.SPUK:  # the matrix binds the regional funds
        for proposal_id, r, c in MatrixCell.objects.filter(proposal_id__in=list(projects)).values_list(
                "proposal_id", "row", "column").order_by("proposal_id", "row", "column"):
            projects[proposal_id].cells.append((r, c))
    ids = _account_ids()
    for row in (
        JournalLine.objects.filter(entry__fund=fund, award__isnull=False).values("award_id").annotate(
            committed=_s(ids.get(A.COMMITMENTS), [K.AWARD_COMMITTED, K.COMMITMENT_RELEASED]),
            paid=_s(ids.get(A.BANK), PAYMENTS),
            refunded=_s(ids.get(A.BANK), K.REFUND),
        ).order_by()
    ):
        project = award_project.get(row["award_id"])
        if project is not None:  # a project with several awards adds them up
            project.committed -= _q(row["committed"])
            project.paid -= _q(row["paid"])
            project.refunded += _q(row["refunded"])
    overview = FundOverview(fund=fund, years=years, total=total, projects=list(projects.values()),
                            generated_at=timezone.now(), municipalities=_contributions_by_municipality(fund, ids),
                            grants=_provider_grants(fund, ids))
    if with_changes:
        from accounting.meeting_overview import previous_overview

        previous = compare_with or previous_overview(fund)
        if previous is not None:
            overview.previous = previous
            overview.changes = overview_changes(previous.figures, overview_to_json(overview))
    return overview


def _provider_grants(fund: Fund, ids: dict, *, budget_request_id: int | None = None) -> list[GrantRow]:
    """The PxQ budgets granted from the fund, per request: granted, paid, released. One query."""
    from allocations.models import RequestStatus

    lines = JournalLine.objects.filter(entry__fund=fund, budget_request__isnull=False)
    if budget_request_id is not None:
        lines = lines.filter(budget_request_id=budget_request_id)
    rows = (
        lines.values("budget_request_id", "budget_request__provider__name", "budget_request__year", "budget_request__status")
        .annotate(granted=_s(ids.get(A.COMMITMENTS), K.AWARD_COMMITTED),
                  released=_s(ids.get(A.COMMITMENTS), K.COMMITMENT_RELEASED),
                  paid=_s(ids.get(A.BANK), PAYMENTS))
        .order_by("budget_request__provider__name", "budget_request_id")
    )
    labels = dict(RequestStatus.choices)
    return [GrantRow(r["budget_request__provider__name"], r["budget_request_id"], r["budget_request__year"],
                     labels.get(r["budget_request__status"], r["budget_request__status"]),
                     granted=-_q(r["granted"]), paid=-_q(r["paid"]), released=_q(r["released"]))
            for r in rows]


def provider_grants(fund: Fund) -> list[GrantRow]:
    """The providers' granted budgets of a fund with what was paid and released. Two queries."""
    return _provider_grants(fund, _account_ids())


def provider_grant(fund: Fund, budget_request_id: int) -> GrantRow | None:
    """One provider's granted budget, or None when the books hold nothing for it. Two queries."""
    rows = _provider_grants(fund, _account_ids(), budget_request_id=budget_request_id)
    return rows[0] if rows else None


def _contributions_by_municipality(fund: Fund, ids: dict) -> list[MunicipalityRow]:
    """Charged and received per municipality (or the state, for a SPUK), over all years."""
    rows = (
        JournalLine.objects.filter(entry__fund=fund, entry__kind__in=[K.CONTRIBUTION_CHARGED, K.CONTRIBUTION_RECEIVED])
        .values("municipality__name").annotate(
            charged=_s(ids.get(A.INCOME), K.CONTRIBUTION_CHARGED),
            received=_s(ids.get(A.BANK), K.CONTRIBUTION_RECEIVED),
        ).order_by("municipality__name")
    )
    return [MunicipalityRow(r["municipality__name"] or "Rijk (specifieke uitkering)", -_q(r["charged"]), _q(r["received"]))
            for r in rows]


YEAR_LABELS = {
    "charged": "in rekening gebracht", "received": "ontvangen", "committed": "verplicht", "paid": "betaald",
    "remaining": "vrij besteedbaar",
}


def overview_to_json(overview: FundOverview) -> dict:
    return {
        "years": {str(y.year): {name: str(getattr(y, name)) for name in YEAR_LABELS} for y in overview.years},
        "projects": {
            p.reference: {"title": p.title, "status": p.status_label, "awarded": str(p.awarded), "paid": str(p.paid)}
            for p in overview.projects
        },
    }


def overview_changes(before: dict, after: dict) -> list[Change]:
    changes = []
    for year, figures in after["years"].items():
        old = before.get("years", {}).get(year, {})
        for name, label in YEAR_LABELS.items():
            if Decimal(old.get(name, "0")) != Decimal(figures[name]):
                changes.append(Change(year, label, format_euro(Decimal(old.get(name, "0"))), format_euro(Decimal(figures[name]))))
    for reference, project in after["projects"].items():
        old = before.get("projects", {}).get(reference)
        if old is None:
            changes.append(Change(reference, "nieuw project", "—", f"{project['title']} ({project['status']})"))
            continue
        if old["status"] != project["status"]:
            changes.append(Change(reference, "status", old["status"], project["status"]))
        for name, label in (("awarded", "toegekend"), ("paid", "betaald")):
            if Decimal(old[name]) != Decimal(project[name]):
                changes.append(Change(reference, label, format_euro(Decimal(old[name])), format_euro(Decimal(project[name]))))
    return changes


# -- settlement ---------------------------------------------------------------------------

@dataclass
class SettlementRow:
    municipality: Municipality
    year: int
    contributed: Decimal
    unspent_year: Decimal
    amount: Decimal


@dataclass
class SettlementPreview:
    group: SettlementGroup
    lines: list[SettlementRow]
    confirmed: Settlement | None = None
    outstanding: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.lines), ZERO)

    def statements(self) -> list["Statement"]:
        by_municipality: dict[int, Statement] = {}
        for row in self.lines:
            statement = by_municipality.setdefault(row.municipality.pk, Statement(row.municipality, []))
            statement.lines.append(row)
        return sorted(by_municipality.values(), key=lambda s: s.municipality.name)


@dataclass
class Statement:
    municipality: Municipality
    lines: list[SettlementRow]

    @property
    def contributed(self) -> Decimal:
        return sum((r.contributed for r in self.lines), ZERO)

    @property
    def amount(self) -> Decimal:
        return sum((r.amount for r in self.lines), ZERO)


def settlement_preview(group: SettlementGroup) -> SettlementPreview:
    """What the group's municipalities get back: per year the unspent money, split over every
    contributor not yet settled pro rata what each actually paid (seed 002 §3.2.6-7)."""
    confirmed = Settlement.objects.filter(group=group).first()
    if confirmed is not None:
        lines = [
            SettlementRow(line.municipality, line.year, line.contributed.amount, line.unspent_year.amount, line.amount.amount)
            for line in confirmed.lines.select_related("municipality")
        ]
        return SettlementPreview(group=group, lines=lines, confirmed=confirmed)
    members = list(group.members.select_related("municipality"))
    if not members:
        raise SettlementError(f"{group} heeft geen gemeenten.")
    years = {y.year: y for y in fund_year_figures(group.fund)}
    received: dict[int, dict[int, Decimal]] = defaultdict(dict)
    ids = _account_ids()
    for year, municipality_id, amount in (
        JournalLine.objects.filter(entry__fund=group.fund, account_id=ids.get(A.BANK), entry__kind=K.CONTRIBUTION_RECEIVED,
                                   municipality__isnull=False)
        .values("year", "municipality_id").annotate(total=Sum("amount")).values_list("year", "municipality_id", "total")
    ):
        received[year][municipality_id] = _q(amount)
    settled = set(SettlementLine.objects.filter(settlement__group__fund=group.fund).values_list("year", "municipality_id"))
    lines = []
    outstanding = ZERO
    first = min(m.from_year for m in members)
    last = max(m.to_year for m in members)
    for year in range(first, last + 1):
        figures = years.get(year)
        in_year = {m.municipality_id: m.municipality for m in members if m.from_year <= year <= m.to_year}
        if figures is None or not in_year:
            continue
        outstanding += figures.outstanding
        if figures.unspent < 0:
            raise SettlementError(
                f"In {year} is {format_euro(-figures.unspent)} meer uitgegeven of verplicht dan er ontvangen is; "
                f"boek eerst een budgetuitwisseling tussen de jaren."
            )
        open_contributors = {m: a for m, a in received.get(year, {}).items() if (year, m) not in settled}
        parts = rules.settlement_split(unspent=figures.unspent, received=open_contributors, members=set(in_year),
                                       unit=Decimal("0.01"))
        for municipality_id, municipality in sorted(in_year.items(), key=lambda kv: kv[1].name):
            if municipality_id in parts:
                lines.append(SettlementRow(municipality, year, open_contributors[municipality_id], figures.unspent,
                                           parts[municipality_id]))
    return SettlementPreview(group=group, lines=lines, outstanding=outstanding)


# -- SPUK division and verantwoording -----------------------------------------------------

@dataclass
class DivisionCheck:
    division: SpukBudgetDivision
    grant: Decimal
    lines: list
    findings: list[rules.Finding]

    @property
    def total(self) -> Decimal:
        return sum((line.amount.amount for line in self.lines), ZERO)

    @property
    def deviations(self) -> list[rules.Finding]:
        return [f for f in self.findings if not f.blocking]

    @property
    def blocking(self) -> list[rules.Finding]:
        return [f for f in self.findings if f.blocking]


def division_check(division: SpukBudgetDivision) -> DivisionCheck:
    tranche = Tranche.objects.filter(fund_id=division.fund_id, year=division.year).first()
    grant = tranche.amount.amount if tranche else ZERO
    lines = list(division.lines.select_related("region", "proposal"))
    findings = rules.division_findings(grant=grant, lines=[(line.part, line.amount.amount) for line in lines])
    return DivisionCheck(division=division, grant=grant, lines=lines, findings=findings)


@dataclass
class SisaRow:
    """One budget line of a grant decision: a budget part or a project (with its awards)."""

    line_id: int
    awards: str  # the coordinating municipality's awards for the line's project, if any
    grant_year: int
    part: str
    label: str
    region: str
    budget: Decimal
    spent_year: Decimal
    cumulative: Decimal
    final: bool
    explanation: str

    @property
    def not_spent(self) -> Decimal:
        return self.budget - self.cumulative

    @property
    def deviates(self) -> bool:
        """SiSa: spending that deviates more than 10% from budget needs an explanation."""
        return abs(self.cumulative - self.budget) * 10 > self.budget

    @property
    def explanation_missing(self) -> bool:
        return self.deviates and not self.explanation


SISA_SUMS = ("budget", "spent_year", "cumulative", "not_spent")


@dataclass
class SisaDecision:
    """One grant decision (beschikking) of the state: the SPUK of one year. The SiSa appendix has
    one row per decision; its figures are the sums of the decision's budget lines."""

    grant_year: int
    number: str
    date: dt.date | None
    granted: Decimal
    rows: list[SisaRow]
    final_without_rows: bool = False

    def _sum(self, name: str) -> Decimal:
        return _q(sum((getattr(r, name) for r in self.rows), ZERO))

    @property
    def budget(self) -> Decimal:
        return self._sum("budget")

    @property
    def spent_year(self) -> Decimal:
        return self._sum("spent_year")

    @property
    def cumulative(self) -> Decimal:
        return self._sum("cumulative")

    @property
    def not_spent(self) -> Decimal:
        return self._sum("not_spent")

    @property
    def final(self) -> bool:
        """The decision is accounted for in full when every one of its lines is."""
        return all(r.final for r in self.rows) if self.rows else self.final_without_rows

    @property
    def deviating(self) -> list[SisaRow]:
        return [r for r in self.rows if r.deviates]

    @property
    def explanation(self) -> str:
        """The explanations of the lines that deviate more than 10%, and how many still lack one."""
        parts = [f"{r.label}: {r.explanation.rstrip()}" for r in self.deviating if r.explanation]
        if missing := [r.label for r in self.deviating if not r.explanation]:
            parts.append(f"Toelichting ontbreekt (afwijking > 10%): {'; '.join(missing)}")
        return " ".join(p if p[-1:] in ".!?" else p + "." for p in parts)

    @property
    def explanation_missing(self) -> bool:
        return any(r.explanation_missing for r in self.rows)


@dataclass
class SisaReport:
    fund: Fund
    year: int
    rows: list[SisaRow]
    decisions: list[SisaDecision] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, Decimal]:
        return {name: sum((getattr(r, name) for r in self.rows), ZERO) for name in SISA_SUMS}

    @property
    def decision_totals(self) -> dict[str, Decimal]:
        """The sums over the decisions; equal to `totals`, as every line belongs to one decision."""
        return {name: sum((getattr(d, name) for d in self.decisions), ZERO) for name in SISA_SUMS}

    @property
    def missing_explanations(self) -> list[SisaRow]:
        return [r for r in self.rows if r.explanation_missing]

    @property
    def sisa_code(self) -> str:
        return self.fund.sisa_code or "SPUK"


def spuk_verantwoording(fund: Fund, year: int) -> SisaReport:
    """Per grant decision and budget line: budget, spent in year T, cumulative, not spent,
    final or not, and the explanation where spending deviates more than 10%; and the same summed
    per grant decision (the SiSa appendix: one row per beschikking). Six queries."""
    from proposals.models import Award, Proposal

    ids = _account_ids()
    bank = ids.get(A.BANK)
    spending = {
        row["budget_line_id"]: row
        for row in JournalLine.objects.filter(
            entry__fund=fund, budget_line__isnull=False, account_id=bank, entry__booked_on__year__lte=year,
            entry__kind__in=[*PAYMENTS, K.REFUND, K.DIRECT_EXPENSE],
        ).values("budget_line_id").annotate(
            year_total=Sum("amount", filter=Q(entry__booked_on__year=year), default=ZERO),
            cumulative=Sum("amount", default=ZERO),
        ).order_by()
    }
    explanations = dict(
        SpukExplanation.objects.filter(line__division__fund=fund, year=year).values_list("line_id", "text")
    )
    divisions = (SpukBudgetDivision.objects.filter(fund=fund, year__lte=year).order_by("year")
                 .prefetch_related("lines__region"))
    award_numbers = defaultdict(list)
    proposal_status = {}
    for proposal_id, number, status in (Award.objects.filter(proposal__fund=fund).order_by("number")
                                        .values_list("proposal_id", "number", "proposal__status")):
        award_numbers[proposal_id].append(number)
        proposal_status[proposal_id] = status
    rows = []
    for division in divisions:
        for line in division.lines.all():
            money = spending.get(line.pk, {"year_total": ZERO, "cumulative": ZERO})
            if line.proposal_id:
                final = year >= fund.term_end.year or proposal_status.get(line.proposal_id) == Proposal.Status.COMPLETED
            else:
                final = year >= fund.term_end.year or year > division.year
            rows.append(SisaRow(
                line_id=line.pk, awards=", ".join(award_numbers.get(line.proposal_id, [])), grant_year=division.year, part=line.get_part_display(), label=line.label,
                region=line.region.name if line.region else "", budget=line.amount.amount,
                spent_year=-_q(money["year_total"]), cumulative=-_q(money["cumulative"]), final=final,
                explanation=explanations.get(line.pk, ""),
            ))
    return SisaReport(fund=fund, year=year, rows=rows, decisions=_sisa_decisions(fund, year, rows))


def spuk_parts(fund: Fund, year: int) -> list[tuple[str, Decimal, Decimal]]:
    """Per part of the year's division (seed 004 §6.4): its budget and what was spent on it up to and
    including `year` (cumulative), from the same rows as the SiSa verantwoording. Parts by code."""
    from accounting.models import BudgetPart

    # a SiSa row names its part by the part's label; the chart groups by the part's code
    codes = {label: code for code, label in BudgetPart.choices} | {code: code for code in BudgetPart.values}
    totals: dict[str, list[Decimal]] = {}
    for row in spuk_verantwoording(fund, year).rows:
        if row.grant_year != year or row.part not in codes:
            continue
        part = totals.setdefault(codes[row.part], [ZERO, ZERO])
        part[0] += row.budget
        part[1] += row.cumulative
    return [(code, budget, spent) for code, (budget, spent) in sorted(totals.items())]


def _sisa_decisions(fund: Fund, year: int, rows: list[SisaRow]) -> list[SisaDecision]:
    """Every grant of year T or before is a decision with a row in the SiSa appendix, also one
    without budget lines yet; a line of a year without a tranche still gets a decision row, so
    the decisions always add up to the lines. One query."""
    decisions = {
        t.year: SisaDecision(grant_year=t.year, number=t.grant_decision_number, date=t.grant_decision_date,
                             granted=t.amount.amount, rows=[],
                             final_without_rows=year >= fund.term_end.year or year > t.year)
        for t in Tranche.objects.filter(fund=fund, year__lte=year).order_by("year")
    }
    for row in rows:
        decision = decisions.get(row.grant_year)
        if decision is None:
            decision = decisions[row.grant_year] = SisaDecision(grant_year=row.grant_year, number="", date=None,
                                                                granted=ZERO, rows=[])
        decision.rows.append(row)
    return [decisions[y] for y in sorted(decisions)]


# -- region reports -----------------------------------------------------------------------

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
    """Which SPUK projects' reports a user sees: TWO staff those of their organisations' funds, the
    coordinating municipality those of the SPUK it coordinates, a region those it filed."""
    if user.is_superuser:
        return Q()
    query = staff_funds_q(user, "fund")
    if is_coordinator(user) and user_municipality_id(user) is not None:
        query |= Q(fund__coordinating_municipality=user_municipality_id(user))
    if is_region_user(user) and user_region_id(user) is not None:
        query |= Q(filing_region=user_region_id(user))
    return query


REPORT_SEARCH_FIELDS = ("reference", "title", "filing_region__name", "fund__name", "applicants__name")


def region_report_rows(*, fund: Fund | None = None, region_id: int | None = None, visible_to=None,
                       today: dt.date | None = None, query: str = "") -> list[RegionReportRow]:
    """Every SPUK project with awards: when its report is due, and whether it is received, as of
    `today` (a peildatum; default the real today). A report received after that day was not there
    yet on it: the row shows the state of that day. Two queries."""
    from proposals.models import Proposal

    today = today or timezone.localdate()
    proposals = (Proposal.objects.filter(fund__kind=Fund.Kind.SPUK, filing_region__isnull=False, awards__isnull=False)
                 .select_related("filing_region", "fund", "region_report")
                 .annotate(project_end=Max("awards__period_end"), report_due=Min("awards__report_due"))
                 .order_by("project_end", "reference"))
    if fund is not None:
        proposals = proposals.filter(fund=fund)
    if region_id is not None:
        proposals = proposals.filter(filing_region_id=region_id)
    if visible_to is not None:
        proposals = proposals.filter(region_reports_visible_to(visible_to))
    proposals = search(proposals, query, REPORT_SEARCH_FIELDS)
    rows = []
    for proposal in proposals:
        report = getattr(proposal, "region_report", None)
        delivered_on = timezone.localtime(report.delivered_at).date() if report else None
        if delivered_on is not None and delivered_on > today:  # received after the peildatum
            report, delivered_on = None, None
        # the award's own due date counts when it is earlier than the rule's 1 March (proposals app sets it)
        deadline = rules.report_deadline(proposal.project_end)
        if proposal.report_due is not None and proposal.report_due < deadline:
            deadline = proposal.report_due
        rows.append(RegionReportRow(
            proposal=proposal, region_name=proposal.filing_region.name, project_end=proposal.project_end,
            deadline=deadline, report=report,
            state=rules.report_state(project_end=proposal.project_end, delivered_on=delivered_on, today=today,
                                     deadline=deadline),
        ))
    return rows


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
    year, month = (deadline.year, deadline.month - 1) if deadline.month > 1 else (deadline.year - 1, 12)
    preview = max(dt.date(year, month, min(deadline.day, 28)), row.project_end + dt.timedelta(days=1))
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
    from django.db.models import Prefetch

    from proposals.models import Award, Goal, PerformanceIndicator, Proposal

    proposals = (
        Proposal.objects.filter(fund=fund, awards__year__lte=year).distinct().order_by("reference")
        .prefetch_related("cells", Prefetch("goals", queryset=Goal.objects.prefetch_related(
            Prefetch("indicators", queryset=PerformanceIndicator.objects.order_by("target_date", "pk")))))
    )
    proposals = list(proposals)
    results = {r.indicator_id: r for r in IndicatorResult.objects.filter(
        indicator__goal__proposal__in=[p.pk for p in proposals], year=year).select_related("entered_by")}
    awarded = dict(Award.objects.filter(proposal__fund=fund).values("proposal_id").annotate(t=Sum("amount"))
                   .values_list("proposal_id", "t").order_by())
    ids = _account_ids()
    paid = dict(
        JournalLine.objects.filter(entry__fund=fund, account_id=ids.get(A.BANK), award__isnull=False,
                                   entry__kind__in=[*PAYMENTS, K.REFUND])
        .values("award__proposal_id").annotate(t=Sum("amount")).values_list("award__proposal_id", "t").order_by()
    )
    projects = []
    for proposal in proposals:
        goals = [(goal, [IndicatorRow(i, results.get(i.pk)) for i in goal.indicators.all()]) for goal in proposal.goals.all()]
        projects.append(EvaluationProject(proposal, goals, _q(awarded.get(proposal.pk)), -_q(paid.get(proposal.pk))))
    return Evaluation(fund=fund, year=year, projects=projects)
