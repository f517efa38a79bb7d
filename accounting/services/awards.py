"""Awards and provider grants: making an award and booking it, booking a granted PxQ budget,
paying, releasing and refunding them."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from accounting.exceptions import AccountingError, FundOverdrawn, PaymentExceedsAward
from accounting.models import EntryKind, JournalEntry, JournalLine, SpukBudgetLine
from accounting.selectors.ledger import fund_award_room, payment_figures
from accounting.services.ledger import (
    A,
    Line,
    _check_fund,
    _check_grant,
    _grant_label,
    _lock_fund,
    _post,
    _sum,
    award_outstanding,
    award_paid_net,
    fund_cash_position,
    grant_committed,
    grant_outstanding,
)
from allocations.models import BudgetLine, BudgetRequest
from allocations.services import budget_requests as budget_request_services
from core.templatetags.nl import format_date, format_euro
from fund.models import Fund
from proposals.services import letters as letter_services


def _spuk_line_for(award) -> SpukBudgetLine | None:
    return (
        SpukBudgetLine.objects.filter(
            proposal_id=award.proposal_id, division__year=award.year
        ).first()
        or SpukBudgetLine.objects.filter(proposal_id=award.proposal_id)
        .order_by("-division__year")
        .first()
    )


def _lock_award(award):
    """The award's fund read afresh, its row locked (what every booking on the fund takes first),
    and the award: one query. The award's fields that a booking uses (number, year, proposal)
    are written once (WriteOnceModel), so the caller's copy is its row; building a query that
    reads it again with its proposal and fund cost more than the rest of a payment's reads."""
    return Fund.objects.select_for_update().get(pk=award.proposal.fund_id), award


def award_fits_problem(fund: Fund, *, amount: Decimal, what: str) -> str | None:
    """Why a new commitment of `amount` (an award, a provider's granted budget) does not fit in
    what the fund can still award (accounting.selectors.ledger.fund_award_room, the one rule), or None when it fits.
    Call with the fund row locked."""
    remaining = fund_award_room(fund).remaining
    if amount > remaining:
        return (
            f"Het fonds kan nog {format_euro(remaining)} toekennen; {what} van {format_euro(amount)} "
            f"past daar niet in."
        )
    return None


def _check_commitment_fits(fund: Fund, *, amount: Decimal, what: str, then: str) -> None:
    problem = award_fits_problem(fund, amount=amount, what=what)
    if problem:
        raise FundOverdrawn(f"{problem} {then}")


def _award_commit(*, fund: Fund, award, user, booked_on=None) -> JournalEntry:
    """Book the award as a commitment of the fund, in the award's year (award_make calls this)."""
    return _post_award_pair(
        fund=fund,
        award=award,
        kind=EntryKind.AWARD_COMMITTED,
        debit=A.PROJECT_COSTS,
        credit=A.COMMITMENTS,
        amount=award.amount.amount,
        description=f"Toekenning {award.number} ({award.proposal.reference})",
        user=user,
        booked_on=booked_on,
    )


def _post_award_pair(
    *, fund: Fund, award, kind, debit, credit, amount: Decimal, description: str, user, booked_on
) -> JournalEntry:
    """One entry of two lines on an award, in the award's year (and on its SPUK budget line): the
    commitment when the award is made (project costs against commitments) and its release (back)."""
    spuk_line = _spuk_line_for(award) if fund.kind == Fund.Kind.SPUK else None
    return _post(
        fund=fund,
        kind=kind,
        user=user,
        booked_on=booked_on,
        description=description,
        lines=[
            Line(debit, amount, award.year, award=award, budget_line=spuk_line),
            Line(credit, -amount, award.year, award=award, budget_line=spuk_line),
        ],
    )


