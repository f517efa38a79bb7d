"""PDFs of the proposals app: functions that take data and return bytes."""

from decimal import ROUND_DOWN, Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from proposals.selectors import matrix_grid

CENT = Decimal("0.01")
# the texts of the letters (Dutch, readable by TWO on the letter template page)
DECISION_LETTER_TEMPLATE = "proposals/pdf/decision_letter.html"
REJECTION_LETTER_TEMPLATE = "proposals/pdf/rejection_letter.html"
LETTER_TEMPLATES = (
    DECISION_LETTER_TEMPLATE,
    REJECTION_LETTER_TEMPLATE,
    "proposals/pdf/_letterhead.html",
    "proposals/pdf/_objection.html",
)


def render_pdf(html: str) -> bytes:
    return HTML(string=html).write_pdf()


def _letter_context(letter, proposal) -> dict:
    """What every beschikking says about who decides, when and where to object."""
    fund = proposal.fund
    decision = getattr(proposal, "decision", None)
    issued = timezone.localtime(letter.issued_at) if letter.issued_at else timezone.localtime()
    return {
        "letter": letter,
        "proposal": proposal,
        "fund": fund,
        "decision": decision,
        "decision_date": decision.date if decision else None,
        "issued": issued,
        "sender": fund.letterhead_name or fund.name,
        "deciding_body": fund.deciding_body,
        "deciding_address": ", ".join(
            line.strip() for line in fund.letterhead_address.splitlines() if line.strip()
        ),
    }


def decision_letter_html(letter) -> str:
    award = letter.award
    proposal = award.proposal
    goals = list(award.goals.prefetch_related("indicators").order_by("pk"))
    amount = award.amount.amount
    advance = None
    if award.advance_percent is not None:
        # the advance in whole cents; the final payment is the rest, so the two add up to the award
        advance = (amount * award.advance_percent / 100).quantize(CENT, rounding=ROUND_DOWN)
    return render_to_string(
        DECISION_LETTER_TEMPLATE,
        {
            **_letter_context(letter, proposal),
            "award": award,
            "kenmerk": award.number,
            "goals": goals,
            "applicants": list(proposal.applicants.all()),
            "grid": matrix_grid(
                proposal.cells.values_list("row", "column"), applies=not proposal.is_spuk
            ),
            "advance": advance,
            "final_payment": amount - advance if advance is not None else None,
        },
    )


def decision_letter_pdf(letter) -> bytes:
    return render_pdf(decision_letter_html(letter))


def rejection_letter_html(letter) -> str:
    proposal = letter.decision.proposal
    return render_to_string(
        REJECTION_LETTER_TEMPLATE,
        {**_letter_context(letter, proposal), "kenmerk": f"{proposal.reference}-A"},
    )


def rejection_letter_pdf(letter) -> bytes:
    return render_pdf(rejection_letter_html(letter))
