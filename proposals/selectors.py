"""Reads of the proposals app. Pages, PDFs, commands and other apps use these."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    BooleanField,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)

from core.expressions import ModelSQL
from core.models import Municipality
from core.permissions import (
    is_coordinator,
    is_portfolio_holder,
    is_provider_user,
    is_region_user,
    staff_funds_q,
    user_municipality_id,
    user_provider_id,
    user_region_id,
)
from core.search import search
from fund.models import MONEY, Fund
from fund.selectors import funds_visible_q
from proposals.criteria import Criterion, criteria_for
from proposals.models import (
    AgendaItem,
    Award,
    CriterionAnswer,
    Goal,
    MatrixCell,
    Proposal,
    RegionConsent,
    RequestedAmount,
    ScreeningItem,
    Transition,
)
from proposals.rules import (
    MATRIX_COLUMNS,
    MATRIX_ROWS,
    matrix_cells_of_mask,
    matrix_rule_ok,
    matrix_rule_problem,
)


def awards_for_fund(fund: Fund) -> QuerySet[Award]:
    """Every award of the fund, with its proposal, ordered by number."""
    return Award.objects.filter(proposal__fund=fund).select_related("proposal").order_by("number")


def fund_awarded_total(fund: Fund) -> Decimal:
    """The sum of all awards of the fund (over its whole term), in euros."""
    total = Award.objects.filter(proposal__fund=fund).aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal(0)


# ---------------------------------------------------------------- visibility


def _visibility(user) -> Q:
    """Who sees a proposal, the one rule (proposals_visible_q; proposals.permissions.sees_proposal is
    derived from it): TWO staff the proposals of the funds their organisations manage; an aanbieder
    those it applies for; a jeugdhulpregio those it filed; a portefeuillehouder the non-draft
    proposals of its region's funds; the coordinating municipality the non-draft proposals of the
    funds it coordinates. Along foreign keys and subqueries only (the applicants and a region's
    municipalities are asked in a subquery, not joined), so a proposal is never repeated: the
    list's COUNT and page filter the proposals themselves, with no DISTINCT."""
    if user.is_superuser:
        return Q()
    query = staff_funds_q(user, "fund")
    provider_id = user_provider_id(user)
    if is_provider_user(user) and provider_id:
        query |= Q(
            pk__in=Proposal.applicants.through.objects.filter(provider_id=provider_id).values(
                "proposal_id"
            )
        )
    region_id = user_region_id(user)
    if is_region_user(user) and region_id:
        query |= Q(filing_region=region_id)
    municipality_id = user_municipality_id(user)
    if is_portfolio_holder(user) and municipality_id:
        query |= Q(
            fund__region__in=Municipality.objects.filter(pk=municipality_id).values("region")
        ) & ~Q(status=Proposal.Status.DRAFT)
    if is_coordinator(user) and municipality_id:
        query |= Q(fund__coordinating_municipality=municipality_id) & ~Q(
            status=Proposal.Status.DRAFT
        )
    return query


def proposals_visible_q(user) -> Q:
    """The proposals `user` may see, as a filter (_visibility)."""
    return _visibility(user)


def proposals_visible_to(user) -> QuerySet[Proposal]:
    return Proposal.objects.filter(_visibility(user))


def proposal_fund_candidates(user) -> QuerySet[Fund]:
    """The funds in which the user may be able to file a proposal (the list page's buttons), by
    term: a superset of proposals.create_proposal narrowed in SQL, so that the page asks the rule
    only of these and not of every fund of the installation. Must cover
    proposals.permissions.fund_manager | may_file_in_fund."""
    return Fund.objects.filter(_fund_candidates_q(user)).order_by("term_start", "pk")


