"""Awards and the letters that announce them: the decision letter (beschikking) and the rejection letter."""

import datetime as dt
import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone
from djmoney.money import Money

from core.templatetags.nl import format_date
from fund.models import Fund
from proposals.exceptions import (
    ProposalError,
)
from proposals.exports import decision_letter_pdf, rejection_letter_pdf
from proposals.models import (
    Award,
    Decision,
    DecisionLetter,
    Goal,
    Proposal,
    RejectionLetter,
)
from proposals.services.common import S, fund_prefix, lock_fund, next_number
from proposals.services.screening import transition_record


@transaction.atomic
def award_create(
    *,
    user,
    proposal: Proposal,
    year: int,
    amount: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    goals: Iterable[Goal] | None = None,
    conditions: str = "",
    report_due: dt.date | None = None,
    advance_percent: int | None = None,
    locked_fund: Fund | None = None,
) -> Award:
    """Record an award. Only through accounting.services.awards.award_make, which checks it against what
    the fund can still award and commits it in the books in the same transaction (the books are
    on the floor above); never on its own. `locked_fund`: the proposal's fund, when the caller
    holds its row lock already (award_make does), so it is not read and locked twice."""
    fund = locked_fund or lock_fund(proposal.fund)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in (S.ADOPTED, S.AWARDED, S.RUNNING):
        raise ProposalError("Alleen een aangenomen voorstel krijgt een toekenning.")
    if amount <= 0:
        raise ProposalError("Het bedrag van een toekenning is groter dan nul.")
    if period_end < period_start:
        raise ProposalError("De periode eindigt vóór het begin.")
    if not (fund.term_start <= period_start and period_end <= fund.term_end):
        raise ProposalError(
            f"De periode valt buiten de looptijd van het fonds ({format_date(fund.term_start)} t/m {format_date(fund.term_end)})."
        )
    years = sorted(fund.tranches.values_list("year", flat=True))
    if year not in years:  # issue 12, hole 3: an award belongs to one of the fund's years
        raise ProposalError(
            f"Het jaar {year} hoort niet bij {fund}; kies een van de jaren van het fonds: "
            f"{', '.join(str(y) for y in years) or 'nog geen'}."
        )
    if advance_percent is not None and not 0 <= advance_percent <= 100:
        raise ProposalError("Het voorschot is een percentage van 0 tot en met 100.")
    prefix = f"{fund_prefix(fund)}-{year}"
    # the highest numbers only (a longer number is a higher one, then the text orders them), not
    # every award of the year: a region with thousands of awards reads a few rows per award
    number = next_number(
        prefix,
        Award.objects.filter(number__startswith=prefix + "-")
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)[:20],
    )
    try:
        with transaction.atomic():
            award = Award.objects.create(
                proposal=proposal,
                number=number,
                year=year,
                amount=Money(amount, "EUR"),
                period_start=period_start,
                period_end=period_end,
                conditions=conditions,
                advance_percent=advance_percent,
                report_due=report_due or _default_report_due(period_end),
                awarded_by=user,
            )
    except IntegrityError as exc:
        raise ProposalError(
            f"Beschikkingsnummer {number} is al in gebruik; probeer het opnieuw."
        ) from exc
    # a new award has no goals yet: one INSERT of the links (set() would read them twice first)
    goal_ids = dict.fromkeys(
        goal.pk for goal in (goals if goals is not None else proposal.goals.all())
    )
    Award.goals.through.objects.bulk_create(
        Award.goals.through(award_id=award.pk, goal_id=goal_id) for goal_id in goal_ids
    )
    if proposal.status == S.ADOPTED:
        transition_record(
            user=user, proposal=proposal, to_status=S.AWARDED, note=f"Toekenning {number}"
        )
    return award


def _default_report_due(period_end: dt.date) -> dt.date:
    # seed 004 §6.4 lawfulness 3: report at the latest before 1 March of the next year
    return dt.date(period_end.year + 1, 3, 1)


