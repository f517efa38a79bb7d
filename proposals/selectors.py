"""Reads of the proposals app. Pages, PDFs, commands and other apps use these."""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from core.models import Municipality, Provider
from core.permissions import (
    is_coordinator,
    is_portfolio_holder,
    is_provider_user,
    is_region_user,
    is_two,
    user_municipality_id,
    user_provider_id,
    user_region_id,
)
from fund.models import Fund, Tranche
from proposals.models import (
    AgendaItem,
    Award,
    Decision,
    Goal,
    MatrixCell,
    Proposal,
    RegionConsent,
    RequestedAmount,
    Transition,
    Vote,
)
from proposals.rules import MATRIX_COLUMNS, MATRIX_ROWS, matrix_rule_ok, matrix_rule_problem
from proposals.voting import Tally, tally


def awards_for_fund(fund: Fund) -> QuerySet[Award]:
    """Every award of the fund, with its proposal, ordered by number."""
    return Award.objects.filter(proposal__fund=fund).select_related("proposal").order_by("number")


def fund_awarded_total(fund: Fund) -> Decimal:
    """The sum of all awards of the fund (over its whole term), in euros."""
    total = Award.objects.filter(proposal__fund=fund).aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal(0)


# ---------------------------------------------------------------- visibility

def _visibility_filter(user) -> Q:
    """Which proposals a user may see; the same rule as proposals.permissions.view_proposal."""
    if user.is_superuser or is_two(user):
        return Q()
    query = Q(pk__in=[])
    provider_id = user_provider_id(user)
    if is_provider_user(user) and provider_id:
        query |= Q(applicants=provider_id)
    region_id = user_region_id(user)
    if is_region_user(user) and region_id:
        query |= Q(filing_region=region_id)
    municipality_id = user_municipality_id(user)
    if is_portfolio_holder(user) and municipality_id:
        query |= Q(fund__region__municipalities=municipality_id) & ~Q(status=Proposal.Status.DRAFT)
    if is_coordinator(user) and municipality_id:
        query |= Q(fund__coordinating_municipality=municipality_id) & ~Q(status=Proposal.Status.DRAFT)
    return query


def proposals_visible_to(user) -> QuerySet[Proposal]:
    query = _visibility_filter(user)
    proposals = Proposal.objects.all()
    if query:
        # a subquery instead of .distinct(): the M2M join would repeat rows
        proposals = proposals.filter(pk__in=Proposal.objects.filter(query).values("pk"))
    return proposals


def proposal_list(user, *, fund: Fund | None = None, status: str | None = None) -> QuerySet[Proposal]:
    """The proposal list page: constant queries (fund joined, applicants and cells prefetched)."""
    # a correlated subquery, not a JOIN + GROUP BY over every proposal before the page is cut
    requested = RequestedAmount.objects.filter(proposal=OuterRef("pk")).values("proposal").annotate(
        total=Sum("amount")).values("total")
    proposals = proposals_visible_to(user).select_related("fund", "filing_region").annotate(
        requested_total=Subquery(requested),
    ).prefetch_related(
        Prefetch("applicants", queryset=Provider.objects.only("id", "name")),
        Prefetch("cells", queryset=MatrixCell.objects.only("id", "proposal_id", "row", "column")),
    ).order_by("-created_at", "-pk")
    if fund is not None:
        proposals = proposals.filter(fund=fund)
    if status:
        proposals = proposals.filter(status=status)
    return proposals


def proposal_detail(pk: int) -> Proposal:
    return Proposal.objects.select_related("fund", "filing_region", "decision", "ambassador_advice").prefetch_related(
        "applicants", "work_regions", "cells", "requested_amounts",
        Prefetch("goals", queryset=Goal.objects.prefetch_related("indicators")),
        "attachments", Prefetch("transitions", queryset=Transition.objects.select_related("user")),
        "screening_items", Prefetch("region_consents", queryset=RegionConsent.objects.select_related("region")),
        Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting")),
        Prefetch("awards", queryset=Award.objects.prefetch_related("letters")),
    ).get(pk=pk)


# ---------------------------------------------------------------- matrix grid

