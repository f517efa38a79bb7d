"""Reads of the meetings: the meeting list, the agenda and its candidates, the fund overview kept with
a meeting, and the vote result and vote records of an agenda item. The proposal list and its
visibility rule are in proposals.selectors.
"""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter

from django.db.models import CharField, F, QuerySet, Value

from core.expressions import ModelSQL
from core.search import search
from fund.models import Contribution, Fund
from fund.selectors import funds_visible_to, weighing_tranche
from proposals.models import (
    AgendaItem,
    Decision,
    FundOverviewSnapshot,
    Meeting,
    Proposal,
    Vote,
    VoteRecord,
)
from proposals.voting import Tally, basis_label, fund_basis, tally

# ---------------------------------------------------------------- fund overview (with every agenda)


MEETING_SEARCH_FIELDS = (
    "title",
    "fund__name",
    "items__proposal__reference",
    "items__proposal__title",
)


def meeting_list(
    user, *, query: str = "", kind: str = "", fund: Fund | None = None, year: int | None = None
):
    """The meetings of the funds a user may see, newest first; `query` searches the title, the fund
    and the proposals on the agenda (core.search)."""
    meetings = Meeting.objects.filter(fund__in=funds_visible_to(user).values("pk"))
    if kind:
        meetings = meetings.filter(kind=kind)
    if fund is not None:
        meetings = meetings.filter(fund=fund)
    if year:
        meetings = meetings.filter(date__year=year)
    return (
        search(meetings, query, MEETING_SEARCH_FIELDS)
        .select_related("fund")
        .order_by("-date", "-pk")
    )


def meeting_agenda(meeting: Meeting) -> list[AgendaItem]:
    """The agenda items in order, with proposal and decision: one query."""
    return list(meeting.items.select_related("proposal", "decision").order_by("position", "pk"))


def agenda_candidates(meeting: Meeting) -> QuerySet[Proposal]:
    """Proposals that may be put on the meeting's agenda: screened (or on another agenda), same fund."""
    return Proposal.objects.filter(
        fund=meeting.fund_id, status__in=[Proposal.Status.SCREENED, Proposal.Status.ON_AGENDA]
    ).exclude(agenda_items__meeting=meeting)


AGENDA_PICK_LIMIT = 200  # above this the page asks for the number (national scale)


def agenda_pick_list(meeting: Meeting) -> list[tuple[str, str]] | None:
    """(number, title) of the proposals that may go on the agenda, for a pick list; None when there
    are more than AGENDA_PICK_LIMIT (then the form asks for the number). One query."""
    candidates = agenda_candidates(meeting)
    if meeting.kind == Meeting.Kind.PHO_MAATSCHAPPIJ and meeting.fund.kind == Fund.Kind.REGIONAL:
        # only what an AO Jeugd discussed on or before the PHO's date (seed 002 §3.2; the service
        # refuses the others with the reason, proposals.services.meetings._require_ao_before_pho)
        candidates = candidates.filter(
            pk__in=AgendaItem.objects.filter(
                meeting__kind=Meeting.Kind.AO_JEUGD, meeting__date__lte=meeting.date
            ).values("proposal_id")
        )
    rows = list(
        candidates.order_by("reference").values_list("reference", "title")[: AGENDA_PICK_LIMIT + 1]
    )
    return None if len(rows) > AGENDA_PICK_LIMIT else rows


def meeting_overview_snapshot(
    meeting: Meeting, *, with_data: bool = False
) -> FundOverviewSnapshot | None:
    """The fund overview kept with the meeting: its rendered tables (the page) or its data (the
    XLSX), never its PDF bytes (the page links to them)."""
    fields = ["id", "meeting_id", "made_at", "data" if with_data else "html"]
    return FundOverviewSnapshot.objects.filter(meeting=meeting).only(*fields).first()


# ---------------------------------------------------------------- vote result


@dataclass(slots=True)
class VoteRow:
    municipality_id: int
    name: str  # of the municipality
    budget_cents: int  # the counted budget: the municipality's weight is budget_cents / total_cents
    total_cents: int
    choice: str | None
    choice_label: str

    @property
    def weight(self) -> Fraction:
        return Fraction(self.budget_cents, self.total_cents)


