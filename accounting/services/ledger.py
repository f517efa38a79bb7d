"""The journal itself: posting balanced entries, the fund's and an award's or grant's open
amounts, manual bookings and reversals, and the money coming in (contributions, recalculation,
budget exchange between years)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from accounting.exceptions import (
    AccountingError,
    FundOverdrawn,
    PaymentExceedsAward,
    UnbalancedEntry,
)
from accounting.models import (
    PAYMENT_KINDS,
    Account,
    EntryKind,
    FundMeans,
    JournalEntry,
    JournalLine,
    SpukBudgetLine,
)
from accounting.selectors.ledger import fund_year_figures
from allocations.models import BudgetRequest
from core.models import Municipality
from core.templatetags.nl import format_date, format_euro
from fund import services as fund_services
from fund.models import BudgetCircular, Fund, Tranche
from proposals.models import Award

ZERO = Decimal(0)
A = Account.Code


@dataclass(frozen=True)
class Line:
    account: str
    amount: Decimal
    year: int
    municipality: Municipality | int | None = None
    award: object | None = None
    budget_line: SpukBudgetLine | None = None
    budget_request: object | None = None


def _accounts(codes) -> dict[str, Account]:
    """The accounts by code; the chart is created by a migration, and again after a test flush."""
    codes = set(codes)
    found = {a.code: a for a in Account.objects.filter(code__in=codes)}
    for code in codes - set(found):
        found[code] = Account.objects.create(code=code, name=A(code).label, kind=_KIND[code])
    return found


def chart_of_accounts() -> dict[str, Account]:
    """Every account of the chart by code (made again if a test flush removed the migration's rows)."""
    return _accounts(A.values)


_KIND = {
    A.BANK: "asset",
    A.RECEIVABLE: "asset",
    A.INCOME: "income",
    A.COMMITMENTS: "liability",
    A.PROJECT_COSTS: "expense",
    A.DIRECT_COSTS: "expense",
}


def _post(
    *,
    fund: Fund,
    kind: str,
    lines: list[Line],
    description: str,
    user,
    booked_on: dt.date | None = None,
    reverses: JournalEntry | None = None,
    accounts: dict[str, int] | None = None,
) -> JournalEntry:
    """Book `lines` as one entry of `fund`; `accounts`, the ids of the lines' accounts by code,
    when the caller read them already (payment_make)."""
    if len(lines) < 2:
        raise UnbalancedEntry("Een boeking heeft minstens twee regels.")
    if any(line.amount == 0 for line in lines):
        raise UnbalancedEntry("Een boekingsregel van € 0,00 heeft geen betekenis.")
    total = sum((line.amount for line in lines), ZERO)
    if total != 0:
        raise UnbalancedEntry(
            f"De boeking is niet in evenwicht: debet en credit verschillen {format_euro(total)}."
        )
    if booked_on is not None:
        _check_booking_date(fund, booked_on)
    if accounts is None:
        accounts = {code: a.pk for code, a in _accounts(line.account for line in lines).items()}
    entry = JournalEntry.objects.create(
        fund=fund,
        kind=kind,
        booked_on=booked_on or timezone.localdate(),
        description=description[:255],
        reverses=reverses,
        created_by=user,
    )
    _insert_lines(entry.pk, lines, accounts)
    return entry


_LINE_FIELDS = (
    "entry",
    "account",
    "amount",
    "amount_currency",
    "year",
    "municipality",
    "award",
    "budget_line",
    "budget_request",
)


def _insert_lines(entry_id: int, lines: list[Line], accounts: dict[str, int]) -> None:
    """An entry's lines in one INSERT. Plain SQL: Django's bulk_create took longer to build its
    statement than the database took to check and store the lines (issue 17: a payment's ratio to
    bare INSERTs). Every rule on a line is the database's (constraints and triggers), so the
    lines are checked as any other INSERT's."""
    meta = JournalLine._meta
    columns = ", ".join(meta.get_field(name).column for name in _LINE_FIELDS)
    row = "(" + ", ".join(["%s"] * len(_LINE_FIELDS)) + ")"
    values = [
        value
        for line in lines
        for value in (
            entry_id,
            accounts[line.account],
            line.amount,
            "EUR",
            line.year,
            getattr(line.municipality, "pk", line.municipality),
            getattr(line.award, "pk", line.award),
            getattr(line.budget_line, "pk", line.budget_line),
            getattr(line.budget_request, "pk", line.budget_request),
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            # names from the model's meta, every value bound
            f"INSERT INTO {meta.db_table} ({columns}) VALUES {', '.join([row] * len(lines))}",  # noqa: S608
            values,
        )


def booking_window(fund: Fund, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days on which money of `fund` can be booked (issue 12): from 1 January of the year before
    its term (contributions may come in before it starts) to 31 December of the year after today or
    after its term, whichever is later (refunds and the settlement come after the term; nothing is
    booked years ahead). 0001-01-01 and 9999-12-31 are outside every fund's window."""
    today = today or timezone.localdate()
    return dt.date(fund.term_start.year - 1, 1, 1), dt.date(
        max(today.year, fund.term_end.year) + 1, 12, 31
    )


def _check_booking_date(fund: Fund, day: dt.date, what: str = "boekdatum") -> None:
    first, last = booking_window(fund)
    if not first <= day <= last:
        raise AccountingError(
            f"De {what} {format_date(day)} kan niet voor {fund}: kies een datum van {format_date(first)} tot en met "
            f"{format_date(last)} (looptijd {format_date(fund.term_start)} t/m {format_date(fund.term_end)}). "
            "Er is niets geboekt."
        )


def _lock_fund(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


def _sum(qs) -> Decimal:
    return (qs.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(Decimal("0.01"))


def fund_cash_position(fund: Fund) -> Decimal:
    """What the fund received plus what it may still receive, minus what it paid out: the running
    total the database keeps of the fund's bank and receivable lines (FundMeans), one row to read
    however long the journal grows."""
    amount = FundMeans.objects.filter(fund=fund).values_list("amount", flat=True).first()
    return (amount or ZERO).quantize(Decimal("0.01"))


def award_outstanding(award) -> Decimal:
    """The committed amount of an award that has not been paid yet."""
    return -_sum(JournalLine.objects.filter(award=award, account__code=A.COMMITMENTS))


def award_paid_net(award) -> Decimal:
    return -_sum(JournalLine.objects.filter(award=award, account__code=A.BANK))


def grant_outstanding(budget_request) -> Decimal:
    """The committed amount of a provider's granted PxQ budget that is neither paid nor released."""
    return -_sum(
        JournalLine.objects.filter(budget_request=budget_request, account__code=A.COMMITMENTS)
    )


def grant_committed(budget_request) -> Decimal:
    """What the books committed when TWO granted the request (net of nothing: a grant is final)."""
    return -_sum(
        JournalLine.objects.filter(
            budget_request=budget_request,
            account__code=A.COMMITMENTS,
            entry__kind=EntryKind.AWARD_COMMITTED,
        )
    )


def _grant_label(budget_request) -> str:
    return f"het budget van {budget_request.provider} (PxQ-aanvraag {budget_request.pk})"


def _check_fund(fund: Fund) -> None:
    position = fund_cash_position(fund)
    if position < 0:
        raise FundOverdrawn(
            f"{fund} zou dan {format_euro(-position)} meer uitbetalen dan het ontvangen heeft en nog "
            f"kan ontvangen. Er is niets geboekt."
        )


def _check_award(award) -> None:
    outstanding = award_outstanding(award)
    if outstanding < 0:
        raise PaymentExceedsAward(
            f"Dan zou aan {award.number} {format_euro(-outstanding)} meer betaald zijn dan is toegekend. Er is niets geboekt."
        )


def _check_grant(budget_request) -> None:
    outstanding = grant_outstanding(budget_request)
    if outstanding < 0:
        raise PaymentExceedsAward(
            f"Dan zou aan {_grant_label(budget_request)} {format_euro(-outstanding)} meer betaald of vrijgevallen zijn "
            f"dan is toegekend. Er is niets geboekt."
        )


def _check_grants(budget_request_ids) -> None:
    for budget_request in BudgetRequest.objects.filter(
        pk__in=set(budget_request_ids)
    ).select_related("provider"):
        _check_grant(budget_request)


@transaction.atomic
def entry_post(
    *, fund: Fund, kind: str, lines: list[Line], description: str, user, booked_on=None
) -> JournalEntry:
    """A manual booking (e.g. a correction). The fund and award limits still hold afterwards."""
    fund = _lock_fund(fund)
    entry = _post(
        fund=fund, kind=kind, lines=lines, description=description, user=user, booked_on=booked_on
    )
    _check_fund(fund)
    for award in {line.award for line in lines if line.award is not None}:
        _check_award(award)
    _check_grants(
        getattr(line.budget_request, "pk", line.budget_request)
        for line in lines
        if line.budget_request
    )
    return entry


@transaction.atomic
def entry_reverse(*, entry: JournalEntry, user, reason: str, booked_on=None) -> JournalEntry:
    """Correct a mistake: a new entry with every line negated. The original stays as it was."""
    fund = _lock_fund(entry.fund)
    entry = JournalEntry.objects.select_related("fund").get(pk=entry.pk)
    if not reason.strip():
        raise AccountingError("Geef een reden voor de tegenboeking.")
    if entry.kind == EntryKind.SETTLEMENT:
        raise AccountingError(
            "Een vastgestelde afrekening is definitief en wordt niet tegengeboekt."
        )
    if entry.reverses_id is not None:
        raise AccountingError(
            "Dit is zelf een tegenboeking; boek de oorspronkelijke post opnieuw als dat nodig is."
        )
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise AccountingError("Deze boeking is al tegengeboekt.")
    if (
        entry.kind not in PAYMENT_KINDS
        and entry.lines.filter(budget_request__isnull=False).exists()
    ):
        # the provider's budget (allocations.BudgetLine) is final; the books must keep committing it.
        # A payment to a provider is corrected like any payment: by its reversal.
        if entry.kind == EntryKind.COMMITMENT_RELEASED:
            raise AccountingError(
                "De vrijval van een aanbiedersbudget (PxQ) is definitief en wordt niet tegengeboekt; "
                "het vrijgevallen geld is weer vrij besteedbaar."
            )
        raise AccountingError(
            "De toekenning van een aanbiedersbudget (PxQ) is definitief en wordt niet tegengeboekt."
        )
    lines = [
        Line(
            line.account.code,
            -line.amount.amount,
            line.year,
            line.municipality_id,
            line.award_id,
            line.budget_line_id,
            line.budget_request_id,
        )
        for line in entry.lines.select_related("account")
    ]
    reversal = _post(
        fund=fund,
        kind=entry.kind,
        lines=lines,
        user=user,
        booked_on=booked_on,
        reverses=entry,
        description=f"Tegenboeking van #{entry.pk}: {reason}",
    )
    _check_fund(fund)

    for award in Award.objects.filter(pk__in={line.award for line in lines if line.award}):
        _check_award(award)
    _check_grants(line.budget_request for line in lines if line.budget_request)
    return reversal


# -- money in -----------------------------------------------------------------------------


@transaction.atomic
def contributions_charge(
    *, tranche: Tranche, user, booked_on=None, description: str = ""
) -> JournalEntry | None:
    """Charge every municipality what its contribution says (or the difference with what was
    charged before, after a recalculation). A SPUK tranche is charged to the state as one line."""
    fund = _lock_fund(tranche.fund)
    charged = dict(
        JournalLine.objects.filter(
            entry__fund=fund,
            entry__kind=EntryKind.CONTRIBUTION_CHARGED,
            year=tranche.year,
            account__code=A.RECEIVABLE,
        )
        .values("municipality_id")
        .annotate(total=Sum("amount"))
        .values_list("municipality_id", "total")
    )
    charged = {m: t.quantize(Decimal("0.01")) for m, t in charged.items()}
    if fund.has_municipal_contributions:
        wanted = {c.municipality_id: c.amount.amount for c in tranche.contributions.all()}
    else:
        wanted = {None: tranche.amount.amount}
    lines = []
    for municipality_id in sorted(set(wanted) | set(charged), key=lambda m: m or 0):
        difference = wanted.get(municipality_id, ZERO) - charged.get(municipality_id, ZERO)
        if difference:
            lines.append(Line(A.RECEIVABLE, difference, tranche.year, municipality_id))
            lines.append(Line(A.INCOME, -difference, tranche.year, municipality_id))
    if not lines:
        return None
    entry = _post(
        fund=fund,
        kind=EntryKind.CONTRIBUTION_CHARGED,
        lines=lines,
        user=user,
        booked_on=booked_on,
        description=description or f"Bijdragen {tranche.year} in rekening gebracht",
    )
    _check_fund(fund)
    return entry


@transaction.atomic
def tranche_recalculate_definitive(
    *, tranche: Tranche, circular: BudgetCircular, user, booked_on=None, note: str = ""
) -> JournalEntry | None:
    """seed 002 besluitpunt 3b: a provisional year becomes definitive on a later May circular.
    Recompute the year on it, make it definitive and, if the year was charged already, book per
    municipality the difference against what was charged: an extra charge or a refund (the
    tranche's amount stays the same, so the differences add up to zero). The contributions'
    history keeps the provisional figures."""
    fund = _lock_fund(tranche.fund)
    tranche = fund_services.tranche_rebase(tranche=tranche, circular=circular, user=user, note=note)
    tranche = fund_services.tranche_make_definitive(tranche=tranche, user=user, note=note)
    was_charged = JournalLine.objects.filter(
        entry__fund=fund, entry__kind=EntryKind.CONTRIBUTION_CHARGED, year=tranche.year
    ).exists()
    if not was_charged:
        return None  # charged later on the definitive figures, as usual
    return contributions_charge(
        tranche=tranche,
        user=user,
        booked_on=booked_on,
        description=(
            f"Herberekening {tranche.year} op {circular}: bijbetaling of terugbetaling per gemeente"
        ),
    )


@transaction.atomic
def contribution_receive(
    *,
    fund: Fund,
    year: int,
    municipality: Municipality | None,
    amount: Decimal,
    user,
    booked_on=None,
) -> JournalEntry:
    fund = _lock_fund(fund)
    if amount <= 0:
        raise AccountingError("Het ontvangen bedrag moet groter dan nul zijn.")
    open_amount = _sum(
        JournalLine.objects.filter(
            entry__fund=fund,
            account__code=A.RECEIVABLE,
            year=year,
            municipality=municipality,
        )
    )
    if amount > open_amount:
        who = municipality or "het Rijk"
        raise AccountingError(
            f"Van {who} staat voor {year} nog {format_euro(open_amount)} open; {format_euro(amount)} is meer dan dat."
        )
    return _post(
        fund=fund,
        kind=EntryKind.CONTRIBUTION_RECEIVED,
        user=user,
        booked_on=booked_on,
        description=f"Bijdrage {year} ontvangen van {municipality or 'het Rijk'}",
        lines=[
            Line(A.BANK, amount, year, municipality),
            Line(A.RECEIVABLE, -amount, year, municipality),
        ],
    )


@transaction.atomic
def budget_exchange(
    *,
    fund: Fund,
    from_year: int,
    to_year: int,
    amount: Decimal,
    user,
    note: str = "",
    booked_on=None,
) -> JournalEntry:
    """seed 002 §3.2.6: budget may be exchanged between the years of the fund."""
    fund = _lock_fund(fund)
    if from_year == to_year:
        raise AccountingError("Kies twee verschillende jaren.")
    if amount <= 0:
        raise AccountingError("Het bedrag moet groter dan nul zijn.")
    years = {row.year: row for row in fund_year_figures(fund)}
    for year in (from_year, to_year):
        if not fund.term_start.year <= year <= fund.term_end.year:
            raise AccountingError(f"{year} valt buiten de looptijd van {fund}.")
    free = years[from_year].remaining if from_year in years else ZERO
    if amount > free:
        raise AccountingError(
            f"In {from_year} is nog {format_euro(free)} vrij; {format_euro(amount)} kan niet naar {to_year}."
        )
    return _post(
        fund=fund,
        kind=EntryKind.BUDGET_EXCHANGE,
        user=user,
        booked_on=booked_on,
        description=f"Budget van {from_year} naar {to_year}" + (f": {note}" if note else ""),
        lines=[Line(A.INCOME, amount, from_year), Line(A.INCOME, -amount, to_year)],
    )