@dataclass
class MatrixGrid:
    """The 3x3 matrix for a template: rows of (label, [on/off per column])."""

    columns: list[str]
    rows: list[tuple[str, list[bool]]]
    ok: bool
    problem: str | None
    applies: bool = True  # the matrix rule binds the regional fund, not the SPUK


def matrix_grid(cells, *, applies: bool = True) -> MatrixGrid:
    cells = {(int(r), int(c)) for r, c in cells}
    rows = [(label, [(r, c) in cells for c in MATRIX_COLUMNS]) for r, label in MATRIX_ROWS.items()]
    return MatrixGrid(list(MATRIX_COLUMNS.values()), rows, matrix_rule_ok(cells), matrix_rule_problem(cells), applies)


# ---------------------------------------------------------------- fund overview (with every agenda)

@dataclass
class OverviewProject:
    reference: str
    title: str
    status: str
    awarded: Decimal


@dataclass
class FundOverview:
    fund_name: str
    tranches: list[tuple[int, Decimal, str]]
    tranche_total: Decimal
    awarded_total: Decimal
    remaining: Decimal
    projects: list[OverviewProject] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "fund_name": self.fund_name,
            "tranches": [{"year": y, "amount": str(a), "status": s} for y, a, s in self.tranches],
            "tranche_total": str(self.tranche_total),
            "awarded_total": str(self.awarded_total),
            "remaining": str(self.remaining),
            "projects": [
                {"reference": p.reference, "title": p.title, "status": p.status, "awarded": str(p.awarded)}
                for p in self.projects
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "FundOverview":
        return cls(
            fund_name=data["fund_name"],
            tranches=[(t["year"], Decimal(t["amount"]), t["status"]) for t in data["tranches"]],
            tranche_total=Decimal(data["tranche_total"]),
            awarded_total=Decimal(data["awarded_total"]),
            remaining=Decimal(data["remaining"]),
            projects=[OverviewProject(p["reference"], p["title"], p["status"], Decimal(p["awarded"])) for p in data["projects"]],
        )


# a proposal becomes a project once adopted
PROJECT_STATUSES = ["adopted", "awarded", "running", "completed"]


def fund_overview(fund: Fund) -> FundOverview:
    """Projects, tranches, awarded and remaining: three queries whatever the number of projects."""
    tranches = [
        (t.year, t.amount.amount, t.get_status_display())
        for t in Tranche.objects.filter(fund=fund).order_by("year")
    ]
    tranche_total = sum((a for _, a, _ in tranches), Decimal(0))
    labels = dict(Proposal.Status.choices)
    projects = [
        OverviewProject(ref, title, labels[status], awarded or Decimal(0))
        for ref, title, status, awarded in Proposal.objects.filter(fund=fund, status__in=PROJECT_STATUSES)
        .annotate(awarded=Sum("awards__amount"))
        .order_by("reference")
        .values_list("reference", "title", "status", "awarded")
    ]
    awarded_total = sum((p.awarded for p in projects), Decimal(0))
    return FundOverview(fund.name, tranches, tranche_total, awarded_total, tranche_total - awarded_total, projects)


# ---------------------------------------------------------------- vote result

@dataclass
class VoteRow:
    municipality: Municipality
    weight: Fraction
    choice: str | None
    choice_label: str


@dataclass
class VoteResult:
    item: AgendaItem
    rows: list[VoteRow]
    tally: Tally
    decided_rule: str | None  # the stored Decision.rule once closed


def vote_result(item: AgendaItem) -> VoteResult:
    """Each participating municipality's vote and weight, and the outcome (live until closed)."""
    from proposals.services import vote_weights

    weights = vote_weights(item)
    municipalities = {m.pk: m for m in Municipality.objects.filter(pk__in=list(weights)).only("id", "name")}
    votes = dict(item.votes.values_list("municipality_id", "choice"))
    labels = dict(Vote.Choice.choices)
    rows = sorted(
        (VoteRow(municipalities[m], w, votes.get(m), labels.get(votes.get(m), "Nog niet gestemd"))
         for m, w in weights.items() if m in municipalities),
        key=lambda r: r.municipality.name,
    )
    decision = Decision.objects.filter(agenda_item=item).first()
    return VoteResult(item, rows, tally({m: c for m, c in votes.items() if m in weights}, weights),
                      decision.rule if decision else None)
