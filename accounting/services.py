"""Every write of the books: one function per use case, atomic, with a named actor.

Before any check on money left, the fund row is locked (select_for_update), so two payments
at the same moment cannot both pass the check.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from djmoney.money import Money

from accounting.exceptions import (
    AccountingError,
    DivisionError,
    FundOverdrawn,
    PaymentExceedsAward,
    SettlementError,
    UnbalancedEntry,
)
from accounting.models import (
    MAX_WAITING_JOBS,
    PAYMENT_KINDS,
    Account,
    BudgetPart,
    EntryKind,
    IndicatorResult,
    JournalEntry,
    JournalLine,
    RegionReport,
    ReportJob,
    Settlement,
    SettlementGroup,
    SettlementLine,
    SpukBudgetDivision,
    SpukBudgetLine,
    SpukExplanation,
    VacationFee,
)
from core.models import Municipality
from core.templatetags.nl import format_date, format_euro
from fund import services as fund_services
from fund.models import BudgetCircular, Fund, Tranche

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
    A.BANK: "asset", A.RECEIVABLE: "asset", A.INCOME: "income", A.COMMITMENTS: "liability",
    A.PROJECT_COSTS: "expense", A.DIRECT_COSTS: "expense",
}


def _post(*, fund: Fund, kind: str, lines: list[Line], description: str, user, booked_on: dt.date | None = None,
          reverses: JournalEntry | None = None) -> JournalEntry:
    if len(lines) < 2:
        raise UnbalancedEntry("Een boeking heeft minstens twee regels.")
    if any(line.amount == 0 for line in lines):
        raise UnbalancedEntry("Een boekingsregel van € 0,00 heeft geen betekenis.")
    total = sum((line.amount for line in lines), ZERO)
    if total != 0:
        raise UnbalancedEntry(f"De boeking is niet in evenwicht: debet en credit verschillen {format_euro(total)}.")
    if booked_on is not None:
        _check_booking_date(fund, booked_on)
    accounts = _accounts(line.account for line in lines)
    entry = JournalEntry.objects.create(
        fund=fund, kind=kind, booked_on=booked_on or timezone.localdate(), description=description[:255],
        reverses=reverses, created_by=user,
    )
    JournalLine.objects.bulk_create(
        JournalLine(
            entry=entry, account=accounts[line.account], amount=Money(line.amount, "EUR"), year=line.year,
            municipality_id=getattr(line.municipality, "pk", line.municipality),
            award_id=getattr(line.award, "pk", line.award),
            budget_line_id=getattr(line.budget_line, "pk", line.budget_line),
            budget_request_id=getattr(line.budget_request, "pk", line.budget_request),
        )
        for line in lines
    )
    return entry


def booking_window(fund: Fund, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days on which money of `fund` can be booked (issue 12): from 1 January of the year before
    its term (contributions may come in before it starts) to 31 December of the year after today or
    after its term, whichever is later (refunds and the settlement come after the term; nothing is
    booked years ahead). 0001-01-01 and 9999-12-31 are outside every fund's window."""
    today = today or timezone.localdate()
    return dt.date(fund.term_start.year - 1, 1, 1), dt.date(max(today.year, fund.term_end.year) + 1, 12, 31)


def _check_booking_date(fund: Fund, day: dt.date, what: str = "boekdatum") -> None:
    first, last = booking_window(fund)
    if not first <= day <= last:
        raise AccountingError(
            f"De {what} {format_date(day)} kan niet voor {fund}: kies een datum van {format_date(first)} tot en met "
            f"{format_date(last)} (looptijd {format_date(fund.term_start)} t/m {format_date(fund.term_end)}). "
            "Er is niets geboekt.")


