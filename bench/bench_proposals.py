"""Proposals at national scale: the proposal list (5,000 proposals), the meeting overview and the
vote page (342 municipalities voting) against floor pages (bench.pages: the same request stack,
raw SQL, a bare template) and their selectors against the raw SQL alone (`..._selector`), and a
decision letter PDF against WeasyPrint rendering the same HTML directly."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.utils.safestring import mark_safe
from djmoney.money import Money
from weasyprint import HTML

from bench import national, pages
from bench.national import ensure_national
from core.models import Provider
from core.pagination import Paginator
from fund.selectors import municipality_weights
from proposals import exports, meeting_selectors, selectors
from proposals.models import AgendaItem, Award, MatrixCell, Meeting, Proposal, RequestedAmount, Vote
from proposals.services import letters as letter_services
from proposals.services import meetings as meeting_services

N_PROPOSALS, N_PROVIDERS, N_AWARDED, N_ITEMS = 5000, 100, 1000, 10
UNSCALED = ("N_ITEMS",)  # BENCH_SCALE: a meeting has as many agenda items at any scale
SMOKE_SIZES = (  # tests/bench: the same shapes at two tiny sizes (on the agenda: every 6th from N_AWARDED)
    {"N_PROPOSALS": 20, "N_PROVIDERS": 2, "N_AWARDED": 4, "N_ITEMS": 2},
    {"N_PROPOSALS": 45, "N_PROVIDERS": 5, "N_AWARDED": 9, "N_ITEMS": 5},
)
STATE: dict = {}


def setup() -> None:
    data = ensure_national()
    fund = data["funds"][0]
    STATE["fund"] = fund
    user = national.bench_two()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    STATE["client"], STATE["user"] = client, user
    if not Proposal.objects.filter(
        reference__startswith="V-BENCH-"
    ).exists():  # other benches add proposals too
        _generate(fund, user, data["regions"])
    STATE["meeting"] = Meeting.objects.get(fund=fund, kind="pho_maatschappij")
    STATE["item"] = STATE["meeting"].items.order_by("pk").first()
    award = Award.objects.filter(proposal__fund=fund, letters__isnull=False).first()
    STATE["letter"] = award.letters.get()
    STATE["letter_html"] = exports.decision_letter_html(STATE["letter"])


def _generate(fund, user, regions) -> None:
    Provider.objects.bulk_create(
        Provider(
            name=f"Bench aanbieder {i:03d}",
            slug=f"bench-aanbieder-{i}",
            region=regions[i % len(regions)],
        )
        for i in range(N_PROVIDERS)
    )
    providers = list(Provider.objects.filter(slug__startswith="bench-aanbieder-"))
    statuses = ["submitted", "screened", "on_agenda", "rejected", "withdrawn", "draft"]
    Proposal.objects.bulk_create(
        Proposal(
            fund=fund,
            reference=f"V-BENCH-{i:05d}",
            title=f"Benchvoorstel {i}",
            summary="Bench",
            contact="Bench",
            status="awarded" if i < N_AWARDED else statuses[i % len(statuses)],
            no_waiting_list_declaration=True,
            created_by=user,
        )
        for i in range(N_PROPOSALS)
    )
    proposals = list(
        Proposal.objects.filter(fund=fund, reference__startswith="V-BENCH-").order_by("reference")
    )
    through = Proposal.applicants.through
    through.objects.bulk_create(
        through(proposal_id=p.pk, provider_id=providers[(i + k) % N_PROVIDERS].pk)
        for i, p in enumerate(proposals)
        for k in range(1 + i % 2)
    )
    MatrixCell.objects.bulk_create(
        MatrixCell(proposal=p, row=r, column=c)
        for i, p in enumerate(proposals)
        for r, c in ((1, 1 + i % 3), (2 + i % 2, 2))
    )
    RequestedAmount.objects.bulk_create(
        RequestedAmount(proposal=p, year=2020 + i % 4, amount=Money(Decimal(10_000 + i), "EUR"))
        for i, p in enumerate(proposals)
    )
    Award.objects.bulk_create(
        Award(
            proposal=p,
            number=f"TF-2020-{i + 1:04d}",
            year=2020,
            amount=Money(Decimal(1_000 + i), "EUR"),
            period_start=dt.date(2020, 1, 1),
            period_end=dt.date(2020, 12, 31),
            report_due=dt.date(2021, 3, 1),
            awarded_by=user,
        )
        for i, p in enumerate(proposals[:N_AWARDED])
    )
    first = Award.objects.get(number="TF-2020-0001")
    from proposals.models import Goal, PerformanceIndicator

    goal = Goal.objects.create(
        proposal=first.proposal, description="Minder residentiële plaatsingen"
    )
    PerformanceIndicator.objects.create(
        goal=goal,
        indicator="Jongeren thuis behandeld",
        target_value=Decimal(40),
        unit="jongeren",
        target_date=dt.date(2020, 12, 31),
    )
    first.goals.set([goal])
    letter_services.letter_issue(
        user=user, award=first, addressee="Bench aanbieder 000", signatory="Voorzitter PHO"
    )

    meeting = meeting_services.meeting_create(
        user=user, fund=fund, kind="pho_maatschappij", date=dt.date(2020, 6, 1)
    )
    on_agenda = [p for p in proposals if p.status == "on_agenda"][:N_ITEMS]
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, proposal=p, position=i + 1, vote_year=2020)
        for i, p in enumerate(on_agenda)
    )
    weights = municipality_weights(fund=fund, year=2020)
    choices = ["yes", "yes", "no", "abstain"]
    Vote.objects.bulk_create(
        Vote(agenda_item=item, municipality_id=m, choice=choices[(m + item.pk) % 4], cast_by=user)
        for item in meeting.items.all()
        for m in weights
    )


# A proposal's matrix as one number in its row (proposals.selectors.cells_mask, rules.matrix_cell_bit)
CELLS_MASK_SQL = """(SELECT SUM(1 << ((c.row - 1) * 3 + c."column" - 1)) FROM proposals_matrixcell c
                     WHERE c.proposal_id = p.id)"""


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def proposal_list_ours():
    response = STATE["client"].get(f"/voorstellen/?fonds={STATE['fund'].slug}")
    assert response.status_code == 200 and b"Benchvoorstel" in response.content


def proposal_list_selector():
    page = Paginator(selectors.proposal_list(STATE["user"], fund=STATE["fund"]), 50).get_page(None)
    return page.paginator.count, selectors.proposal_list_rows(page.object_list)


@pages.floor_view("proposal-list")
def proposal_list_floor_rows(request=None):
    count, page, applicants = proposal_list_floor_sql()
    return [(count,), *page, *applicants]


def proposal_list_floor():
    return pages.get(STATE["client"], pages.url("proposal-list"))


def proposal_list_floor_sql():
    fund_id = STATE["fund"].pk
    count = _fetch("SELECT COUNT(*) FROM proposals_proposal WHERE fund_id = %s", [fund_id])
    page = _fetch(
        f"""SELECT p.id, p.reference, p.title, p.status, f.name,
                  (SELECT SUM(r.amount) FROM proposals_requestedamount r WHERE r.proposal_id = p.id),
                  {CELLS_MASK_SQL}
           FROM proposals_proposal p JOIN fund_fund f ON f.id = p.fund_id
           WHERE p.fund_id = %s ORDER BY p.created_at DESC, p.id DESC LIMIT 50""",
        [fund_id],
    )
    ids = [row[0] for row in page]
    marks = ",".join(["%s"] * len(ids))
    applicants = _fetch(
        f"""SELECT a.proposal_id, v.name FROM proposals_proposal_applicants a
                            JOIN core_provider v ON v.id = a.provider_id WHERE a.proposal_id IN ({marks})""",
        ids,
    )
    return count, page, applicants


def meeting_ours():
    response = STATE["client"].get(f"/voorstellen/vergaderingen/{STATE['meeting'].pk}/")
    assert response.status_code == 200 and b"Benchvoorstel" in response.content


def meeting_selector():
    return meeting_selectors.meeting_agenda(
        STATE["meeting"]
    ), meeting_selectors.meeting_overview_snapshot(STATE["meeting"])


@pages.floor_view("meeting-overview")
def meeting_floor_rows(request=None):
    items, kept = meeting_floor_sql()
    return [*items, *kept]


def meeting_floor():
    return pages.get(STATE["client"], pages.url("meeting-overview"))


def meeting_floor_sql():
    """The agenda and the fund overview kept with the meeting (its tables rendered when it was
    made, shown as they are: the page computes no overview)."""
    meeting_id = STATE["meeting"].pk
    items = _fetch(
        """SELECT i.position, p.reference, p.title, p.status FROM proposals_agendaitem i
                      JOIN proposals_proposal p ON p.id = i.proposal_id WHERE i.meeting_id = %s ORDER BY i.position""",
        [meeting_id],
    )
    kept = [
        (made_at, mark_safe(html))
        for made_at, html in _fetch(
            "SELECT made_at, html FROM proposals_fundoverviewsnapshot WHERE meeting_id = %s",
            [meeting_id],
        )
    ]
    return items, kept


def vote_page_ours():
    response = STATE["client"].get(f"/voorstellen/agendapunten/{STATE['item'].pk}/")
    last = f"Benchgemeente {national.N_MUNICIPALITIES - 1:03d}"  # every municipality has a row
    assert response.status_code == 200 and last.encode() in response.content


def vote_page_selector():
    return meeting_selectors.vote_result(STATE["item"])


@pages.floor_view("vote-page")
def vote_page_floor_rows(request=None):
    rows, total, share = vote_page_floor_sql()
    return [*rows, (total, share)]


def vote_page_floor():
    return pages.get(STATE["client"], pages.url("vote-page"))


def vote_page_floor_sql():
    item = STATE["item"]
    rows = _fetch(
        """SELECT m.name, c.counted_budget, v.choice FROM fund_contribution c
                     JOIN fund_tranche t ON t.id = c.tranche_id JOIN core_municipality m ON m.id = c.municipality_id
                     LEFT JOIN proposals_vote v ON v.municipality_id = c.municipality_id AND v.agenda_item_id = %s
                     WHERE t.fund_id = %s AND t.year = %s ORDER BY m.name""",
        [item.pk, STATE["fund"].pk, item.vote_year],
    )
    total = sum(r[1] for r in rows)
    yes = sum(r[1] for r in rows if r[2] == "yes")
    no = sum(r[1] for r in rows if r[2] == "no")
    return rows, total, yes / (yes + no)


def letter_ours():
    return exports.decision_letter_pdf(STATE["letter"])


def letter_floor():
    return HTML(string=STATE["letter_html"]).write_pdf()


BENCHES = [
    ("proposal_list", proposal_list_ours, proposal_list_floor),
    ("proposal_list_selector", proposal_list_selector, proposal_list_floor_sql),
    ("meeting_overview", meeting_ours, meeting_floor),
    ("meeting_overview_selector", meeting_selector, meeting_floor_sql),
    ("vote_page", vote_page_ours, vote_page_floor),
    ("vote_page_selector", vote_page_selector, vote_page_floor_sql),
    ("decision_letter_pdf", letter_ours, letter_floor),
]
