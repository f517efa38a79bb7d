"""The fund overview, the SPUK verantwoording and a booking (a payment, a commitment) at national scale (42 regions, 10 funds, 5,000
projects, 200,000+ journal lines): the pages against floor pages (bench.pages: the same request
stack, raw SQL, a bare template), their selectors against the raw SQL alone (`..._selector`), the
downloads against bare WeasyPrint/openpyxl floors."""

import datetime as dt
import io
from decimal import Decimal

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from djmoney.money import Money
from openpyxl import Workbook

from accounting import reports
from accounting.models import (
    BudgetPart,
    EntryKind,
    JournalEntry,
    JournalLine,
    SpukBudgetDivision,
    SpukBudgetLine,
)
from accounting.selectors.overview import fund_overview
from accounting.selectors.spuk import spuk_verantwoording
from accounting.services.awards import award_make, payment_make
from accounting.services.ledger import chart_of_accounts
from accounting.sisa import sisa_report
from bench import pages
from bench.national import YEARS, bench_two, ensure_national
from core.models import Municipality, Region
from core.services import office_of
from core.spreadsheets import write_only_cells
from fund.models import Contribution, Fund, Tranche
from proposals.models import Award
from reports.pdf import report_pdf
from reports.render import report_xlsx

STATE: dict = {}
PROJECTS = {
    "regional_big": 1500,
    "regional_other": 350,
    "spuk": 350,
}  # 1500 + 9 x 350 + 350 = 5,000
ADVANCES = 18  # monthly advances per project: 5,000 x 19 entries x 2 lines = 190,000 lines, plus contributions
UNSCALED = ("ADVANCES",)  # BENCH_SCALE: ten times the projects, the same monthly advances
SMOKE_SIZES = (  # tests/bench: the same shapes at two tiny sizes
    {"PROJECTS": {"regional_big": 3, "regional_other": 1, "spuk": 2}, "ADVANCES": 2},
    {"PROJECTS": {"regional_big": 7, "regional_other": 2, "spuk": 5}, "ADVANCES": 3},
)


def _money(value) -> Money:
    return Money(Decimal(value), "EUR")


def setup() -> None:
    STATE.pop("booking", None)
    data = ensure_national()
    funds = data["funds"]
    big = funds[0]
    spuk = _ensure_spuk(data)
    if not JournalEntry.objects.filter(fund=big).exists():
        _generate(funds, spuk)
    STATE["fund"], STATE["spuk"] = big, spuk
    user = bench_two()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    STATE["client"] = client
    print(
        f"# accounting: {JournalLine.objects.count()} journal lines, "
        f"{JournalEntry.objects.count()} entries",
        flush=True,
    )


def _ensure_spuk(data) -> Fund:
    spuk = Fund.objects.filter(slug="bench-spuk").first()
    if spuk is not None:
        return spuk
    coordinator = Municipality.objects.filter(region=data["region"]).order_by("pk").first()
    spuk = Fund.objects.create(
        name="Bench SPUK",
        slug="bench-spuk",
        kind=Fund.Kind.SPUK,
        landsdeel="Landsdeel 0",
        coordinating_municipality=coordinator,
        managed_by=office_of(data["region"]),
        term_start=dt.date(2020, 1, 1),
        term_end=dt.date(2023, 12, 31),
    )
    for year in YEARS:
        Tranche.objects.create(fund=spuk, year=year, amount=_money("5000000"), status="definitive")
    return spuk


