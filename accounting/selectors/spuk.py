"""The SPUK division check and the SiSa verantwoording (per grant decision and budget line)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Q, Sum

from accounting import rules
from accounting.models import (
    BudgetPart,
    JournalLine,
    SpukBudgetDivision,
    SpukBudgetLine,
    SpukExplanation,
)
from accounting.selectors.ledger import PAYMENTS, ZERO, A, K, _account_ids, _q
from fund.models import Fund, Tranche
from proposals.models import Award, Proposal


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
    findings = rules.division_findings(
        grant=grant, lines=[(line.part, line.amount.amount) for line in lines]
    )
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

    @cached_property  # asked per line by the page, the appendix's flags and its explanations
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
    ids = _account_ids()
    bank = ids.get(A.BANK)
    spending = {
        row["budget_line_id"]: row
        for row in JournalLine.objects.filter(
            entry__fund=fund,
            budget_line__isnull=False,
            account_id=bank,
            entry__booked_on__year__lte=year,
            entry__kind__in=[*PAYMENTS, K.REFUND, K.DIRECT_EXPENSE],
        )
        .values("budget_line_id")
        .annotate(
            year_total=Sum("amount", filter=Q(entry__booked_on__year=year), default=ZERO),
            cumulative=Sum("amount", default=ZERO),
        )
        .order_by()
    }
    explanations = dict(
        SpukExplanation.objects.filter(line__division__fund=fund, year=year).values_list(
            "line_id", "text"
        )
    )
    # the lines as plain values, in the order of their divisions' years and their own order: a
    # budget of a few hundred lines made into models (with their Money) cost more than the sums
    lines = (
        SpukBudgetLine.objects.filter(division__fund=fund, division__year__lte=year)
        .order_by("division__year", "division_id", "position", "pk")
        .values_list(
            "pk", "division__year", "part", "label", "region__name", "proposal_id", "amount"
        )
    )
    part_labels = dict(BudgetPart.choices)
    award_numbers = defaultdict(list)
    proposal_status = {}
    for proposal_id, number, status in (
        Award.objects.filter(proposal__fund=fund)
        .order_by("number")
        .values_list("proposal_id", "number", "proposal__status")
    ):
        award_numbers[proposal_id].append(number)
        proposal_status[proposal_id] = status
    rows = []
    for pk, grant_year, part, label, region, proposal_id, amount in lines:
        money = spending.get(pk, {"year_total": ZERO, "cumulative": ZERO})
        if proposal_id:
            final = (
                year >= fund.term_end.year
                or proposal_status.get(proposal_id) == Proposal.Status.COMPLETED
            )
        else:
            final = year >= fund.term_end.year or year > grant_year
        rows.append(
            SisaRow(
                line_id=pk,
                awards=", ".join(award_numbers.get(proposal_id, [])),
                grant_year=grant_year,
                part=part_labels.get(part, part),
                label=label,
                region=region or "",
                budget=amount,
                spent_year=-_q(money["year_total"]),
                cumulative=-_q(money["cumulative"]),
                final=final,
                explanation=explanations.get(pk, ""),
            )
        )
    return SisaReport(fund=fund, year=year, rows=rows, decisions=_sisa_decisions(fund, year, rows))


def spuk_parts(fund: Fund, year: int) -> list[tuple[str, Decimal, Decimal]]:
    """Per part of the year's division (seed 004 §6.4): its budget and what was spent on it up to and
    including `year` (cumulative), from the same rows as the SiSa verantwoording. Parts by code."""
    # a SiSa row names its part by the part's label; the chart groups by the part's code
    codes = {label: code for code, label in BudgetPart.choices} | {
        code: code for code in BudgetPart.values
    }
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
        t.year: SisaDecision(
            grant_year=t.year,
            number=t.grant_decision_number,
            date=t.grant_decision_date,
            granted=t.amount.amount,
            rows=[],
            final_without_rows=year >= fund.term_end.year or year > t.year,
        )
        for t in Tranche.objects.filter(fund=fund, year__lte=year).order_by("year")
    }
    for row in rows:
        decision = decisions.get(row.grant_year)
        if decision is None:
            decision = decisions[row.grant_year] = SisaDecision(
                grant_year=row.grant_year, number="", date=None, granted=ZERO, rows=[]
            )
        decision.rows.append(row)
    return [decisions[y] for y in sorted(decisions)]


def spuk_budget_lines(fund: Fund):
    """The lines of the fund's SPUK budget divisions, with their division (a direct expense is
    booked on one of them)."""
    return SpukBudgetLine.objects.filter(division__fund=fund).select_related("division")