@transaction.atomic
def award_make(
    *,
    user,
    proposal,
    year: int,
    amount: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    goals=None,
    conditions: str = "",
    report_due: dt.date | None = None,
    advance_percent: int | None = None,
):
    """Make an award and commit it in the books, in one transaction under one lock of the fund
    (seed 002 §3.2: never more than the fund holds): proposals.services.letters.award_create records the
    award, this books it on the day it is made. An award that does not fit in what the fund can
    still award (accounting.selectors.ledger.fund_award_room) is refused and nothing is saved."""
    fund = _lock_fund(proposal.fund)
    _check_commitment_fits(
        fund, amount=amount, what="een toekenning", then="Er is niets vastgelegd."
    )
    award = letter_services.award_create(
        user=user,
        proposal=proposal,
        year=year,
        amount=amount,
        period_start=period_start,
        period_end=period_end,
        goals=goals,
        conditions=conditions,
        report_due=report_due,
        advance_percent=advance_percent,
        locked_fund=fund,
    )
    _award_commit(fund=fund, award=award, user=user)
    return award


@transaction.atomic
def budget_grant_commit(*, budget_request, user, booked_on=None) -> JournalEntry | None:
    """Book what TWO granted on a provider's PxQ request (seed 002 §2.2) as a commitment of the
    request's fund, in the request's year. Called by `budget_grant_make`
    in its transaction, after the grant's budget lines are written: a refusal here undoes them.

    The same accounts and kind as an award (project costs against commitments), so the fund's
    committed and remaining figures, its settlement and the check on new commitments count
    provider budgets and project awards alike. The amount is the SUM of the request's grant lines,
    so the books and the provider's budget cannot disagree. A transfer between products of one
    provider books nothing: same provider, fund, year and total.
    """
    budget_request = BudgetRequest.objects.select_related("provider", "fund").get(
        pk=budget_request.pk
    )
    fund = _lock_fund(budget_request.fund)
    amount = _sum(
        BudgetLine.objects.filter(request_line__request=budget_request, kind=BudgetLine.Kind.GRANT)
    )
    if not amount:
        return None  # rejected: nothing granted, nothing committed
    label = f"PxQ-aanvraag {budget_request.pk} van {budget_request.provider}"
    year = budget_request.year
    if not fund.term_start.year <= year <= fund.term_end.year:
        raise AccountingError(
            f"{label} is voor {year}; dat valt buiten de looptijd van {fund} "
            f"({format_date(fund.term_start)} tot en met {format_date(fund.term_end)}). Er is niets toegekend."
        )
    if JournalLine.objects.filter(
        budget_request=budget_request, entry__kind=EntryKind.AWARD_COMMITTED
    ).exists():
        raise AccountingError(f"De toekenning op {label} is al als verplichting geboekt.")
    _check_commitment_fits(
        fund, amount=amount, what=f"de toekenning op {label}", then="Er is niets toegekend."
    )
    return _post(
        fund=fund,
        kind=EntryKind.AWARD_COMMITTED,
        user=user,
        booked_on=booked_on,
        description=f"Toekenning budget {year} {budget_request.provider} (PxQ-aanvraag {budget_request.pk})",
        lines=[
            Line(A.PROJECT_COSTS, amount, year, budget_request=budget_request),
            Line(A.COMMITMENTS, -amount, year, budget_request=budget_request),
        ],
    )


@transaction.atomic
def budget_grant_make(
    *, request: BudgetRequest, granted: dict[int, Decimal], note: str, user
) -> BudgetRequest:
    """TWO decides on a provider's PxQ request (seed 002 §2.2) and what it grants is booked at once,
    in one transaction under one lock of the fund (seed 002 §3.2: never more than the fund holds):
    allocations.services.budget_requests.budget_request_decide locks the fund row first and records the decision
    and the provider's budget lines, budget_grant_commit books them as a commitment. A grant that
    does not fit in what the fund can still award is refused, and nothing of the decision is saved."""
    decided = budget_request_services.budget_request_decide(
        request=request, granted=granted, note=note, user=user
    )
    budget_grant_commit(budget_request=decided, user=user)
    return decided


