"""HTML for the large tables (the proposal list, projects in the fund overview, votes of 342
municipalities), built in Python like fund.presenters: a template loop over thousands of rows
costs far more. Every value is escaped (html.escape, which django.utils.html.escape wraps)."""

from decimal import Decimal
from fractions import Fraction
from html import escape

from django.utils import dateformat
from django.utils.safestring import SafeString
from django.utils.timezone import localtime

from core.converters import id_url_maker
from core.templatetags.nl import format_euro
from proposals.meeting_selectors import VoteRecordRow, VoteResult
from proposals.models import AgendaItem, Meeting, Proposal, Vote
from proposals.rules import MATRIX_COLUMNS, MATRIX_ROWS, matrix_words
from proposals.selectors import ProposalListRow
from reports.table import Kind

# the colours of templates/proposals/_status.html
STATUS_LABELS = dict(Proposal.Status.choices)


def status_badge(status: str) -> str:
    colour = (
        "green"
        if status in Proposal.PROJECT_STATUSES
        else "red"
        if status in Proposal.ENDED_STATUSES
        else "amber"
    )
    return f'<span class="jf-badge jf-badge--{colour}">{escape(str(STATUS_LABELS.get(status, status)))}</span>'


_BADGES = {status: status_badge(status) for status in STATUS_LABELS}


def proposal_rows_html(rows: list[ProposalListRow], *, searched: bool = False) -> SafeString:
    """The rows of the proposal list."""
    if not rows:
        text = (
            "Geen voorstel gevonden met deze zoekterm of filters."
            if searched
            else "Er zijn geen voorstellen die u mag inzien."
        )
        return SafeString(f'<tr><td colspan="7">{text}</td></tr>')
    detail = id_url_maker("proposals:detail")

    def row(p: ProposalListRow) -> str:
        applicants = (
            ", ".join(escape(a) for a in p.applicants)
            if p.applicants
            else escape(p.filing_region or "—")
        )
        matrix = (
            "n.v.t."
            if p.is_spuk
            else "voldoet"
            if p.matrix_ok
            else '<span class="jf-badge jf-badge--red">voldoet niet</span>'
        )
        return (
            f"<tr><td>{escape(p.reference)}</td>"
            f'<th scope="row"><a class="utrecht-link" href="{detail(p.pk)}">{escape(p.title)}</a></th>'
            f"<td>{escape(p.fund_name)}</td><td>{applicants}</td>"
            f"<td>{_BADGES.get(p.status) or status_badge(p.status)}</td><td>{matrix}</td>"
            f'<td class="jf-num">{format_euro(p.requested_total)}</td></tr>'
        )

    return SafeString("\n".join(row(p) for p in rows))


def agenda_rows_html(meeting: Meeting, items: list[AgendaItem]) -> SafeString:
    """The agenda of a meeting: per item the proposal, its status and (PHO) the vote."""
    if not items:
        return SafeString('<tr><td colspan="4">Nog geen agendapunten.</td></tr>')
    detail, vote = id_url_maker("proposals:detail"), id_url_maker("proposals:item")
    pho = meeting.kind == Meeting.Kind.PHO_MAATSCHAPPIJ

    def row(item: AgendaItem) -> str:
        p = item.proposal
        if pho:
            decision = getattr(item, "decision", None) if item.is_closed else None
            state = (
                f"Uitslag: {escape(decision.get_outcome_display().lower()) if decision else ''}"
                if item.is_closed
                else "Stemming open"
            )
            last = (
                f'<a class="utrecht-link" href="{vote(item.pk)}">{state}'
                f'<span class="jf-visually-hidden"> {escape(p.reference)}</span></a>'
            )
        else:
            last = escape(p.get_status_display())
        return (
            f"<tr><td>{item.position}</td>"
            f'<th scope="row"><a class="utrecht-link" href="{detail(p.pk)}">{escape(p.reference)} {escape(p.title)}</a></th>'
            f"<td>{_BADGES.get(p.status) or status_badge(p.status)}</td><td>{last}</td></tr>"
        )

    return SafeString("\n".join(row(item) for item in items))


_HALF = Decimal("0.5")


def euro_whole(amount: Decimal) -> str:
    """`€ 1.234.568` (half up), the text of format_euro(amount, 0), without its Decimal quantize."""
    if amount < 0:
        return format_euro(amount, 0)
    return "€ " + f"{int(amount + _HALF):,}".replace(",", ".")


MINI_MATRIX_LEGEND = (
    "Matrix: ■ gedekt, □ niet gedekt; de rijen zijn "
    + ", ".join(f"{i}. {label}" for i, label in enumerate(MATRIX_ROWS.values(), 1))
    + "; de kolommen "
    + ", ".join(MATRIX_COLUMNS.values())
    + "."
)