def _check_letter_may_be_made(proposal: Proposal) -> None:
    """A beschikking names who decides, where to object and on what ground (Awb 3:45, 6:7), and
    is dated the day it is made: never before the decision."""
    fund = proposal.fund
    missing = [
        label
        for label, value in (
            ("de afzender", fund.letterhead_name),
            ("het bestuursorgaan", fund.deciding_body),
            ("het adres", fund.letterhead_address),
            ("de wettelijke grondslag", fund.legal_ground),
        )
        if not value.strip()
    ]
    if missing:
        raise ProposalError(
            f"Bij {fund} ontbreekt {', '.join(missing)} voor de beschikking; zonder die gegevens kan niemand "
            "bezwaar maken zoals de Awb vraagt. Vul ze in bij het fonds."
        )
    decision = getattr(proposal, "decision", None)
    today = timezone.localdate()
    if decision is not None and today < decision.date:
        raise ProposalError(
            f"Het besluit is van {format_date(decision.date)}; een beschikking wordt gedateerd op de dag dat zij wordt "
            f"opgemaakt en kan niet vóór het besluit liggen (vandaag is het {format_date(today)})."
        )


@transaction.atomic
def letter_issue(
    *,
    user,
    award: Award,
    addressee: str,
    signatory: str,
    corrects: DecisionLetter | None = None,
    reason: str = "",
) -> DecisionLetter:
    """Make the decision letter PDF once and store it; a correction is a new letter referring to the old."""
    award = Award.objects.select_for_update().select_related("proposal__fund").get(pk=award.pk)
    version = _next_letter_version(
        award.letters.order_by("-version").first(),
        corrects,
        correction_reason=reason,
        addressee=addressee,
        signatory=signatory,
        already=f"Voor {award.number} is al een beschikking verstuurd",
        what="beschikking",
    )
    _check_letter_may_be_made(award.proposal)
    letter = DecisionLetter(award=award, correction_reason=reason.strip(), **version)
    return _letter_store(letter, decision_letter_pdf, user=user)


def _next_letter_version(
    latest, corrects, *, correction_reason: str, addressee: str, signatory: str, already, what
) -> dict:
    """The version fields of a new letter after `latest`: the first, or a correction of the latest
    with its reason; refused with a Dutch message otherwise."""
    if corrects is None and latest is not None:
        raise ProposalError(f"{already}; maak een correctie die naar de vorige verwijst.")
    if corrects is not None:
        if latest is None or corrects.pk != latest.pk:
            raise ProposalError(f"Een correctie verwijst naar de laatst verstuurde {what}.")
        if not correction_reason.strip():
            raise ProposalError("Vermeld de reden van de correctie.")
    if not addressee.strip() or not signatory.strip():
        raise ProposalError("Vermeld de geadresseerde en de ondertekenaar.")
    return {
        "version": (latest.version + 1) if latest else 1,
        "corrects": corrects,
        "addressee": addressee.strip(),
        "signatory": signatory.strip(),
    }


def _letter_store(letter, make_pdf, *, user):
    """Render the letter's PDF once, keep its bytes and hash, and store it (write-once)."""
    letter.issued_by, letter.issued_at = user, timezone.now()
    pdf = make_pdf(letter)
    letter.pdf, letter.sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    letter.save()
    return letter


@transaction.atomic
def rejection_letter_issue(
    *,
    user,
    proposal: Proposal,
    reason: str,
    addressee: str,
    signatory: str,
    corrects: RejectionLetter | None = None,
    correction_reason: str = "",
) -> RejectionLetter:
    """The afwijzing of a rejected proposal, with the reason and the objection clause; made once
    and stored, a correction is a new letter referring to the old."""
    proposal = Proposal.objects.select_for_update().select_related("fund").get(pk=proposal.pk)
    decision = Decision.objects.filter(proposal=proposal).first()
    if decision is None or decision.outcome != Decision.Outcome.REJECTED:
        raise ProposalError("Een afwijzingsbeschikking hoort bij een afgewezen voorstel.")
    if not reason.strip():
        raise ProposalError("Vermeld de reden van de afwijzing.")
    version = _next_letter_version(
        decision.rejection_letters.order_by("-version").first(),
        corrects,
        correction_reason=correction_reason,
        addressee=addressee,
        signatory=signatory,
        already="Voor dit voorstel is al een afwijzing verstuurd",
        what="afwijzing",
    )
    _check_letter_may_be_made(proposal)
    letter = RejectionLetter(
        decision=decision,
        correction_reason=correction_reason.strip(),
        reason=reason.strip(),
        **version,
    )
    return _letter_store(letter, rejection_letter_pdf, user=user)
