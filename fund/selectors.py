"""Reads of the fund app. The page, the XLSX, the CSV and the CLI use the same selector."""

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import connections
from django.db.models import (
    BigIntegerField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Round

from core.expressions import ModelSQL
from core.models import Municipality
from core.permissions import (
    is_coordinator,
    is_portfolio_holder,
    is_region_user,
    staff_funds_q,
    user_municipality_id,
    user_region_id,
)
from fund.allocation import AllocationError, split_pro_rata
from fund.exceptions import FundError
from fund.models import (
    BudgetAmount,
    BudgetCircular,
    Contribution,
    Fund,
    ParticipationRule,
    Tranche,
    TrancheEvent,
)


def funds_visible_q(user) -> Q:
    """Who sees a fund, the one rule (fund.permissions.sees_fund is derived from it): TWO staff the
    funds their organisations manage; a portefeuillehouder the funds of its municipality's region;
    the coordinating municipality the funds it coordinates; a jeugdhulpregio its region's funds and
    the SPUK of its landsdeel. The superuser (the installation's administrator) sees every fund.
    Along foreign keys and subqueries only, so a fund is never repeated and the list needs no
    DISTINCT."""
    if user.is_superuser:
        return Q()
    query = staff_funds_q(user)
    municipality_id = user_municipality_id(user)
    if is_portfolio_holder(user) and municipality_id:
        query |= Q(region__in=Municipality.objects.filter(pk=municipality_id).values("region"))
    if is_coordinator(user) and municipality_id:
        query |= Q(coordinating_municipality=municipality_id)
    region = user.profile.region if is_region_user(user) and user_region_id(user) else None
    if region is not None:
        query |= Q(region=region) | Q(kind=Fund.Kind.SPUK, landsdeel=region.landsdeel)
    return query


def funds_visible_to(user) -> QuerySet[Fund]:
    """The funds `user` sees (funds_visible_q)."""
    funds = Fund.objects.select_related("region", "coordinating_municipality")
    if user.is_superuser:
        return funds
    return funds.filter(funds_visible_q(user))


class TrancheCount(ModelSQL):
    """The number of tranches of fund {0}."""

    model = Tranche
    sql = "(SELECT COUNT(*) FROM {table} WHERE {fund} = {0})"
    output_field = IntegerField()


def fund_list(user) -> QuerySet[Fund]:
    """The fund list page: the funds `user` sees, each with its number of tranches
    (`tranche_count`), in one query."""
    return (
        funds_visible_to(user)
        .annotate(tranche_count=TrancheCount(F("pk")))
        .order_by("term_start", "name")
    )


def counted_budgets(
    *, fund: Fund, circular: BudgetCircular, year: int
) -> dict[Municipality, Decimal]:
    """Per participating municipality the budget that counts for `year` under the fund's rules."""
    municipalities = list(
        Municipality.objects.filter(region=fund.region_id).order_by("name", "cbs_code")
    )
    rules_by_municipality: dict[int, tuple[int, set[int]]] = {}
    for rule in (
        ParticipationRule.objects.filter(fund=fund, from_year__lte=year)
        .order_by("municipality_id", "from_year")
        .prefetch_related("domains")
    ):
        rules_by_municipality[rule.municipality_id] = (
            rule.from_year,
            {d.pk for d in rule.domains.all()},
        )
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for municipality_id, domain_id, amount in BudgetAmount.objects.filter(
        circular=circular, budget_year=year, municipality__region=fund.region_id
    ).values_list("municipality_id", "domain_id", "amount"):
        rule = rules_by_municipality.get(municipality_id)
        if rule is None or domain_id in rule[1]:
            totals[municipality_id] += amount
    return {m: totals.get(m.pk, Decimal(0)) for m in municipalities}


def compute_contributions(
    *, tranche: Tranche, circular: BudgetCircular
) -> dict[Municipality, tuple[Decimal, Decimal]]:
    """Per municipality (counted budget, contribution) for the tranche on `circular`. No writes: the
    one computation that the service saves (fund.services) and the previews show."""
    if not tranche.fund.has_municipal_contributions:
        raise FundError(
            "Dit fonds wordt niet door gemeenten gevuld; er zijn geen bijdragen te berekenen."
        )
    budgets = counted_budgets(fund=tranche.fund, circular=circular, year=tranche.year)
    try:
        amounts = split_pro_rata(tranche.amount.amount, budgets, unit=tranche.unit)
    except AllocationError as exc:
        raise FundError(f"{circular} geeft geen grondslag voor {tranche.year}: {exc}") from exc
    return {m: (budgets[m], amounts[m]) for m in budgets}


@dataclass(frozen=True)
class MunicipalityRef:
    """Enough of a municipality to show it; cheaper than a model instance in big tables."""

    pk: int
    name: str
    cbs_code: str

    def __str__(self) -> str:
        return self.name


@dataclass
class ContributionRow:
    """One municipality's contributions per tranche, held as whole cents (exact, cheap to add)."""

    municipality: MunicipalityRef
    cents: list[int | None]

    @property
    def total_cents(self) -> int:
        return sum(c for c in self.cents if c is not None)

    @property
    def amounts(self) -> list[Decimal | None]:
        return [None if c is None else cents_to_euros(c) for c in self.cents]

    @property
    def total(self) -> Decimal:
        return cents_to_euros(self.total_cents)


@dataclass
class Recalculation:
    """A tranche put on a new circular after it was charged on another: what each municipality
    was charged before (the provisional figures, read back from the contributions' history)."""

    old_basis: BudgetCircular
    at: object
    provisional_cents: dict[int, int]

    @property
    def provisional_total_cents(self) -> int:
        return sum(self.provisional_cents.values())


@dataclass
class ContributionTable:
    fund: Fund
    tranches: list[Tranche]
    rows: list[ContributionRow] = field(default_factory=list)
    totals_cents: list[int] = field(default_factory=list)
    # column index -> the tranche's last recalculation (only recalculated years)
    recalculations: dict[int, Recalculation] = field(default_factory=dict)

    def provisional_cents(self, row: ContributionRow, index: int) -> int | None:
        return self.recalculations[index].provisional_cents.get(row.municipality.pk)

    def difference_cents(self, row: ContributionRow, index: int) -> int:
        return (row.cents[index] or 0) - (self.provisional_cents(row, index) or 0)

    @property
    def columns(self) -> list[tuple[int, Tranche, Recalculation | None]]:
        return [(i, t, self.recalculations.get(i)) for i, t in enumerate(self.tranches)]

    @property
    def totals(self) -> list[Decimal]:
        return [cents_to_euros(c) for c in self.totals_cents]

    @property
    def grand_total(self) -> Decimal:
        return cents_to_euros(sum(self.totals_cents))


def fetch_plain(queryset: QuerySet) -> list[tuple]:
    """The rows of a values_list() queryset as the driver returns them: the ORM writes the SQL,
    but no per-cell converters run. Only for columns that need none (ints, text)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def cents_to_euros(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


# Amounts are stored with two places; SQLite returns them as floats, so round, never truncate.
_CENTS = Cast(Round(F("amount") * 100), BigIntegerField())


def fund_contribution_table(fund: Fund) -> ContributionTable:
    """Municipality x year: what each municipality pays per tranche, with totals. Two queries.

    Reads whole cents as integers, not model instances or Django's per-cell Decimal conversion:
    at national scale (342 municipalities x years) those cost more than the query itself. Sums of
    integer cents are exact. (Pivoting in SQL with SUM(CASE ...) per tranche was slower on SQLite.)
    """
    tranches = list(fund.tranches.select_related("basis").order_by("year"))
    column = {t.pk: i for i, t in enumerate(tranches)}
    width = len(tranches)
    rows: dict[int, ContributionRow] = {}
    totals = [0] * width
    cells = (
        Contribution.objects.filter(tranche__fund=fund)
        .order_by("municipality__name", "municipality__cbs_code")
        .values_list(
            "tranche_id", "municipality_id", "municipality__name", "municipality__cbs_code", _CENTS
        )
    )
    for tranche_id, municipality_id, name, cbs_code, cents in fetch_plain(cells):
        row = rows.get(municipality_id)
        if row is None:
            row = rows[municipality_id] = ContributionRow(
                MunicipalityRef(municipality_id, name, cbs_code), [None] * width
            )
        i = column[tranche_id]
        row.cents[i] = cents
        totals[i] += cents
    by_tranche = recalculations([t.pk for t in tranches])
    return ContributionTable(
        fund=fund,
        tranches=tranches,
        rows=list(rows.values()),
        totals_cents=totals,
        recalculations={column[pk]: r for pk, r in by_tranche.items()},
    )


def recalculations(tranche_ids: list[int]) -> dict[int, Recalculation]:
    """Per tranche that was put on a new circular after its contributions were computed: the old
    basis and what each municipality was charged on it, as the contributions' history holds it
    just before the (last) recalculation. Two queries, or one when no tranche was recalculated."""
    last: dict[int, TrancheEvent] = {}
    for event in (
        TrancheEvent.objects.filter(
            tranche_id__in=tranche_ids, kind=TrancheEvent.Kind.REBASED, old_basis__isnull=False
        )
        .select_related("old_basis")
        .order_by("at", "pk")
    ):
        last[event.tranche_id] = event
    if not last:
        return {}
    history = (
        Contribution.history.filter(
            tranche_id__in=list(last), history_date__lt=max(e.at for e in last.values())
        )
        .order_by("history_date", "history_id")
        .values_list("tranche_id", "id", "municipality_id", "history_type", "history_date", _CENTS)
    )
    before: dict[int, dict[int, tuple[int, int | None]]] = defaultdict(dict)
    for tranche_id, contribution_id, municipality_id, kind, when, cents in history:
        if when < last[tranche_id].at:  # the latest state of each contribution before the event
            before[tranche_id][contribution_id] = (
                municipality_id,
                None if kind == "-" else int(cents),
            )
    return {
        tranche_id: Recalculation(
            old_basis=event.old_basis,
            at=event.at,
            provisional_cents={m: c for m, c in before[tranche_id].values() if c is not None},
        )
        for tranche_id, event in last.items()
    }


@dataclass
class RecalculationRow:
    municipality: Municipality
    counted_budget: Decimal
    current: Decimal
    new: Decimal

    @property
    def difference(self) -> Decimal:
        return self.new - self.current


@dataclass
class RecalculationPreview:
    tranche: Tranche
    circular: BudgetCircular
    rows: list[RecalculationRow]

    @property
    def total_current(self) -> Decimal:
        return sum((r.current for r in self.rows), Decimal(0))

    @property
    def total_new(self) -> Decimal:
        return sum((r.new for r in self.rows), Decimal(0))

    @property
    def total_difference(self) -> Decimal:
        return self.total_new - self.total_current


def tranche_split_on(*, tranche: Tranche, circular: BudgetCircular) -> ContributionTable:
    """The split of one tranche on `circular`, as a one-column table (for the CLI's --basis).
    Definitive only on the tranche's own basis once it is definitive; on any other circular (the
    provisional basis it had, or a circular it may get) the split is provisional."""
    computed = compute_contributions(tranche=tranche, circular=circular)
    shown = copy.copy(tranche)
    if circular.pk != tranche.basis_id:
        shown.status, shown.basis = Tranche.Status.PROVISIONAL, circular
    rows = [
        ContributionRow(MunicipalityRef(m.pk, m.name, m.cbs_code), [int(amount.scaleb(2))])
        for m, (_, amount) in computed.items()
    ]
    return ContributionTable(
        fund=tranche.fund, tranches=[shown], rows=rows, totals_cents=[sum(r.cents[0] for r in rows)]
    )


def tranche_recalculation_preview(
    *, tranche: Tranche, circular: BudgetCircular
) -> RecalculationPreview:
    new = compute_contributions(tranche=tranche, circular=circular)
    current = {c.municipality_id: c.amount.amount for c in tranche.contributions.all()}
    rows = [
        RecalculationRow(m, budget, current.get(m.pk, Decimal(0)), amount)
        for m, (budget, amount) in new.items()
    ]
    return RecalculationPreview(tranche=tranche, circular=circular, rows=rows)


class WeighingTranche(ModelSQL):
    """The id of the tranche whose basis weighs votes about a year, for the fund and the year that
    are the arguments: the tranche of that year, else the nearest, the later one on a tie."""

    model = Tranche
    sql = "(SELECT {id} FROM {table} WHERE {fund} = {0} ORDER BY ABS({year} - {1}), {year} DESC LIMIT 1)"
    output_field = IntegerField()


def weighing_tranche(*, fund_id: int, year: int) -> WeighingTranche:
    """WeighingTranche of the fund and the year, to filter on (tranche_id=...): one expression in
    the query that uses it."""
    return WeighingTranche(Value(fund_id), Value(year))


def municipality_weights(*, fund: Fund, year: int) -> dict[int, Fraction]:
    """Each municipality's share in the budget basis the fund uses for `year` (for voting).

    The counted budgets of the tranche's contributions are the basis, so Alphen aan den Rijn and
    Kaag en Braassem weigh with their counted part only. One query.
    """
    budgets = dict(
        Contribution.objects.filter(tranche_id=weighing_tranche(fund_id=fund.pk, year=year))
        .order_by()
        .values_list("municipality_id", "counted_budget")
    )
    total = sum(budgets.values(), Decimal(0))
    if not total:
        return {}
    return {m: Fraction(b) / Fraction(total) for m, b in budgets.items()}


@dataclass
class ChangeRow:
    at: object
    user: object
    kind: str
    subject: str
    change: str


def fund_change_log(fund: Fund, limit: int = 300) -> list[ChangeRow]:
    """Who changed what on the fund, its tranches and participation rules (simple_history)."""
    rows: list[ChangeRow] = []
    kinds = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}

    def add(records, subject):
        previous = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            key = record.id
            old = previous.get(key)
            if old is None:
                change = ""
            else:
                delta = record.diff_against(old)
                change = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in delta.changes)
            previous[key] = record
            rows.append(
                ChangeRow(
                    record.history_date,
                    record.history_user,
                    kinds.get(record.history_type, record.history_type),
                    subject(record),
                    change,
                )
            )

    add(Fund.history.filter(id=fund.pk).select_related("history_user"), lambda r: "Fonds")
    add(
        Tranche.history.filter(fund_id=fund.pk).select_related("history_user"),
        lambda r: f"Tranche {r.year}",
    )
    add(
        ParticipationRule.history.filter(fund_id=fund.pk).select_related(
            "history_user", "municipality"
        ),
        lambda r: f"Deelnameregel {r.municipality} vanaf {r.from_year}",
    )
    rows.sort(key=lambda r: r.at, reverse=True)
    return rows[:limit]