def _fund_candidates_q(user) -> Q:
    """proposal_fund_candidates as a filter."""
    if user.is_superuser:
        return Q()
    query = staff_funds_q(user)  # fund_manager of a regional fund: TWO staff of its managing office
    municipality_id = user_municipality_id(user)
    if (
        is_coordinator(user) and municipality_id
    ):  # fund_manager of a SPUK: its coordinating municipality
        query |= Q(kind=Fund.Kind.SPUK, coordinating_municipality=municipality_id)
    if is_provider_user(user) and user_provider_id(
        user
    ):  # may_file_in_fund: a provider, any other fund
        query |= ~Q(kind=Fund.Kind.SPUK)
    if is_region_user(user) and user_region_id(
        user
    ):  # may_file_in_fund: a region, a SPUK (of its landsdeel)
        query |= Q(kind=Fund.Kind.SPUK)
    return query


def proposal_list_funds(user) -> tuple[list[Fund], list[Fund]]:
    """The list page's two lists of funds, read in one query: the funds in which the user may be
    able to file (proposal_fund_candidates, in its order) and the funds the filter offers
    (funds_visible_to, in its order; none for an aanbieder, who sees proposals, not funds). The
    funds carry what the page and the create_proposal rule read: no related rows."""
    candidates_q = _fund_candidates_q(user)
    if user.is_superuser:
        offered_q = Q()
    elif user_provider_id(user):
        offered_q = Q(pk__in=[])
    else:
        offered_q = funds_visible_q(user)
    funds = Fund.objects.filter(candidates_q | offered_q).order_by("term_start", "name", "pk")
    if candidates_q == offered_q:  # TWO staff: the funds they manage are the funds they see
        funds = list(funds)
        return sorted(funds, key=_candidate_order), funds
    funds = list(
        funds.annotate(
            is_candidate=ExpressionWrapper(candidates_q, output_field=BooleanField()),
            is_offered=ExpressionWrapper(offered_q, output_field=BooleanField()),
        )
    )
    candidates = sorted((f for f in funds if f.is_candidate), key=_candidate_order)
    return candidates, [f for f in funds if f.is_offered]


def _candidate_order(fund: Fund) -> tuple:
    """proposal_fund_candidates' order (term_start, pk): a date and an id sort the same in Python
    as in SQL. The filter's order has the name, which only the database sorts as it sorts names."""
    return (fund.term_start, fund.pk)


class CellsMask(ModelSQL):
    """The matrix of the proposal whose id is the argument (an outer column), as one number in the
    query of its row: the sum of each cell's rules.matrix_cell_bit (the constraints
    matrix_cell_unique and the two ranges keep each cell once and in 1-3, so the sum is the OR of
    nine bits; 3 is the matrix's columns, as in rules.matrix_cell_bit), NULL without cells;
    rules.matrix_cells_of_mask reads it back."""

    model = MatrixCell
    sql = "(SELECT SUM(1 << (({row} - 1) * 3 + {column} - 1)) FROM {table} WHERE {proposal} = {0})"
    output_field = IntegerField()


class RequestedTotal(ModelSQL):
    """What the proposal whose id is the argument (an outer column) asks in all, over its years;
    NULL without requested amounts."""

    model = RequestedAmount
    sql = "(SELECT SUM({amount}) FROM {table} WHERE {proposal} = {0})"
    output_field = DecimalField(**{k: MONEY[k] for k in ("max_digits", "decimal_places")})


def cells_mask(proposal: str = "pk") -> CellsMask:
    """CellsMask of the proposal that the query's field `proposal` names."""
    return CellsMask(F(proposal))


PROPOSAL_LIST_COLUMNS = (
    "pk",
    "reference",
    "title",
    "status",
    "fund__name",
    "fund__kind",
    "filing_region__name",
    "requested_total",
    "cells_mask",
)


class ProposalList:
    """The proposal list for a Paginator: it counts on the plain filter (an indexed COUNT, without
    the joins for the shown columns) and slices value tuples of PROPOSAL_LIST_COLUMNS, newest first."""

    ordered = True

    def __init__(self, proposals: QuerySet[Proposal]):
        self.proposals = proposals

    def count(self) -> int:
        return self.proposals.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        # correlated subqueries, not a JOIN + GROUP BY over every proposal before the page is cut
        return (
            self.proposals.annotate(
                requested_total=RequestedTotal(F("pk")), cells_mask=cells_mask()
            )
            .order_by("-created_at", "-pk")
            .values_list(*PROPOSAL_LIST_COLUMNS)[key]
        )


