"""The fund overview for a meeting: figures per year, projects, providers' grants,
contributions per municipality, and what changed since the last meeting's overview."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from accounting.models import JournalLine
from accounting.selectors.ledger import (
    PAYMENTS,
    ZERO,
    A,
    AwardRoom,
    K,
    YearFigures,
    _account_ids,
    _q,
    _s,
    fund_year_figures,
)
from allocations.models import RequestStatus
from core.templatetags.nl import format_euro
from fund.models import Fund
from proposals.models import Award, FundOverviewSnapshot, MatrixCell, Meeting, Proposal


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


@dataclass(frozen=True)
class PreviousOverview:
    """The overview kept with an earlier meeting: what a new overview shows its changes against."""

    meeting: str  # "AO Jeugd" or "PHO Maatschappij"
    meeting_date: dt.date
    figures: dict  # accounting.selectors.overview.overview_to_json of that moment


def previous_overview(fund: Fund, *, before=None) -> PreviousOverview | None:
    """The last overview kept with a meeting of `fund` (made before `before`, a datetime, if
    given) that holds figures. One query."""
    kept = FundOverviewSnapshot.objects.filter(meeting__fund=fund, data__has_key="figures")
    if before is not None:
        kept = kept.filter(made_at__lt=before)
    row = (
        kept.order_by("-made_at", "-pk")
        .values_list("meeting__kind", "meeting__date", "data")
        .first()
    )
    if row is None:
        return None
    kind, date, data = row
    return PreviousOverview(dict(Meeting.Kind.choices).get(kind, kind), date, data["figures"])


@dataclass
class FundOverview:
    fund: Fund
    years: list[YearFigures]
    total: YearFigures
    projects: list[ProjectRow]
    generated_at: dt.datetime
    municipalities: list[MunicipalityRow] = field(default_factory=list)
    grants: list[GrantRow] = field(default_factory=list)
    previous: PreviousOverview | None = None  # the overview kept with the last meeting
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


def fund_overview(
    fund: Fund, *, compare_with: PreviousOverview | None = None, with_changes: bool = True
) -> FundOverview:
    """Per year: filled (charged, received), committed, paid, remaining; the projects with their
    status; the providers' granted budgets; and what changed since the overview kept with the last
    meeting (accounting.meeting_overview). Ten queries at any size."""
    years = fund_year_figures(fund)
    total = YearFigures(year=0)
    for y in years:
        total = total + y
    status_labels = dict(Proposal.Status.choices)
    projects: dict[int, ProjectRow] = {}
    for pk, reference, title, status in (
        # every project: adopted (the PHO or the coordinator said yes) or with an award
        Proposal.objects.filter(
            Q(status__in=Proposal.PROJECT_STATUSES) | Q(awards__isnull=False), fund=fund
        )
        .distinct()
        .order_by("reference")
        .values_list("pk", "reference", "title", "status")
    ):
        projects[pk] = ProjectRow(
            pk, reference, title, status, status_labels.get(status, status), ""
        )
    numbers = defaultdict(list)
    award_project = {}
    for award_id, proposal_id, number, amount in (
        Award.objects.filter(proposal__fund=fund)
        .order_by("number")
        .values_list("pk", "proposal_id", "number", "amount")
    ):
        if proposal_id in projects:
            projects[proposal_id].awarded += _q(amount)
            numbers[proposal_id].append(number)
            award_project[award_id] = projects[proposal_id]
    for proposal_id, row in projects.items():
        row.awards = ", ".join(numbers[proposal_id])
    if fund.kind != Fund.Kind.SPUK:  # the matrix binds the regional funds
        for proposal_id, r, c in (
            MatrixCell.objects.filter(proposal_id__in=list(projects))
            .values_list("proposal_id", "row", "column")
            .order_by("proposal_id", "row", "column")
        ):
            projects[proposal_id].cells.append((r, c))
    ids = _account_ids()
    for row in (
        JournalLine.objects.filter(entry__fund=fund, award__isnull=False)
        .values("award_id")
        .annotate(
            committed=_s(ids.get(A.COMMITMENTS), [K.AWARD_COMMITTED, K.COMMITMENT_RELEASED]),
            paid=_s(ids.get(A.BANK), PAYMENTS),
            refunded=_s(ids.get(A.BANK), K.REFUND),
        )
        .order_by()
    ):
        project = award_project.get(row["award_id"])
        if project is not None:  # a project with several awards adds them up
            project.committed -= _q(row["committed"])
            project.paid -= _q(row["paid"])
            project.refunded += _q(row["refunded"])
    overview = FundOverview(
        fund=fund,
        years=years,
        total=total,
        projects=list(projects.values()),
        generated_at=timezone.now(),
        municipalities=_contributions_by_municipality(fund, ids),
        grants=_provider_grants(fund, ids),
    )
    if with_changes:
        previous = compare_with or previous_overview(fund)
        if previous is not None:
            overview.previous = previous
            overview.changes = overview_changes(previous.figures, overview_to_json(overview))
    return overview


def _provider_grants(
    fund: Fund, ids: dict, *, budget_request_id: int | None = None
) -> list[GrantRow]:
    """The PxQ budgets granted from the fund, per request: granted, paid, released. One query."""
    lines = JournalLine.objects.filter(entry__fund=fund, budget_request__isnull=False)
    if budget_request_id is not None:
        lines = lines.filter(budget_request_id=budget_request_id)
    rows = (
        lines.values(
            "budget_request_id",
            "budget_request__provider__name",
            "budget_request__year",
            "budget_request__status",
        )
        .annotate(
            granted=_s(ids.get(A.COMMITMENTS), K.AWARD_COMMITTED),
            released=_s(ids.get(A.COMMITMENTS), K.COMMITMENT_RELEASED),
            paid=_s(ids.get(A.BANK), PAYMENTS),
        )
        .order_by("budget_request__provider__name", "budget_request_id")
    )
    labels = dict(RequestStatus.choices)
    return [
        GrantRow(
            r["budget_request__provider__name"],
            r["budget_request_id"],
            r["budget_request__year"],
            labels.get(r["budget_request__status"], r["budget_request__status"]),
            granted=-_q(r["granted"]),
            paid=-_q(r["paid"]),
            released=_q(r["released"]),
        )
        for r in rows
    ]


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
        JournalLine.objects.filter(
            entry__fund=fund, entry__kind__in=[K.CONTRIBUTION_CHARGED, K.CONTRIBUTION_RECEIVED]
        )
        .values("municipality__name")
        .annotate(
            charged=_s(ids.get(A.INCOME), K.CONTRIBUTION_CHARGED),
            received=_s(ids.get(A.BANK), K.CONTRIBUTION_RECEIVED),
        )
        .order_by("municipality__name")
    )
    return [
        MunicipalityRow(
            r["municipality__name"] or "Rijk (specifieke uitkering)",
            -_q(r["charged"]),
            _q(r["received"]),
        )
        for r in rows
    ]


YEAR_LABELS = {
    "charged": "in rekening gebracht",
    "received": "ontvangen",
    "committed": "verplicht",
    "paid": "betaald",
    "remaining": "vrij besteedbaar",
}


def overview_to_json(overview: FundOverview) -> dict:
    return {
        "years": {
            str(y.year): {name: str(getattr(y, name)) for name in YEAR_LABELS}
            for y in overview.years
        },
        "projects": {
            p.reference: {
                "title": p.title,
                "status": p.status_label,
                "awarded": str(p.awarded),
                "paid": str(p.paid),
            }
            for p in overview.projects
        },
    }


def overview_changes(before: dict, after: dict) -> list[Change]:
    changes = []
    for year, figures in after["years"].items():
        old = before.get("years", {}).get(year, {})
        for name, label in YEAR_LABELS.items():
            if Decimal(old.get(name, "0")) != Decimal(figures[name]):
                changes.append(
                    Change(
                        year,
                        label,
                        format_euro(Decimal(old.get(name, "0"))),
                        format_euro(Decimal(figures[name])),
                    )
                )
    for reference, project in after["projects"].items():
        old = before.get("projects", {}).get(reference)
        if old is None:
            changes.append(
                Change(reference, "nieuw project", "—", f"{project['title']} ({project['status']})")
            )
            continue
        if old["status"] != project["status"]:
            changes.append(Change(reference, "status", old["status"], project["status"]))
        for name, label in (("awarded", "toegekend"), ("paid", "betaald")):
            if Decimal(old[name]) != Decimal(project[name]):
                changes.append(
                    Change(
                        reference,
                        label,
                        format_euro(Decimal(old[name])),
                        format_euro(Decimal(project[name])),
                    )
                )
    return changes
