"""PDFs of the proposals app: functions that take data and return bytes."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from proposals.selectors import matrix_grid


def render_pdf(html: str) -> bytes:
    return HTML(string=html).write_pdf()


def decision_letter_html(letter) -> str:
    award = letter.award
    proposal = award.proposal
    goals = list(award.goals.prefetch_related("indicators").order_by("pk"))
    issued = timezone.localtime(letter.issued_at) if letter.issued_at else timezone.localtime()
    return render_to_string(
        "proposals/pdf/decision_letter.html",
        {
            "letter": letter,
            "award": award,
            "proposal": proposal,
            "fund": proposal.fund,
            "goals": goals,
            "applicants": list(proposal.applicants.all()),
            "grid": matrix_grid(
                proposal.cells.values_list("row", "column"), applies=not proposal.is_spuk
            ),
            "issued": issued,
        },
    )


def decision_letter_pdf(letter) -> bytes:
    return render_pdf(decision_letter_html(letter))