@dataclass
class VoteResult:
    item: AgendaItem
    rows: list[VoteRow]
    tally: Tally  # weights as shares of all members' weight (total_weight 1)
    decided_rule: str | None  # the stored Decision.rule once closed
    decision: Decision | None = None

    @property
    def not_voted(self) -> list[VoteRow]:
        """The members who have not voted (yet), by name."""
        return [r for r in self.rows if not r.choice]

    @property
    def basis_label(self) -> str:
        return basis_label(self.tally.basis, self.tally.quorum)


_HUNDRED = Decimal(100)


def _cents(amount: Decimal) -> int:
    cents = amount * _HUNDRED
    whole = int(cents)
    if whole != cents:  # MONEY has 2 decimal places; never silently round a weight
        raise ValueError(f"Bedrag {amount} heeft meer dan twee decimalen.")
    return whole


class VoteChoice(ModelSQL):
    """The choice of municipality {0} on agenda item {1}, each an outer column or a value; NULL
    before it votes (vote_one_per_municipality keeps one vote per municipality and item)."""

    model = Vote
    sql = "(SELECT {choice} FROM {table} WHERE {municipality} = {0} AND {agenda_item} = {1})"
    output_field = CharField()


def vote_result(item: AgendaItem) -> VoteResult:
    """Each participating municipality's vote and weight, and the outcome (live until closed).

    One query: the counted budgets of the tranche that weighs the vote, with names and votes. The
    tranche is fund.selectors.weighing_tranche, as in municipality_weights (proposals.services.meetings.vote_weights);
    the weights are whole cents here: exact, without a Fraction per municipality. A test holds the
    two to the same numbers.
    """
    year = item.vote_year or item.meeting.date.year
    budgets = list(
        Contribution.objects.filter(
            tranche_id=weighing_tranche(fund_id=item.meeting.fund_id, year=year)
        )
        .order_by()
        .values_list(
            "municipality_id",
            "municipality__name",
            "counted_budget",
            VoteChoice(F("municipality_id"), Value(item.pk)),
        )
    )
    cents = {m: _cents(budget) for m, _, budget, _ in budgets}
    total = sum(cents.values())
    if not total:  # as municipality_weights: no basis, nobody weighs
        budgets, cents = [], {}
    budgets.sort(key=itemgetter(1))
    labels = dict(Vote.Choice.choices)
    rows = [
        VoteRow(m, name, cents[m], total, choice, labels.get(choice, "Nog niet gestemd"))
        for m, name, _, choice in budgets
    ]
    counted = tally(
        {m: choice for m, _, _, choice in budgets if choice}, cents, **fund_basis(item.meeting.fund)
    )
    if total:  # tally weighed in cents; show the weights as shares of the whole
        counted = replace(
            counted,
            yes_weight=counted.yes_weight / total,
            no_weight=counted.no_weight / total,
            abstain_weight=counted.abstain_weight / total,
            total_weight=Fraction(1),
        )
    if AgendaItem.decision.is_cached(item):  # select_related("decision"), as the vote page does
        decision = getattr(item, "decision", None)
    else:
        decision = Decision.objects.filter(agenda_item=item).first()
    return VoteResult(item, rows, counted, decision.rule if decision else None, decision)


@dataclass(slots=True)
class VoteRecordRow:
    at: dt.datetime
    municipality: str
    user: str  # full name, else username
    previous_choice: str
    choice: str


def vote_records(item: AgendaItem) -> list[VoteRecordRow]:
    """Every vote and change of a vote on the item, oldest first: one query, no model instances."""
    return [
        VoteRecordRow(at, municipality, f"{first} {last}".strip() or username, previous, choice)
        for at, municipality, first, last, username, previous, choice in VoteRecord.objects.filter(
            agenda_item=item
        )
        .order_by("at", "pk")
        .values_list(
            "at",
            "municipality__name",
            "user__first_name",
            "user__last_name",
            "user__username",
            "previous_choice",
            "choice",
        )
    ]