def _lock_budget_request(budget_request):
    """Lock the fund, then the request: the order `allocations.services.budget_requests.budget_request_decide` uses."""
    fund_id = BudgetRequest.objects.values_list("fund_id", flat=True).get(pk=budget_request.pk)
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    budget_request = (
        BudgetRequest.objects.select_for_update(of=("self",))
        .select_related("provider")
        .get(pk=budget_request.pk)
    )
    return fund, budget_request


def _final_payment_made(**line_filter) -> bool:
    """Whether a final payment (not reversed, not a reversal) was booked on the award or budget
    request that `line_filter` names. Read from that record's own lines (an index), so it costs the
    same however long the fund's journal is."""
    return JournalEntry.objects.filter(
        pk__in=JournalLine.objects.filter(**line_filter).values("entry_id"),
        kind=EntryKind.PAYMENT_FINAL,
        reverses__isnull=True,
        reversed_by__isnull=True,
    ).exists()


def _grant_paid_final(budget_request) -> bool:
    return _final_payment_made(budget_request=budget_request)


@transaction.atomic
def budget_payment_make(
    *, budget_request, amount: Decimal, final: bool, user, booked_on=None, note: str = ""
) -> JournalEntry:
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
        raise AccountingError(
            f"Op PxQ-aanvraag {budget_request.pk} is niets toegekend; er valt niets te betalen."
        )
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
    entry = _post(
        fund=fund,
        kind=kind,
        user=user,
        booked_on=booked_on,
        description=f"{what} budget {year} {budget_request.provider} (PxQ-aanvraag {budget_request.pk})"
        + (f": {note}" if note else ""),
        lines=[
            Line(A.COMMITMENTS, amount, year, budget_request=budget_request),
            Line(A.BANK, -amount, year, budget_request=budget_request),
        ],
    )
    rest = outstanding - amount
    if final and rest:
        _post_grant_release(
            fund=fund,
            budget_request=budget_request,
            amount=rest,
            description=f"Vrijval na eindbetaling budget {year} {budget_request.provider} "
            f"(PxQ-aanvraag {budget_request.pk})",
            user=user,
            booked_on=booked_on,
        )
    _check_fund(fund)
    _check_grant(budget_request)
    return entry


@transaction.atomic
def budget_commitment_release(
    *, budget_request, amount: Decimal, user, reason: str, booked_on=None
) -> JournalEntry:
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
    entry = _post_grant_release(
        fund=fund,
        budget_request=budget_request,
        amount=amount,
        description=f"Vrijval budget {budget_request.year} {budget_request.provider} "
        f"(PxQ-aanvraag {budget_request.pk}): {reason.strip()}",
        user=user,
        booked_on=booked_on,
    )
    _check_grant(budget_request)
    return entry


def _post_grant_release(
    *, fund: Fund, budget_request, amount: Decimal, description: str, user, booked_on
) -> JournalEntry:
    """Release part of a provider's granted budget: back from commitments to the fund's free budget,
    in the grant's year (after a final payment, and when the provider will not use it)."""
    year = budget_request.year
    return _post(
        fund=fund,
        kind=EntryKind.COMMITMENT_RELEASED,
        user=user,
        booked_on=booked_on,
        description=description,
        lines=[
            Line(A.COMMITMENTS, amount, year, budget_request=budget_request),
            Line(A.PROJECT_COSTS, -amount, year, budget_request=budget_request),
        ],
    )