def _lock_fund(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


def _sum(qs) -> Decimal:
    return (qs.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(Decimal("0.01"))


def fund_cash_position(fund: Fund) -> Decimal:
    """What the fund received plus what it may still receive, minus what it paid out."""
    return _sum(JournalLine.objects.filter(entry__fund=fund, account__code__in=[A.BANK, A.RECEIVABLE]))


def award_outstanding(award) -> Decimal:
    """The committed amount of an award that has not been paid yet."""
    return -_sum(JournalLine.objects.filter(award=award, account__code=A.COMMITMENTS))


def award_paid_net(award) -> Decimal:
    return -_sum(JournalLine.objects.filter(award=award, account__code=A.BANK))


def grant_outstanding(budget_request) -> Decimal:
    """The committed amount of a provider's granted PxQ budget that is neither paid nor released."""
    return -_sum(JournalLine.objects.filter(budget_request=budget_request, account__code=A.COMMITMENTS))


def grant_committed(budget_request) -> Decimal:
    """What the books committed when TWO granted the request (net of nothing: a grant is final)."""
    return -_sum(JournalLine.objects.filter(budget_request=budget_request, account__code=A.COMMITMENTS,
                                            entry__kind=EntryKind.AWARD_COMMITTED))


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
    from allocations.models import BudgetRequest

    for budget_request in BudgetRequest.objects.filter(pk__in=set(budget_request_ids)).select_related("provider"):
        _check_grant(budget_request)


@transaction.atomic
def entry_post(*, fund: Fund, kind: str, lines: list[Line], description: str, user, booked_on=None) -> JournalEntry:
    """A manual booking (e.g. a correction). The fund and award limits still hold afterwards."""
    fund = _lock_fund(fund)
    entry = _post(fund=fund, kind=kind, lines=lines, description=description, user=user, booked_on=booked_on)
    _check_fund(fund)
    for award in {line.award for line in lines if line.award is not None}:
        _check_award(award)
    _check_grants(getattr(line.budget_request, "pk", line.budget_request) for line in lines if line.budget_request)
    return entry


@transaction.atomic
def entry_reverse(*, entry: JournalEntry, user, reason: str, booked_on=None) -> JournalEntry:
    """Correct a mistake: a new entry with every line negated. The original stays as it was."""
    fund = _lock_fund(entry.fund)
    entry = JournalEntry.objects.select_related("fund").get(pk=entry.pk)
    if not reason.strip():
        raise AccountingError("Geef een reden voor de tegenboeking.")
    if entry.kind == EntryKind.SETTLEMENT:
        raise AccountingError("Een vastgestelde afrekening is definitief en wordt niet tegengeboekt.")
    if entry.reverses_id is not None:
        raise AccountingError("Dit is zelf een tegenboeking; boek de oorspronkelijke post opnieuw als dat nodig is.")
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise AccountingError("Deze boeking is al tegengeboekt.")
    if entry.kind not in PAYMENT_KINDS and entry.lines.filter(budget_request__isnull=False).exists():
        # the provider's budget (allocations.BudgetLine) is final; the books must keep committing it.
        # A payment to a provider is corrected like any payment: by its reversal.
        if entry.kind == EntryKind.COMMITMENT_RELEASED:
            raise AccountingError("De vrijval van een aanbiedersbudget (PxQ) is definitief en wordt niet tegengeboekt; "
                                  "het vrijgevallen geld is weer vrij besteedbaar.")
        raise AccountingError("De toekenning van een aanbiedersbudget (PxQ) is definitief en wordt niet tegengeboekt.")
    lines = [
        Line(line.account.code, -line.amount.amount, line.year, line.municipality_id, line.award_id, line.budget_line_id,
             line.budget_request_id)
        for line in entry.lines.select_related("account")
    ]
    reversal = _post(fund=fund, kind=entry.kind, lines=lines, user=user, booked_on=booked_on, reverses=entry,
                     description=f"Tegenboeking van #{entry.pk}: {reason}")
    _check_fund(fund)
    from proposals.models import Award

    for award in Award.objects.filter(pk__in={line.award for line in lines if line.award}):
        _check_award(award)
    _check_grants(line.budget_request for line in lines if line.budget_request)
    return reversal


# -- money in -----------------------------------------------------------------------------

@transaction.atomic
def contributions_charge(*, tranche: Tranche, user, booked_on=None, description: str = "") -> JournalEntry | None:
    """Charge every municipality what its contribution says (or the difference with what was
    charged before, after a recalculation). A SPUK tranche is charged to the state as one line."""
    fund = _lock_fund(tranche.fund)
    charged = dict(
        JournalLine.objects.filter(entry__fund=fund, entry__kind=EntryKind.CONTRIBUTION_CHARGED, year=tranche.year,
                                   account__code=A.RECEIVABLE)
        .values("municipality_id").annotate(total=Sum("amount")).values_list("municipality_id", "total")
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
    entry = _post(fund=fund, kind=EntryKind.CONTRIBUTION_CHARGED, lines=lines, user=user, booked_on=booked_on,
                  description=description or f"Bijdragen {tranche.year} in rekening gebracht")
    _check_fund(fund)
    return entry


@transaction.atomic
def tranche_recalculate_definitive(*, tranche: Tranche, circular: BudgetCircular, user, booked_on=None,
                                   note: str = "") -> JournalEntry | None:
    """seed 002 besluitpunt 3b: a provisional year becomes definitive on a later May circular.
    Recompute the year on it, make it definitive and, if the year was charged already, book per
    municipality the difference against what was charged: an extra charge or a refund (the
    tranche's amount stays the same, so the differences add up to zero). The contributions'
    history keeps the provisional figures."""
    fund = _lock_fund(tranche.fund)
    tranche = fund_services.tranche_rebase(tranche=tranche, circular=circular, user=user, note=note)
    tranche = fund_services.tranche_make_definitive(tranche=tranche, user=user, note=note)
    was_charged = JournalLine.objects.filter(entry__fund=fund, entry__kind=EntryKind.CONTRIBUTION_CHARGED,
                                             year=tranche.year).exists()
    if not was_charged:
        return None  # charged later on the definitive figures, as usual
    return contributions_charge(tranche=tranche, user=user, booked_on=booked_on, description=(
        f"Herberekening {tranche.year} op {circular}: bijbetaling of terugbetaling per gemeente"))


@transaction.atomic
def contribution_receive(*, fund: Fund, year: int, municipality: Municipality | None, amount: Decimal, user,
                         booked_on=None) -> JournalEntry:
    fund = _lock_fund(fund)
    if amount <= 0:
        raise AccountingError("Het ontvangen bedrag moet groter dan nul zijn.")
    open_amount = _sum(JournalLine.objects.filter(
        entry__fund=fund, account__code=A.RECEIVABLE, year=year, municipality=municipality,
    ))
    if amount > open_amount:
        who = municipality or "het Rijk"
        raise AccountingError(
            f"Van {who} staat voor {year} nog {format_euro(open_amount)} open; {format_euro(amount)} is meer dan dat."
        )
    return _post(fund=fund, kind=EntryKind.CONTRIBUTION_RECEIVED, user=user, booked_on=booked_on,
                 description=f"Bijdrage {year} ontvangen van {municipality or 'het Rijk'}",
                 lines=[Line(A.BANK, amount, year, municipality), Line(A.RECEIVABLE, -amount, year, municipality)])


@transaction.atomic
def budget_exchange(*, fund: Fund, from_year: int, to_year: int, amount: Decimal, user, note: str = "",
                    booked_on=None) -> JournalEntry:
    """seed 002 §3.2.6: budget may be exchanged between the years of the fund."""
    from accounting.selectors import fund_year_figures

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
        raise AccountingError(f"In {from_year} is nog {format_euro(free)} vrij; {format_euro(amount)} kan niet naar {to_year}.")
    return _post(fund=fund, kind=EntryKind.BUDGET_EXCHANGE, user=user, booked_on=booked_on,
                 description=f"Budget van {from_year} naar {to_year}" + (f": {note}" if note else ""),
                 lines=[Line(A.INCOME, amount, from_year), Line(A.INCOME, -amount, to_year)])


# -- awards and projects ------------------------------------------------------------------

def _spuk_line_for(award) -> SpukBudgetLine | None:
    return (SpukBudgetLine.objects.filter(proposal_id=award.proposal_id, division__year=award.year).first()
            or SpukBudgetLine.objects.filter(proposal_id=award.proposal_id).order_by("-division__year").first())


def _lock_award(award):
    from proposals.models import Award

    award = Award.objects.select_related("proposal__fund").get(pk=award.pk)
    return _lock_fund(award.proposal.fund), award


def award_fits_problem(fund: Fund, *, amount: Decimal, what: str) -> str | None:
    """Why a new commitment of `amount` (an award, a provider's granted budget) does not fit in
    what the fund can still award (selectors.fund_award_room, the one rule), or None when it fits.
    Call with the fund row locked."""
    from accounting.selectors import fund_award_room

    remaining = fund_award_room(fund).remaining
    if amount > remaining:
        return (f"Het fonds kan nog {format_euro(remaining)} toekennen; {what} van {format_euro(amount)} "
                f"past daar niet in.")
    return None


def _check_commitment_fits(fund: Fund, *, amount: Decimal, what: str, then: str) -> None:
    problem = award_fits_problem(fund, amount=amount, what=what)
    if problem:
        raise FundOverdrawn(f"{problem} {then}")


def _award_commit(*, fund: Fund, award, user, booked_on=None) -> JournalEntry:
    """Book the award as a commitment of the fund, in the award's year (award_make calls this)."""
    amount = award.amount.amount
    spuk_line = _spuk_line_for(award) if fund.kind == Fund.Kind.SPUK else None
    return _post(fund=fund, kind=EntryKind.AWARD_COMMITTED, user=user, booked_on=booked_on,
                 description=f"Toekenning {award.number} ({award.proposal.reference})",
                 lines=[Line(A.PROJECT_COSTS, amount, award.year, award=award, budget_line=spuk_line),
                        Line(A.COMMITMENTS, -amount, award.year, award=award, budget_line=spuk_line)])


@transaction.atomic
def award_make(*, user, proposal, year: int, amount: Decimal, period_start: dt.date, period_end: dt.date,
               goals=None, conditions: str = "", report_due: dt.date | None = None,
               advance_percent: int | None = None):
    """Make an award and commit it in the books, in one transaction under one lock of the fund
    (seed 002 §3.2: never more than the fund holds): proposals.services.award_create records the
    award, this books it on the day it is made. An award that does not fit in what the fund can
    still award (selectors.fund_award_room) is refused and nothing is saved."""
    from proposals import services as proposal_services

    fund = _lock_fund(proposal.fund)
    _check_commitment_fits(fund, amount=amount, what="een toekenning", then="Er is niets vastgelegd.")
    award = proposal_services.award_create(
        user=user, proposal=proposal, year=year, amount=amount, period_start=period_start,
        period_end=period_end, goals=goals, conditions=conditions, report_due=report_due,
        advance_percent=advance_percent,
    )
    _award_commit(fund=fund, award=award, user=user)
    return award


@transaction.atomic
def budget_grant_commit(*, budget_request, user, booked_on=None) -> JournalEntry | None:
    """Book what TWO granted on a provider's PxQ request (seed 002 §2.2) as a commitment of the
    request's fund, in the request's year. Called by `allocations.services.budget_request_decide`
    inside its transaction, after the grant's budget lines are written: a refusal here undoes them.

    The same accounts and kind as an award (project costs against commitments), so the fund's
    committed and remaining figures, its settlement and the check on new commitments count
    provider budgets and project awards alike. The amount is the SUM of the request's grant lines,
    so the books and the provider's budget cannot disagree. A transfer between products of one
    provider books nothing: same provider, fund, year and total.
    """
    from allocations.models import BudgetLine, BudgetRequest

    budget_request = BudgetRequest.objects.select_related("provider", "fund").get(pk=budget_request.pk)
    fund = _lock_fund(budget_request.fund)
    amount = _sum(BudgetLine.objects.filter(request_line__request=budget_request, kind=BudgetLine.Kind.GRANT))
    if not amount:
        return None  # rejected: nothing granted, nothing committed
    label = f"PxQ-aanvraag {budget_request.pk} van {budget_request.provider}"
    year = budget_request.year
    if not fund.term_start.year <= year <= fund.term_end.year:
        raise AccountingError(
            f"{label} is voor {year}; dat valt buiten de looptijd van {fund} "
            f"({format_date(fund.term_start)} tot en met {format_date(fund.term_end)}). Er is niets toegekend."
        )
    if JournalLine.objects.filter(budget_request=budget_request, entry__kind=EntryKind.AWARD_COMMITTED).exists():
        raise AccountingError(f"De toekenning op {label} is al als verplichting geboekt.")
    _check_commitment_fits(fund, amount=amount, what=f"de toekenning op {label}", then="Er is niets toegekend.")
    return _post(fund=fund, kind=EntryKind.AWARD_COMMITTED, user=user, booked_on=booked_on,
                 description=f"Toekenning budget {year} {budget_request.provider} (PxQ-aanvraag {budget_request.pk})",
                 lines=[Line(A.PROJECT_COSTS, amount, year, budget_request=budget_request),
                        Line(A.COMMITMENTS, -amount, year, budget_request=budget_request)])


def _lock_budget_request(budget_request):
    """Lock the fund, then the request: the order `allocations.services.budget_request_decide` uses."""
    from allocations.models import BudgetRequest

    fund_id = BudgetRequest.objects.values_list("fund_id", flat=True).get(pk=budget_request.pk)
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    budget_request = BudgetRequest.objects.select_for_update(of=("self",)).select_related("provider").get(
        pk=budget_request.pk)
    return fund, budget_request


def _grant_paid_final(budget_request) -> bool:
    return JournalEntry.objects.filter(kind=EntryKind.PAYMENT_FINAL, lines__budget_request=budget_request,
                                       reverses__isnull=True, reversed_by__isnull=True).exists()


@transaction.atomic
def budget_payment_make(*, budget_request, amount: Decimal, final: bool, user, booked_on=None,
                        note: str = "") -> JournalEntry:
    """A payment to a provider against its granted PxQ budget (seed 002 §2.2): an advance or the
    final payment. Never more than granted minus what was paid or released before, never more
    than the fund received plus may still receive. After the final payment the rest is released,
    so it returns to the fund's free budget (and at settlement to the municipalities)."""
    fund, budget_request = _lock_budget_request(budget_request)
    label = _grant_label(budget_request)
    if amount <= 0:
        raise AccountingError("Het bedrag moet groter dan nul zijn.")
    granted = grant_committed(budget_request)
    if not granted:
        raise AccountingError(f"Op PxQ-aanvraag {budget_request.pk} is niets toegekend; er valt niets te betalen.")
    if _grant_paid_final(budget_request):
        raise PaymentExceedsAward(f"Op {label} is de eindbetaling al gedaan. Er is niets geboekt.")
    outstanding = grant_outstanding(budget_request)
    if amount > outstanding:
        raise PaymentExceedsAward(
            f"Op {label} kan nog ten hoogste {format_euro(outstanding)} worden betaald (toegekend "
            f"{format_euro(granted)}, min wat al betaald of vrijgevallen is); {format_euro(amount)} is te veel. "
            f"Er is niets geboekt."
        )
    position = fund_cash_position(fund)
    if amount > position:
        raise FundOverdrawn(
            f"{fund} heeft ontvangen en nog te ontvangen samen {format_euro(position)} beschikbaar; een betaling van "
            f"{format_euro(amount)} zou meer uitbetalen dan het fonds krijgt. Er is niets geboekt."
        )
    year = budget_request.year
    kind = EntryKind.PAYMENT_FINAL if final else EntryKind.PAYMENT_ADVANCE
    what = "Eindbetaling" if final else "Voorschot"
    entry = _post(fund=fund, kind=kind, user=user, booked_on=booked_on,
                  description=f"{what} budget {year} {budget_request.provider} (PxQ-aanvraag {budget_request.pk})"
                  + (f": {note}" if note else ""),
                  lines=[Line(A.COMMITMENTS, amount, year, budget_request=budget_request),
                         Line(A.BANK, -amount, year, budget_request=budget_request)])
    rest = outstanding - amount
    if final and rest:
        _post(fund=fund, kind=EntryKind.COMMITMENT_RELEASED, user=user, booked_on=booked_on,
              description=f"Vrijval na eindbetaling budget {year} {budget_request.provider} "
                          f"(PxQ-aanvraag {budget_request.pk})",
              lines=[Line(A.COMMITMENTS, rest, year, budget_request=budget_request),
                     Line(A.PROJECT_COSTS, -rest, year, budget_request=budget_request)])
    _check_fund(fund)
    _check_grant(budget_request)
    return entry


@transaction.atomic
def budget_commitment_release(*, budget_request, amount: Decimal, user, reason: str,
                              booked_on=None) -> JournalEntry:
    """Release the part of a provider's granted budget it will not use (e.g. after the year): the
    money is free again in the fund and goes back to the municipalities at settlement. Never more
    than is still committed and unpaid. The provider's budget lines (allocations) stay as granted."""
    fund, budget_request = _lock_budget_request(budget_request)
    label = _grant_label(budget_request)
    if not reason.strip():
        raise AccountingError("Geef een reden voor de vrijval.")
    outstanding = grant_outstanding(budget_request)
    if amount <= 0 or amount > outstanding:
        raise AccountingError(
            f"Van {label} staat nog {format_euro(outstanding)} als verplichting open (toegekend en niet betaald); "
            f"{format_euro(amount)} kan niet vrijvallen. Er is niets geboekt."
        )
    year = budget_request.year
    entry = _post(fund=fund, kind=EntryKind.COMMITMENT_RELEASED, user=user, booked_on=booked_on,
                  description=f"Vrijval budget {year} {budget_request.provider} (PxQ-aanvraag {budget_request.pk}): "
                              f"{reason.strip()}",
                  lines=[Line(A.COMMITMENTS, amount, year, budget_request=budget_request),
                         Line(A.PROJECT_COSTS, -amount, year, budget_request=budget_request)])
    _check_grant(budget_request)
    return entry


@transaction.atomic
def commitment_release(*, award, amount: Decimal, user, reason: str, booked_on=None) -> JournalEntry:
    """What a project will not use goes back to the fund's free budget."""
    fund, award = _lock_award(award)
    outstanding = award_outstanding(award)
    if amount <= 0 or amount > outstanding:
        raise AccountingError(f"Van {award.number} staat {format_euro(outstanding)} als verplichting open.")
    spuk_line = _spuk_line_for(award) if fund.kind == Fund.Kind.SPUK else None
    return _post(fund=fund, kind=EntryKind.COMMITMENT_RELEASED, user=user, booked_on=booked_on,
                 description=f"Vrijval {award.number}: {reason}",
                 lines=[Line(A.COMMITMENTS, amount, award.year, award=award, budget_line=spuk_line),
                        Line(A.PROJECT_COSTS, -amount, award.year, award=award, budget_line=spuk_line)])


@transaction.atomic
def payment_make(*, award, amount: Decimal, final: bool, user, booked_on=None, note: str = "") -> JournalEntry:
    """An advance or the final payment to a project; never more than awarded, never more than
    the fund received plus may still receive. After the final payment the rest is released."""
    fund, award = _lock_award(award)
    if amount <= 0:
        raise AccountingError("Het bedrag moet groter dan nul zijn.")
    if JournalEntry.objects.filter(kind=EntryKind.PAYMENT_FINAL, lines__award=award, reverses__isnull=True,
                                   reversed_by__isnull=True).exists():
        raise PaymentExceedsAward(f"{award.number} heeft de eindbetaling al gehad.")
    outstanding = award_outstanding(award)
    if amount > outstanding:
        raise PaymentExceedsAward(
            f"Aan {award.number} kan nog ten hoogste {format_euro(outstanding)} worden betaald "
            f"(toegekend en verplicht, min wat al betaald is); {format_euro(amount)} is te veel."
        )
    position = fund_cash_position(fund)
    if amount > position:
        raise FundOverdrawn(
            f"{fund} heeft ontvangen en nog te ontvangen samen {format_euro(position)} beschikbaar; een betaling van "
            f"{format_euro(amount)} zou meer uitbetalen dan het fonds krijgt."
        )
    spuk_line = _spuk_line_for(award) if fund.kind == Fund.Kind.SPUK else None
    kind = EntryKind.PAYMENT_FINAL if final else EntryKind.PAYMENT_ADVANCE
    label = "Eindbetaling" if final else "Voorschot"
    entry = _post(fund=fund, kind=kind, user=user, booked_on=booked_on,
                  description=f"{label} {award.number}" + (f": {note}" if note else ""),
                  lines=[Line(A.COMMITMENTS, amount, award.year, award=award, budget_line=spuk_line),
                         Line(A.BANK, -amount, award.year, award=award, budget_line=spuk_line)])
    rest = outstanding - amount
    if final and rest:
        _post(fund=fund, kind=EntryKind.COMMITMENT_RELEASED, user=user, booked_on=booked_on,
              description=f"Vrijval na eindbetaling {award.number}",
              lines=[Line(A.COMMITMENTS, rest, award.year, award=award, budget_line=spuk_line),
                     Line(A.PROJECT_COSTS, -rest, award.year, award=award, budget_line=spuk_line)])
    _check_fund(fund)
    return entry


@transaction.atomic
def refund_receive(*, award, amount: Decimal, user, reason: str, booked_on=None) -> JournalEntry:
    """A project pays back; never more than it was paid."""
    fund, award = _lock_award(award)
    paid = award_paid_net(award)
    if amount <= 0 or amount > paid:
        raise AccountingError(f"Aan {award.number} is netto {format_euro(paid)} betaald; meer kan niet terugkomen.")
    spuk_line = _spuk_line_for(award) if fund.kind == Fund.Kind.SPUK else None
    return _post(fund=fund, kind=EntryKind.REFUND, user=user, booked_on=booked_on,
                 description=f"Terugbetaling {award.number}: {reason}",
                 lines=[Line(A.BANK, amount, award.year, award=award, budget_line=spuk_line),
                        Line(A.PROJECT_COSTS, -amount, award.year, award=award, budget_line=spuk_line)])


@transaction.atomic
def direct_expense_book(*, fund: Fund, year: int, amount: Decimal, description: str, user,
                        budget_line: SpukBudgetLine | None = None, booked_on=None) -> JournalEntry:
    """Process and coordination costs paid directly (SPUK part 1), not through a project award."""
    fund = _lock_fund(fund)
    if amount <= 0:
        raise AccountingError("Het bedrag moet groter dan nul zijn.")
    entry = _post(fund=fund, kind=EntryKind.DIRECT_EXPENSE, user=user, booked_on=booked_on, description=description,
                  lines=[Line(A.DIRECT_COSTS, amount, year, budget_line=budget_line),
                         Line(A.BANK, -amount, year, budget_line=budget_line)])
    _check_fund(fund)
    return entry


@transaction.atomic
def vacation_fee_pay(*, fund: Fund, year: int, expert: str, meeting: str, meeting_date: dt.date, hours: Decimal,
                     rate: Decimal, user, building_team=None, booked_on=None) -> VacationFee:
    """seed 004 §6.4 step 6: experts who work on a building team's plans are paid by the hour
    (vacatiegeld) from part 1d of the year's adopted division; the payment is booked at once and
    may not exceed what is left on that line."""
    fund = _lock_fund(fund)
    if not expert.strip() or not meeting.strip():
        raise AccountingError("Vul de expert en de bijeenkomst in.")
    if hours <= 0 or rate <= 0:
        raise AccountingError("Uren en tarief moeten groter dan nul zijn.")
    _check_booking_date(fund, meeting_date, "datum van de bijeenkomst")
    line = (SpukBudgetLine.objects.filter(division__fund=fund, division__year=year, part=BudgetPart.PROCESS_EXPERTS,
                                          division__status=SpukBudgetDivision.Status.ADOPTED).order_by("position").first())
    if line is None:
        raise AccountingError(f"De verdeling {year} is niet vastgesteld of heeft geen post 1d (uren experts, vacatiegeld).")
    amount = (hours * rate).quantize(Decimal("0.01"))
    spent = -_sum(JournalLine.objects.filter(entry__fund=fund, budget_line=line, account__code=A.BANK))
    if spent + amount > line.amount.amount:
        raise AccountingError(f"Op post 1d ({line.label}) is nog {format_euro(line.amount.amount - spent)} over; "
                              f"{format_euro(amount)} past daar niet in.")
    entry = direct_expense_book(fund=fund, year=year, amount=amount, user=user, budget_line=line, booked_on=booked_on,
                                description=f"Vacatiegeld {expert.strip()}: {hours.normalize():f} uur à "
                                            f"{format_euro(rate)} ({meeting.strip()}, {meeting_date:%-d-%-m-%Y})")
    return VacationFee.objects.create(
        fund=fund, year=year, expert=expert.strip(), meeting=meeting.strip(), meeting_date=meeting_date,
        building_team=building_team, hours=hours, rate=Money(rate, "EUR"), amount=Money(amount, "EUR"), budget_line=line,
        entry=entry, created_by=user)


# -- settlement ---------------------------------------------------------------------------

@transaction.atomic
def settlement_confirm(*, group: SettlementGroup, user, today: dt.date | None = None) -> Settlement:
    """Book the settlement of a group: final. Then, once the whole fund is settled, purge BSNs."""
    from accounting.selectors import settlement_preview

    fund = _lock_fund(group.fund)
    group = SettlementGroup.objects.select_related("fund").get(pk=group.pk)
    today = today or timezone.localdate()
    if Settlement.objects.filter(group=group).exists():
        raise SettlementError(f"{group} is al afgerekend; een vastgestelde afrekening is definitief.")
    if today <= group.settle_after:
        raise SettlementError(f"{group} kan pas na {format_date(group.settle_after)} worden afgerekend.")
    preview = settlement_preview(group)
    lines = []
    for row in preview.lines:
        if row.amount:
            lines.append(Line(A.INCOME, row.amount, row.year, row.municipality))
            lines.append(Line(A.BANK, -row.amount, row.year, row.municipality))
    # nothing to pay back (all spent): the settlement is still final, but there is nothing to book
    entry = _post(fund=fund, kind=EntryKind.SETTLEMENT, lines=lines, user=user,
                  description=f"Afrekening {group}") if lines else None
    settlement = Settlement.objects.create(group=group, entry=entry, confirmed_by=user, total=Money(preview.total, "EUR"))
    SettlementLine.objects.bulk_create(
        SettlementLine(settlement=settlement, municipality=row.municipality, year=row.year,
                       contributed=Money(row.contributed, "EUR"), unspent_year=Money(row.unspent_year, "EUR"),
                       amount=Money(row.amount, "EUR"))
        for row in preview.lines
    )
    _check_fund(fund)
    if not SettlementGroup.objects.filter(fund=fund, settlement__isnull=True).exists():
        _purge_bsn(fund=fund, user=user)
    return settlement


def _purge_bsn(*, fund: Fund, user) -> bool:
    """Once a fund is settled the BSNs of its above-budget clients are no longer needed (AVG)."""
    from allocations.services import bsn_purge_for_fund

    bsn_purge_for_fund(fund=fund, user=user)
    return True


# -- SPUK budget division -----------------------------------------------------------------

@dataclass(frozen=True)
class DivisionLineInput:
    part: str
    label: str
    amount: Decimal
    region_id: int | None = None
    proposal_id: int | None = None


@transaction.atomic
def spuk_division_save(*, fund: Fund, year: int, lines: list[DivisionLineInput], user) -> SpukBudgetDivision:
    """Replace the lines of a draft division (an adopted division is final)."""
    fund = _lock_fund(fund)
    if fund.kind != Fund.Kind.SPUK:
        raise DivisionError(f"{fund} is geen SPUK; een begrotingsverdeling hoort bij een specifieke uitkering.")
    if not Tranche.objects.filter(fund=fund, year=year).exists():
        raise DivisionError(f"{fund} heeft geen uitkering voor {year}.")
    division, _ = SpukBudgetDivision.objects.get_or_create(fund=fund, year=year)
    if division.status == SpukBudgetDivision.Status.ADOPTED:
        raise DivisionError(f"De verdeling {year} is vastgesteld en verandert niet meer.")
    labels = [line.label.strip() for line in lines]
    if len(set(labels)) != len(labels):
        raise DivisionError("Elke regel van de verdeling heeft een eigen omschrijving.")
    if any(line.amount < 0 for line in lines):
        raise DivisionError("Een begrotingsregel kan niet negatief zijn.")
    division.lines.all().delete()
    SpukBudgetLine.objects.bulk_create(
        SpukBudgetLine(division=division, part=line.part, label=line.label.strip(), amount=Money(line.amount, "EUR"),
                       region_id=line.region_id, proposal_id=line.proposal_id, position=i)
        for i, line in enumerate(lines)
    )
    return division


@transaction.atomic
def spuk_division_adopt(*, division: SpukBudgetDivision, user, deviation_note: str = "") -> SpukBudgetDivision:
    """seed 004 §6.4: Rotterdam decides. It must add up to the grant; a 10% rule not met needs a reason."""
    from accounting.selectors import division_check

    _lock_fund(division.fund)
    check = division_check(division)
    blocking = [f.message for f in check.findings if f.blocking]
    if blocking:
        raise DivisionError(" ".join(blocking))
    if check.deviations and not deviation_note.strip():
        raise DivisionError(
            "De verdeling wijkt af van de 10%-regels: " + " ".join(f.message for f in check.deviations)
            + " Licht de afwijking toe om de verdeling toch vast te stellen."
        )
    changed = SpukBudgetDivision.objects.filter(pk=division.pk, status=SpukBudgetDivision.Status.DRAFT).update(
        status=SpukBudgetDivision.Status.ADOPTED, adopted_at=timezone.now(), adopted_by=user,
        deviation_note=deviation_note.strip(),
    )
    if changed != 1:
        raise DivisionError("Deze verdeling is zojuist al vastgesteld.")
    division.refresh_from_db()
    return division


EXPLANATION_MAX_LENGTH = 2000


@transaction.atomic
def spuk_explanation_save(*, line: SpukBudgetLine, year: int, text: str, user) -> SpukExplanation:
    """SiSa: the coordinator explains (or explains anew) why a budget line's spending deviates in a
    verantwoording year; one explanation per line and year, the latest text counts."""
    text = text.strip()
    if not text:
        raise AccountingError(f"Schrijf een toelichting bij {line.label}; een lege toelichting wordt niet opgeslagen.")
    if len(text) > EXPLANATION_MAX_LENGTH:
        raise AccountingError(f"Een toelichting is ten hoogste {EXPLANATION_MAX_LENGTH} tekens; deze heeft er {len(text)}.")
    if year < line.division.year:
        raise AccountingError(
            f"{line.label} hoort bij de uitkering {line.division.year}; een toelichting over {year} kan niet.")
    explanation, _ = SpukExplanation.objects.update_or_create(
        line=line, year=year, defaults={"text": text, "entered_by": user})
    return explanation


# -- region reports, evaluation, snapshots ------------------------------------------------

@transaction.atomic
def region_report_deliver(*, proposal, results: str, conditions: str, user, delivered_at=None) -> RegionReport:
    from core.permissions import user_region_id

    if proposal.fund.kind != Fund.Kind.SPUK or proposal.filing_region_id is None:
        raise AccountingError("Alleen SPUK-projecten van een jeugdhulpregio leveren een verantwoordingsverslag.")
    if not results.strip() or not conditions.strip():
        raise AccountingError("Beschrijf zowel de behaalde resultaten als hoe aan de voorwaarden is voldaan.")
    if user_region_id(user) not in (None, proposal.filing_region_id):
        raise AccountingError("Alleen de indienende jeugdhulpregio levert dit verslag.")
    if RegionReport.objects.filter(proposal=proposal).exists():
        raise AccountingError("Het verslag voor dit project is al ontvangen.")
    return RegionReport.objects.create(
        proposal=proposal, region_id=proposal.filing_region_id, results=results.strip(), conditions=conditions.strip(),
        delivered_at=delivered_at or timezone.now(), delivered_by=user,
    )


@transaction.atomic
def indicator_result_enter(*, indicator, year: int, delivered_value: Decimal, assessment: str, user,
                           source: str) -> IndicatorResult:
    result, _ = IndicatorResult.objects.update_or_create(
        indicator=indicator, year=year,
        defaults={"delivered_value": delivered_value, "assessment": assessment.strip(), "source": source, "entered_by": user},
    )
    return result


@transaction.atomic
def report_job_start(*, kind: str, params: dict, fmt: str, user):
    """Queue a large report for a django-q2 worker; the task starts only when this commits."""
    if fmt not in ("pdf", "xlsx"):
        raise AccountingError("Kies PDF of XLSX.")
    # issue 12, hole 8: a cap per user, counted under a lock on the user's row so two requests cannot
    # both pass; a job that stalled (its worker stopped it) no longer counts
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    waiting = [job for job in ReportJob.objects.defer("result").filter(
        created_by=user, status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING]) if not job.stalled()]
    if len(waiting) >= MAX_WAITING_JOBS:
        raise AccountingError(
            f"U heeft al {len(waiting)} rapporten in de wachtrij of in bewerking; wacht tot er een klaar is voordat "
            "u een nieuw rapport vraagt. Blijven ze wachten, vraag dan de beheerder de achtergrondverwerking te starten.")
    job = ReportJob.objects.create(kind=kind, params={**params, "format": fmt}, created_by=user)

    def enqueue():
        from django_q.tasks import async_task

        async_task("accounting.tasks.report_job_run", job.pk, task_name=f"report-{job.pk}")

    transaction.on_commit(enqueue)
    return job


@transaction.atomic
def report_reminders_send(*, days_before: int = 30, user=None, today: dt.date | None = None) -> int:
    """Remind each region by e-mail of project reports due within `days_before` days or overdue.
    At most one reminder a project a day; the mail leaves only when the transaction commits."""
    from django.urls import reverse

    from accounting.models import ReportReminder
    from accounting.rules import ReportState
    from accounting.selectors import region_report_rows
    from core.roles import Role
    from notifications.models import Kind
    from notifications.services import notify

    today = today or timezone.localdate()
    rows = [
        row for row in region_report_rows(today=today)
        if row.state == ReportState.OVERDUE
        or (row.state == ReportState.DUE and (row.deadline - today).days <= days_before)
    ]
    already = set(ReportReminder.objects.filter(sent_on=today).values_list("proposal_id", flat=True))
    users = get_user_model().objects.filter(groups__name=Role.REGION, is_active=True)
    by_region: dict[int, list] = {}
    for member in users.select_related("profile"):
        by_region.setdefault(member.profile.region_id, []).append(member)
    sent = 0
    for row in rows:
        proposal = row.proposal
        region_users = sorted(by_region.get(proposal.filing_region_id, []), key=lambda u: u.username)
        recipients = sorted(u.email for u in region_users if u.email)
        if proposal.pk in already or not region_users:
            continue
        overdue = row.state == ReportState.OVERDUE
        subject = (f"Verantwoordingsverslag {proposal.reference} is te laat" if overdue
                   else f"Herinnering: verantwoordingsverslag {proposal.reference}")
        body = (
            f"Het project {proposal.reference} {proposal.title} eindigde op {format_date(row.project_end)}.\n"
            f"De jeugdhulpregio levert uiterlijk vóór {format_date(row.deadline)} een verantwoordingsverslag over de "
            f"behaalde resultaten en over het voldoen aan de rechtmatigheidsvoorwaarden (inrichtingsplan BREN Zuid-West §6.4).\n"
            + ("Dit verslag is nog niet ontvangen en is te laat.\n" if overdue else "")
        )
        ReportReminder.objects.create(proposal=proposal, sent_on=today, recipients=", ".join(recipients), overdue=overdue)
        # in the app for every user of the region; by e-mail after commit, unless switched off
        notify(users=region_users, kind=Kind.REPORT_DUE, title=subject, body=body,
               url=reverse("accounting:region_report", args=[proposal.pk]))
        sent += 1
    return sent