def mini_matrix_html(cells) -> str:
    """The 3x3 matrix in a table cell: ■ covered, □ not (rows: target groups, columns: forms of care),
    with the covered cells in words for screen readers. "—" for an overview kept without it."""
    if cells is None:
        return "—"
    covered = set(cells)
    grid = "<br>".join(
        "".join("■" if (r, c) in covered else "□" for c in MATRIX_COLUMNS) for r in MATRIX_ROWS
    )
    return (
        f'<span class="jf-minimatrix" aria-hidden="true">{grid}</span>'
        f'<span class="jf-visually-hidden visually-hidden">Matrix: {escape(matrix_words(covered))}</span>'
    )


MATRIX = (
    Kind(  # a report column of a proposal's matrix: its (row, column) cells, None where it has none
        "matrix",
        text=matrix_words,  # the XLSX: the covered cells in words
        html=mini_matrix_html,  # the page and the PDF: the 3x3 grid
        chars=4,  # the grid's width in the PDF, whatever the cell holds
        to_json=lambda cells: [list(cell) for cell in cells],
        from_json=lambda value: (
            [tuple(cell) for cell in value] if isinstance(value, list) else value
        ),
    )
)


def share_percent(share: Fraction) -> str:
    """A share as `32,53%` (half up), in integer arithmetic: 342 rows, no Decimal conversions."""
    return percent_of(share.numerator, share.denominator)


def percent_of(part: int, whole: int) -> str:
    """part / whole as `32,53%` (half up), from two integers."""
    hundredths, rest = divmod(part * 10000, whole)
    if 2 * rest >= whole:
        hundredths += 1
    return f"{hundredths // 100},{hundredths % 100:02d}%"


def vote_rows_html(result: VoteResult) -> SafeString:
    return SafeString(
        "\n".join(
            [
                f'<tr><th scope="row">{escape(r.name)}</th><td class="jf-num">{percent_of(r.budget_cents, r.total_cents)}</td>'
                f"<td>{escape(r.choice_label)}</td></tr>"
                for r in result.rows
            ]
        )
    )


def vote_records_html(records: list[VoteRecordRow]) -> SafeString:
    labels = dict(Vote.Choice.choices)
    return SafeString(
        "\n".join(
            [
                f"<tr><td>{dateformat.format(localtime(r.at), 'j-n-Y H:i:s')}</td><td>{escape(r.municipality)}</td>"
                f"<td>{escape(r.user)}</td><td>{escape(labels.get(r.previous_choice) or r.previous_choice or '—')}</td>"
                f"<td>{escape(labels.get(r.choice, r.choice))}</td></tr>"
                for r in records
            ]
        )
    )


def _permille(share: Fraction) -> str:
    """A share as an SVG x coordinate on a 0-1000 scale, with a dot (not the locale's comma)."""
    share = min(max(share, Fraction(0)), Fraction(1))
    tenths = round(share * 10000)
    return f"{tenths // 10}.{tenths % 10}"


def vote_bar_html(result: VoteResult) -> SafeString:
    """The yes share of the basis against the two-thirds line: an inline SVG (no script, no
    library) with its meaning in words for screen readers and a visible legend."""
    decision = result.decision  # once closed: the share and basis it was decided on
    share = (
        decision.yes_share
        if decision and decision.yes_share is not None
        else result.tally.yes_share
    )
    label = decision.basis_label if decision and decision.basis else result.basis_label
    yes = share_percent(share)
    gap = max(Fraction(2, 3) - share, Fraction(0))
    reach = (
        f"nog {share_percent(gap)} te gaan tot de tweederdegrens"
        if gap
        else "de tweederdegrens is bereikt"
    )
    words = f"Voor: {yes} van {escape(label)}; de tweederdegrens ligt op 66,67%; {reach}."
    line = _permille(Fraction(2, 3))
    return SafeString(
        f'<figure class="jf-vote-bar" data-testid="vote-bar">'
        f'<svg role="img" aria-labelledby="vote-bar-title" viewBox="0 0 1000 48" width="100%" height="48" '
        f'preserveAspectRatio="none" focusable="false"><title id="vote-bar-title">{words}</title>'
        f'<rect x="0" y="12" width="1000" height="24" fill="#ffffff" stroke="#4b4b4b" stroke-width="2"/>'
        f'<rect x="0" y="12" width="{_permille(share)}" height="24" fill="#1f6f2b"/>'
        f'<line x1="{line}" x2="{line}" y1="0" y2="48" stroke="#000000" stroke-width="4"/></svg>'
        f'<figcaption class="utrecht-paragraph">Groen: het ja-gewicht ({yes}). '
        f"Zwarte streep: tweederde (66,67%); {reach}.</figcaption></figure>"
    )


def turnout_text(result: VoteResult) -> str:
    """`12 van 13 leden hebben gestemd, samen 95,20% van het stemgewicht`."""
    tally = result.tally
    return (
        f"{tally.votes_cast} van {tally.members} leden hebben gestemd, samen "
        f"{share_percent(tally.turnout_share)} van het stemgewicht"
    )