PROPOSAL_SEARCH_FIELDS = (
    "reference",
    "title",
    "fund__name",
    "applicants__name",
    "filing_region__name",
)


def proposal_list(
    user, *, fund: Fund | None = None, status: str | None = None, query: str = ""
) -> ProposalList:
    """The proposals a user may see, for the list page: paginate it and pass the page to
    proposal_list_rows. No model instances: the page shows a few columns of 50 rows. `query` searches
    number, title, fund, applicant and filing region (core.search)."""
    proposals = search(proposals_visible_to(user), query, PROPOSAL_SEARCH_FIELDS)
    if fund is not None:
        proposals = proposals.filter(fund=fund)
    if status:
        proposals = proposals.filter(status=status)
    return ProposalList(proposals)


@dataclass
class ProposalListRow:
    pk: int
    reference: str
    title: str
    status: str
    fund_name: str
    is_spuk: bool
    filing_region: str | None
    requested_total: Decimal | None
    applicants: list[str]
    matrix_ok: bool


def proposal_list_rows(page_values) -> list[ProposalListRow]:
    """One page of proposal_list as rows, with applicant names (one query) and the matrix rule
    (from the page's cells_mask)."""
    values = list(page_values)
    ids = [v[0] for v in values]
    applicants: dict[int, list[str]] = {}
    for proposal_id, name in (
        Proposal.applicants.through.objects.filter(proposal_id__in=ids)
        .order_by("provider__name", "provider_id")
        .values_list("proposal_id", "provider__name")
    ):
        applicants.setdefault(proposal_id, []).append(name)
    return [
        ProposalListRow(
            pk,
            reference,
            title,
            status,
            fund_name,
            fund_kind == Fund.Kind.SPUK,
            region,
            requested,
            applicants.get(pk, []),
            matrix_rule_ok(matrix_cells_of_mask(mask)),
        )
        for pk, reference, title, status, fund_name, fund_kind, region, requested, mask in values
    ]


def proposal_detail(pk: int) -> Proposal:
    return (
        Proposal.objects.select_related("fund", "filing_region", "decision", "ambassador_advice")
        .prefetch_related(
            "applicants",
            "work_regions",
            "cells",
            "requested_amounts",
            Prefetch("goals", queryset=Goal.objects.prefetch_related("indicators")),
            "attachments",
            Prefetch("transitions", queryset=Transition.objects.select_related("user")),
            "screening_items",
            "criterion_answers",
            Prefetch("region_consents", queryset=RegionConsent.objects.select_related("region")),
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting")),
            Prefetch("awards", queryset=Award.objects.prefetch_related("letters")),
            "decision__rejection_letters",
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class CriterionRow:
    """One criterion of the proposal's fund with the applicant's answer and (SPUK) the verdict."""

    criterion: Criterion
    answer: CriterionAnswer | None
    screening: ScreeningItem | None


def criteria_rows(proposal: Proposal) -> list[CriterionRow]:
    """Every criterion of the fund in the order of its list; reads the prefetched answers and
    screening items of proposal_detail, so the page costs no extra query."""
    answers = {a.criterion: a for a in proposal.criterion_answers.all()}
    verdicts = {i.criterion: i for i in proposal.screening_items.all()} if proposal.is_spuk else {}
    return [
        CriterionRow(c, answers.get(c.key), verdicts.get(c.key))
        for c in criteria_for(proposal.fund.kind)
    ]


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
    return MatrixGrid(
        list(MATRIX_COLUMNS.values()),
        rows,
        matrix_rule_ok(cells),
        matrix_rule_problem(cells),
        applies,
    )