@transaction.atomic
def commitment_release(
    *, award, amount: Decimal, user, reason: str, booked_on=None
) -> JournalEntry:
    """What a project will not use goes back to the fund's free budget."""
    fund, award = _lock_award(award)
    outstanding = award_outstanding(award)
    if amount <= 0 or amount > outstanding:
        raise AccountingError(
            f"Van {award.number} staat {format_euro(outstanding)} als verplichting open."
        )
    return _post_award_pair(
        fund=fund,
        award=award,
        kind=EntryKind.COMMITMENT_RELEASED,
        debit=A.COMMITMENTS,
        credit=A.PROJECT_COSTS,
        amount=amount,
        description=f"Vrijval {award.number}: {reason}",
        user=user,
        booked_on=booked_on,
    )


@transaction.atomic
def payment_make(
    *, award, amount: Decimal, final: bool, user, booked_on=None, note: str = ""
) -> JournalEntry:
    """An advance or the final payment to a project; never more than awarded, never more than
    the fund received plus may still receive. After the final payment the rest is released."""
    fund, award = _lock_award(award)
    if amount <= 0:
        raise AccountingError("Het bedrag moet groter dan nul zijn.")
    figures = payment_figures(fund, award)
    outstanding, paid_final = figures.outstanding, figures.paid_final
    if paid_final:
        raise PaymentExceedsAward(f"{award.number} heeft de eindbetaling al gehad.")
    if amount > outstanding:
        raise PaymentExceedsAward(
            f"Aan {award.number} kan nog ten hoogste {format_euro(outstanding)} worden betaald "
            f"(toegekend en verplicht, min wat al betaald is); {format_euro(amount)} is te veel."
        )
    position = figures.position
    if amount > position:
        raise FundOverdrawn(
            f"{fund} heeft ontvangen en nog te ontvangen samen {format_euro(position)} beschikbaar; een betaling van "
            f"{format_euro(amount)} zou meer uitbetalen dan het fonds krijgt."
        )
    spuk_line = _spuk_line_for(award) if fund.kind == Fund.Kind.SPUK else None
    kind = EntryKind.PAYMENT_FINAL if final else EntryKind.PAYMENT_ADVANCE
    label = "Eindbetaling" if final else "Voorschot"
    entry = _post(
        fund=fund,
        kind=kind,
        user=user,
        booked_on=booked_on,
        description=f"{label} {award.number}" + (f": {note}" if note else ""),
        lines=[
            Line(A.COMMITMENTS, amount, award.year, award=award, budget_line=spuk_line),
            Line(A.BANK, -amount, award.year, award=award, budget_line=spuk_line),
        ],
        accounts=figures.accounts,
    )
    rest = outstanding - amount
    if final and rest:
        _post(
            fund=fund,
            kind=EntryKind.COMMITMENT_RELEASED,
            user=user,
            booked_on=booked_on,
            description=f"Vrijval na eindbetaling {award.number}",
            lines=[
                Line(A.COMMITMENTS, rest, award.year, award=award, budget_line=spuk_line),
                Line(A.PROJECT_COSTS, -rest, award.year, award=award, budget_line=spuk_line),
            ],
        )
    # no second read of the fund's means: its row is locked since _lock_award, so the payment is
    # the only change to its bank and receivable lines, and amount <= position was checked above
    return entry


@transaction.atomic
def refund_receive(*, award, amount: Decimal, user, reason: str, booked_on=None) -> JournalEntry:
    """A project pays back; never more than it was paid."""
    fund, award = _lock_award(award)
    paid = award_paid_net(award)
    if amount <= 0 or amount > paid:
        raise AccountingError(
            f"Aan {award.number} is netto {format_euro(paid)} betaald; meer kan niet terugkomen."
        )
    spuk_line = _spuk_line_for(award) if fund.kind == Fund.Kind.SPUK else None
    return _post(
        fund=fund,
        kind=EntryKind.REFUND,
        user=user,
        booked_on=booked_on,
        description=f"Terugbetaling {award.number}: {reason}",
        lines=[
            Line(A.BANK, amount, award.year, award=award, budget_line=spuk_line),
            Line(A.PROJECT_COSTS, -amount, award.year, award=award, budget_line=spuk_line),
        ],
    )