def _generate(funds, spuk) -> None:
    from proposals.models import Proposal

    accounts = {code: account.pk for code, account in chart_of_accounts().items()}
    regions = list(Region.objects.all())
    plan = [(funds[0], PROJECTS["regional_big"])] + [
        (f, PROJECTS["regional_other"]) for f in funds[1:]
    ]
    plan.append((spuk, PROJECTS["spuk"]))
    proposals = []
    for fund, count in plan:
        for i in range(count):
            proposals.append(
                Proposal(
                    fund=fund,
                    reference=f"B-{fund.pk}-{i:05d}",
                    title=f"Benchproject {fund.pk}-{i}",
                    summary="Bench",
                    contact="Bench",
                    status=["awarded", "running", "completed"][i % 3],
                    filing_region=regions[i % len(regions)]
                    if fund.kind == Fund.Kind.SPUK
                    else None,
                )
            )
    Proposal.objects.bulk_create(proposals, batch_size=2000)
    proposals = list(
        Proposal.objects.filter(reference__startswith="B-").select_related("fund").order_by("pk")
    )
    awards = []
    for i, p in enumerate(proposals):
        year = YEARS[i % len(YEARS)]
        # small enough that the books obey the fund's own rules: fund 0 (1,500 projects) commits at most
        # its tranches and pays out half of that, less than it received (the PostgreSQL triggers check it)
        awards.append(
            Award(
                proposal=p,
                number=f"BA-{p.pk}",
                year=year,
                amount=_money(1_900 + (i % 7) * 100),
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
            )
        )
    Award.objects.bulk_create(awards, batch_size=2000)
    awards = list(
        Award.objects.filter(number__startswith="BA-")
        .select_related("proposal__fund")
        .order_by("pk")
    )

    # SPUK division per year: a budget line per project plus process costs and unforeseen
    budget_line = {}
    for year in YEARS:
        division = SpukBudgetDivision.objects.create(fund=spuk, year=year)
        SpukBudgetLine.objects.bulk_create(
            [
                SpukBudgetLine(
                    division=division,
                    part=BudgetPart.THEME,
                    label=f"Project {a.number}",
                    proposal=a.proposal,
                    amount=a.amount,
                    position=i,
                )
                for i, a in enumerate(
                    x for x in awards if x.proposal.fund_id == spuk.pk and x.year == year
                )
            ]
            + [
                SpukBudgetLine(
                    division=division,
                    part=BudgetPart.PROCESS_LEADER,
                    label="Projectleider",
                    amount=_money("100000"),
                    position=9999,
                )
            ]
        )
        for line in SpukBudgetLine.objects.filter(division=division, proposal__isnull=False):
            budget_line[line.proposal_id] = line.pk

    entries, lines = [], []

    def book(fund, kind, booked_on, description, rows):
        entries.append(
            JournalEntry(fund=fund, kind=kind, booked_on=booked_on, description=description)
        )
        lines.append(rows)

    for fund in funds:
        for c in (
            Contribution.objects.filter(tranche__fund=fund).select_related("tranche").iterator()
        ):
            year, amount, m = c.tranche.year, c.amount.amount, c.municipality_id
            book(
                fund,
                EntryKind.CONTRIBUTION_CHARGED,
                dt.date(year, 1, 15),
                "Bijdrage",
                [("receivable", amount, year, m, None), ("income", -amount, year, m, None)],
            )
            book(
                fund,
                EntryKind.CONTRIBUTION_RECEIVED,
                dt.date(year, 3, 1),
                "Ontvangst",
                [("bank", amount, year, m, None), ("receivable", -amount, year, m, None)],
            )
    for year in YEARS:
        for kind in (EntryKind.CONTRIBUTION_CHARGED, EntryKind.CONTRIBUTION_RECEIVED):
            first = (
                ("receivable", "income")
                if kind == EntryKind.CONTRIBUTION_CHARGED
                else ("bank", "receivable")
            )
            book(
                spuk,
                kind,
                dt.date(year, 2, 1),
                "Rijksuitkering",
                [
                    (first[0], Decimal(5_000_000), year, None, None),
                    (first[1], Decimal(-5_000_000), year, None, None),
                ],
            )
    for a in awards:
        fund, amount, year = a.proposal.fund, a.amount.amount, a.year
        bl = budget_line.get(a.proposal_id)
        book(
            fund,
            EntryKind.AWARD_COMMITTED,
            dt.date(year, 1, 10),
            f"Toekenning {a.number}",
            [("project_costs", amount, year, a.pk, bl), ("commitments", -amount, year, a.pk, bl)],
        )
        part = (amount / ADVANCES / 2).quantize(Decimal("0.01"))
        for month in range(ADVANCES):
            booked = dt.date(year + month // 12, month % 12 + 1, 20)
            book(
                fund,
                EntryKind.PAYMENT_ADVANCE,
                booked,
                f"Voorschot {a.number}",
                [("commitments", part, year, a.pk, bl), ("bank", -part, year, a.pk, bl)],
            )

    JournalEntry.objects.bulk_create(entries, batch_size=5000)
    objs = []
    for entry, rows in zip(entries, lines, strict=True):
        for row in rows:
            code, amount, year, ref, bl = row
            is_award = entry.kind in (EntryKind.AWARD_COMMITTED, EntryKind.PAYMENT_ADVANCE)
            objs.append(
                JournalLine(
                    entry_id=entry.pk,
                    account_id=accounts[code],
                    amount=_money(amount),
                    year=year,
                    municipality_id=None if is_award else ref,
                    award_id=ref if is_award else None,
                    budget_line_id=bl,
                )
            )
    JournalLine.objects.bulk_create(objs, batch_size=5000)


# -- fund overview ------------------------------------------------------------------------

# The fair floor of the overview: the least SQL that gives every number the overview shows (its
# years, every project with its awards, sums and matrix, the contributions per municipality),
# as raw rows. (Until stop 29 it read only the projects with journal lines and four of their
# columns, and no contributions: a third of the XLSX's cells.)
OVERVIEW_YEARS_SQL = """
    SELECT tr.year, tr.amount, t.charged, t.received, t.exchanged, t.committed, t.paid, t.refunded,
           t.direct, t.settled
    FROM fund_tranche tr
    LEFT JOIN accounting_fundyeartotals t ON t.fund_id = tr.fund_id AND t.year = tr.year
    WHERE tr.fund_id = %s ORDER BY tr.year
"""  # the running totals per fund and year (FundYearTotals), as the page reads them
OVERVIEW_PROJECTS_SQL = """
    SELECT p.id, p.reference, p.title, p.status,
      COALESCE(SUM(CASE WHEN a.code = 'commitments' AND e.kind IN ('award_committed', 'commitment_released') THEN l.amount END), 0),
      COALESCE(SUM(CASE WHEN a.code = 'bank' AND e.kind IN ('payment_advance', 'payment_final') THEN l.amount END), 0),
      COALESCE(SUM(CASE WHEN a.code = 'bank' AND e.kind = 'refund' THEN l.amount END), 0)
    FROM proposals_proposal p LEFT JOIN proposals_award w ON w.proposal_id = p.id
    LEFT JOIN accounting_journalline l ON l.award_id = w.id
    LEFT JOIN accounting_journalentry e ON e.id = l.entry_id
    LEFT JOIN accounting_account a ON a.id = l.account_id
    WHERE p.fund_id = %s
      AND (p.status IN ('adopted', 'awarded', 'running', 'completed') OR w.id IS NOT NULL)
    GROUP BY p.id, p.reference, p.title, p.status ORDER BY p.reference
"""
OVERVIEW_AWARDS_SQL = """
    SELECT w.proposal_id, w.number, w.amount FROM proposals_award w
    JOIN proposals_proposal p ON p.id = w.proposal_id WHERE p.fund_id = %s ORDER BY w.number
"""
OVERVIEW_CELLS_SQL = """
    SELECT c.proposal_id, c.row, c."column" FROM proposals_matrixcell c
    JOIN proposals_proposal p ON p.id = c.proposal_id WHERE p.fund_id = %s
"""
OVERVIEW_CONTRIBUTIONS_SQL = """
    SELECT m.name,
      COALESCE(SUM(CASE WHEN a.code = 'income' AND e.kind = 'contribution_charged' THEN l.amount END), 0),
      COALESCE(SUM(CASE WHEN a.code = 'bank' AND e.kind = 'contribution_received' THEN l.amount END), 0)
    FROM accounting_journalline l JOIN accounting_journalentry e ON e.id = l.entry_id
    JOIN accounting_account a ON a.id = l.account_id
    LEFT JOIN core_municipality m ON m.id = l.municipality_id
    WHERE e.fund_id = %s AND e.kind IN ('contribution_charged', 'contribution_received')
    GROUP BY m.name ORDER BY m.name
"""


def _overview_raw():
    """The overview's numbers as rows: its years, its projects (number, title, status, awards,
    awarded, committed, paid, refunded, to pay, matrix cells) and the contributions per
    municipality (name, charged, received, to receive)."""
    fund_id = STATE["fund"].pk
    with connection.cursor() as cursor:
        cursor.execute(OVERVIEW_YEARS_SQL, [fund_id])
        years = cursor.fetchall()
        cursor.execute(OVERVIEW_PROJECTS_SQL, [fund_id])
        sums = cursor.fetchall()
        cursor.execute(OVERVIEW_AWARDS_SQL, [fund_id])
        awards = cursor.fetchall()
        cursor.execute(OVERVIEW_CELLS_SQL, [fund_id])
        cells = cursor.fetchall()
        cursor.execute(OVERVIEW_CONTRIBUTIONS_SQL, [fund_id])
        contributions = cursor.fetchall()
    numbers, awarded, matrix = {}, {}, {}
    for proposal_id, number, amount in awards:
        numbers.setdefault(proposal_id, []).append(number)
        awarded[proposal_id] = awarded.get(proposal_id, 0) + amount
    for proposal_id, row, column in cells:
        matrix.setdefault(proposal_id, []).append(f"{row}{column}")
    projects = [
        (
            reference,
            title,
            status,
            ", ".join(numbers.get(pk, ())),
            awarded.get(pk, 0),
            -committed,
            -paid,
            refunded,
            paid - committed,
            " ".join(matrix.get(pk, ())),
        )
        for pk, reference, title, status, committed, paid, refunded in sums
    ]
    municipalities = [
        (name, -charged, received, -charged - received) for name, charged, received in contributions
    ]
    return years, projects, municipalities


def overview_page_ours():
    response = STATE["client"].get(f"/boekhouding/{STATE['fund'].slug}/overzicht/")
    assert response.status_code == 200, response.status_code


def overview_page_selector():
    return fund_overview(STATE["fund"])


def overview_floor_sql():
    return _overview_raw()


@pages.floor_view("accounting-overview")
def overview_floor_rows(request=None):
    years, projects, municipalities = _overview_raw()
    return [*years, *projects, *municipalities]


def overview_page_floor():
    return pages.get(STATE["client"], pages.url("accounting-overview"))


def overview_xlsx_ours():
    return report_xlsx(reports.fund_overview_report(fund_overview(STATE["fund"])))


def _bare_xlsx(sheets):
    wb = Workbook(write_only=True)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        write_only_cells(ws, None)  # the bare values through the same row writer as ours
        for row in rows:
            ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def overview_xlsx_floor():
    years, projects, municipalities = _overview_raw()
    return _bare_xlsx([("Per jaar", years), ("Projecten", projects), ("Bijdragen", municipalities)])


def _bare_pdf(rows):
    from weasyprint import HTML

    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
    return HTML(string=f"<html><body><table>{body}</table></body></html>").write_pdf()


def overview_pdf_ours():
    return report_pdf(reports.fund_overview_report(fund_overview(STATE["fund"])))


def overview_pdf_floor():
    years, projects, municipalities = _overview_raw()
    return _bare_pdf([*years, *projects, *municipalities])


# -- SPUK verantwoording ------------------------------------------------------------------

# Every number and text the SiSa verantwoording shows (page, XLSX and PDF): per budget line its
# grant year, part, description, region, the awards of its project, budget, spending in year T and
# cumulative, its explanation of year T and its project's status (for "final"); and per grant
# decision (tranche) its number, date and amount.
SISA_SQL = """
    SELECT d.year, bl.part, bl.label, r.name, ({awards}), bl.amount, s.year_total, s.cumulative,
           x.text, p.status
    FROM accounting_spukbudgetline bl JOIN accounting_spukbudgetdivision d ON d.id = bl.division_id
    LEFT JOIN core_region r ON r.id = bl.region_id
    LEFT JOIN proposals_proposal p ON p.id = bl.proposal_id
    LEFT JOIN accounting_spukexplanation x ON x.line_id = bl.id AND x.year = %s
    LEFT JOIN (
      SELECT l.budget_line_id AS line_id, SUM(CASE WHEN e.booked_on >= %s THEN l.amount ELSE 0 END) AS year_total,
             SUM(l.amount) AS cumulative
      FROM accounting_journalline l JOIN accounting_journalentry e ON e.id = l.entry_id
      JOIN accounting_account a ON a.id = l.account_id
      WHERE e.fund_id = %s AND l.budget_line_id IS NOT NULL AND a.code = 'bank' AND e.booked_on < %s
      GROUP BY l.budget_line_id
    ) s ON s.line_id = bl.id
    WHERE d.fund_id = %s AND d.year <= %s ORDER BY d.year, d.id, bl.position, bl.id
"""
AWARDS_SQL = {  # the award numbers of a line's project, in order, as one text
    "postgresql": "SELECT string_agg(a.number, ', ' ORDER BY a.number) FROM proposals_award a "
    "WHERE a.proposal_id = bl.proposal_id",
    "sqlite": "SELECT group_concat(n, ', ') FROM (SELECT a.number AS n FROM proposals_award a "
    "WHERE a.proposal_id = bl.proposal_id ORDER BY a.number)",
}
DECISIONS_SQL = """
    SELECT t.year, t.grant_decision_number, t.grant_decision_date, t.amount
    FROM fund_tranche t WHERE t.fund_id = %s AND t.year <= %s ORDER BY t.year
"""
SISA_YEAR = 2023


def _sisa_raw():
    """The grant decisions, then the budget lines (bench.pages writes them as rows)."""
    fund_id = STATE["spuk"].pk
    with connection.cursor() as cursor:
        cursor.execute(DECISIONS_SQL, [fund_id, SISA_YEAR])
        decisions = cursor.fetchall()
        cursor.execute(
            SISA_SQL.format(awards=AWARDS_SQL[connection.vendor]),
            [
                SISA_YEAR,
                dt.date(SISA_YEAR, 1, 1),
                fund_id,
                dt.date(SISA_YEAR + 1, 1, 1),
                fund_id,
                SISA_YEAR,
            ],
        )
        return [*decisions, *cursor.fetchall()]


def sisa_page_ours():
    response = STATE["client"].get(
        f"/boekhouding/{STATE['spuk'].slug}/spuk/{SISA_YEAR}/verantwoording/"
    )
    assert response.status_code == 200, response.status_code


def sisa_page_selector():
    return spuk_verantwoording(STATE["spuk"], SISA_YEAR)


def sisa_floor_sql():
    rows = _sisa_raw()
    return "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)


@pages.floor_view("accounting-spuk")
def sisa_floor_rows(request=None):
    return _sisa_raw()


def sisa_page_floor():
    return pages.get(STATE["client"], pages.url("accounting-spuk"))


def sisa_xlsx_ours():
    return report_xlsx(sisa_report(spuk_verantwoording(STATE["spuk"], SISA_YEAR)))


def sisa_xlsx_floor():
    return _bare_xlsx([("SiSa", _sisa_raw())])


def sisa_pdf_ours():
    return report_pdf(sisa_report(spuk_verantwoording(STATE["spuk"], SISA_YEAR)))


def sisa_pdf_floor():
    return _bare_pdf(_sisa_raw())


# -- bookings -------------------------------------------------------------------------------
# One booking against the national-scale journal (200,000+ lines), through the real service (the
# function the journal page's payment form and the award form call), against the same INSERTs as
# raw SQL without the service's checks. Both run in a transaction that is rolled back, so repeats
# do not change the data; on PostgreSQL the deferred constraint triggers (balance, payments within
# the award, fund within its means) are made to run before the rollback, as they would at commit.


def _rolled_back(book):
    with transaction.atomic():
        result = book()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred checks run now
                cursor.execute(
                    "SET CONSTRAINTS ALL DEFERRED"
                )  # as they were, inside a test's transaction
        transaction.set_rollback(True)
    return result


def _booking_state() -> dict:
    """The award paid and the proposal awarded again: the first bench award of the big fund, with
    its chart of accounts and the bench user."""
    if "booking" not in STATE:
        award = (
            Award.objects.filter(proposal__fund=STATE["fund"], number__startswith="BA-")
            .select_related("proposal__fund")
            .order_by("pk")
            .first()
        )
        STATE["booking"] = {
            "award": award,
            "accounts": {code: a.pk for code, a in chart_of_accounts().items()},
            "user": bench_two(),
        }
    return STATE["booking"]


def _raw_entry(cursor, fund_id, kind, description, user_id, lines):
    cursor.execute(
        "INSERT INTO accounting_journalentry (fund_id, kind, booked_on, description, created_at, "
        "created_by_id) VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        [fund_id, kind, timezone.localdate(), description, timezone.now(), user_id],
    )
    entry_id = cursor.fetchone()[0]
    cursor.execute(
        "INSERT INTO accounting_journalline (entry_id, account_id, amount, amount_currency, year, "
        "award_id, budget_line_id) VALUES "
        + ", ".join(["(%s, %s, %s, 'EUR', %s, %s, NULL)"] * len(lines)),
        [value for line in lines for value in (entry_id, *line)],
    )
    return entry_id


def book_payment_ours():
    s = _booking_state()
    return _rolled_back(
        lambda: payment_make(award=s["award"], amount=Decimal("1.00"), final=False, user=s["user"])
    )


def book_payment_floor():
    s = _booking_state()
    award, accounts = s["award"], s["accounts"]

    def book():
        with connection.cursor() as cursor:
            return _raw_entry(
                cursor,
                STATE["fund"].pk,
                EntryKind.PAYMENT_ADVANCE,
                f"Voorschot {award.number}",
                s["user"].pk,
                [
                    (accounts["commitments"], Decimal("1.00"), award.year, award.pk),
                    (accounts["bank"], Decimal("-1.00"), award.year, award.pk),
                ],
            )

    return _rolled_back(book)


def book_commitment_ours():
    s = _booking_state()
    award = s["award"]
    return _rolled_back(
        lambda: award_make(
            user=s["user"],
            proposal=award.proposal,
            year=award.year,
            amount=Decimal("1.00"),
            period_start=award.period_start,
            period_end=award.period_end,
        )
    )


def book_commitment_floor():
    s = _booking_state()
    award, accounts = s["award"], s["accounts"]

    def book():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO proposals_award (proposal_id, number, year, amount, amount_currency, "
                "period_start, period_end, conditions, advance_percent, report_due, awarded_at, "
                "awarded_by_id) VALUES (%s, %s, %s, %s, 'EUR', %s, %s, '', NULL, %s, %s, %s) "
                "RETURNING id",
                [
                    award.proposal_id,
                    f"BENCH-{award.year}-001",
                    award.year,
                    Decimal("1.00"),
                    award.period_start,
                    award.period_end,
                    dt.date(award.period_end.year + 1, 3, 1),
                    timezone.now(),
                    s["user"].pk,
                ],
            )
            award_id = cursor.fetchone()[0]
            return _raw_entry(
                cursor,
                STATE["fund"].pk,
                EntryKind.AWARD_COMMITTED,
                f"Toekenning BENCH-{award.year}-001",
                s["user"].pk,
                [
                    (accounts["project_costs"], Decimal("1.00"), award.year, award_id),
                    (accounts["commitments"], Decimal("-1.00"), award.year, award_id),
                ],
            )

    return _rolled_back(book)


BENCHES = [
    ("accounting_overview_page", overview_page_ours, overview_page_floor),
    ("accounting_overview_page_selector", overview_page_selector, overview_floor_sql),
    ("accounting_overview_xlsx", overview_xlsx_ours, overview_xlsx_floor),
    ("accounting_spuk_page", sisa_page_ours, sisa_page_floor),
    ("accounting_spuk_page_selector", sisa_page_selector, sisa_floor_sql),
    ("accounting_spuk_xlsx", sisa_xlsx_ours, sisa_xlsx_floor),
    ("accounting_spuk_pdf", sisa_pdf_ours, sisa_pdf_floor),
    ("accounting_overview_pdf", overview_pdf_ours, overview_pdf_floor),
    ("accounting_book_payment", book_payment_ours, book_payment_floor),
    ("accounting_book_commitment", book_commitment_ours, book_commitment_floor),
]

# The PDFs at national scale take long: the SPUK verantwoording about a minute for its four calls,
# the national overview minutes. They run after every other benchmark, in the order above
# (bench.__main__.bench_pass), so a run bounded in time (CI) still has the other exports' figures.
LAST = {"accounting_spuk_pdf", "accounting_overview_pdf"}
