"""PDFs of the proposals app: functions that take data and return bytes."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from proposals.selectors import FundOverview, matrix_grid


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


def fund_overview_html(*, meeting, data: dict) -> str:
    from proposals.presenters import MINI_MATRIX_LEGEND, project_rows_html

    overview = FundOverview.from_json(data)
    return render_to_string(
        "proposals/pdf/fund_overview.html",
        {
            "meeting": meeting,
            "overview": overview,
            "project_rows": project_rows_html(overview),
            "matrix_legend": MINI_MATRIX_LEGEND,
            "made_at": timezone.localtime(),
        },
    )


def fund_overview_pdf(*, meeting, data: dict) -> bytes:
    return render_pdf(fund_overview_html(meeting=meeting, data=data))
