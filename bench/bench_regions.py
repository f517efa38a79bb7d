"""One installation for every region: each of the 42 regions has its own office, staff and fund
(bench.national.ensure_regional_offices). The fund list and the proposal list of one region's staff
show only that region's fund and proposals, against floor pages (bench.pages: the same request
stack, raw SQL that reads the same rows, a bare template), their selectors against the raw SQL
alone (`..._selector`); the
query count of ours does not grow with the number of regions (tests/bench smoke test and
tests/core/test_organisation_query_counts.py)."""

from django.db import connection
from django.test import Client

from bench import pages
from bench.bench_proposals import CELLS_MASK_SQL
from bench.national import NATIONAL_REGION, ensure_national, ensure_regional_offices
from core.pagination import Paginator
from fund import selectors as fund_selectors
from proposals import selectors as proposal_selectors

STATE: dict = {}


def setup() -> None:
    data = ensure_national()
    regions = sorted(data["regions"], key=lambda r: r.slug)
    staff = ensure_regional_offices(regions)
    # one region of the 42, not the national one: its office manages the national bench funds
    # (bench_fund, bench_proposals: 5,000 proposals), which proposal_list measures already
    region = next(r for r in regions if r.slug != NATIONAL_REGION)
    client = Client()
    client.force_login(staff[region.slug], backend="django.contrib.auth.backends.ModelBackend")
    STATE.update(client=client, user=staff[region.slug], region=region)


def fund_list_ours():
    response = STATE["client"].get("/fondsen/")
    assert response.status_code == 200, response.status_code
    assert f"Regiofonds {STATE['region'].name}" in response.content.decode()


FUNDS_SQL = """
    SELECT f.slug, f.name, f.kind, r.name, f.landsdeel, f.term_start, f.term_end,
           (SELECT COUNT(*) FROM fund_tranche t WHERE t.fund_id = f.id)
    FROM fund_fund f JOIN core_membership m ON m.organisation_id = f.managed_by_id
    LEFT JOIN core_region r ON r.id = f.region_id
    WHERE m.user_id = %s AND m.role = 'medewerker' ORDER BY f.term_start, f.name
"""


def fund_list_selector():
    return list(fund_selectors.fund_list(STATE["user"]))


def fund_list_floor():
    return pages.get(STATE["client"], pages.url("regions-fund-list"))


@pages.floor_view("regions-fund-list")
def fund_list_floor_sql(request=None):
    with connection.cursor() as cursor:
        cursor.execute(FUNDS_SQL, [STATE["user"].pk])
        return cursor.fetchall()


def proposal_list_ours():
    response = STATE["client"].get("/voorstellen/")
    assert response.status_code == 200, response.status_code
    assert f"van {STATE['region'].name}" in response.content.decode()


STAFF_PROPOSALS = """
    FROM proposals_proposal p JOIN fund_fund f ON f.id = p.fund_id
    JOIN core_membership m ON m.organisation_id = f.managed_by_id
    WHERE m.user_id = %s AND m.role = 'medewerker'
"""
# The numbers the page shows: how many there are, and of the first 50 the number, title, status,
# fund, filing region, requested total, matrix (for the matrix rule) and applicants.
PROPOSALS_SQL = (
    "SELECT COUNT(*)" + STAFF_PROPOSALS,
    """SELECT p.id, p.reference, p.title, p.status, f.name, f.kind, r.name,
              (SELECT SUM(a.amount) FROM proposals_requestedamount a WHERE a.proposal_id = p.id),
              """
    + CELLS_MASK_SQL
    + STAFF_PROPOSALS.replace("WHERE", "LEFT JOIN core_region r ON r.id = p.filing_region_id WHERE")
    + " ORDER BY p.created_at DESC, p.id DESC LIMIT 50",
    """SELECT a.proposal_id, v.name FROM proposals_proposal_applicants a
       JOIN core_provider v ON v.id = a.provider_id WHERE a.proposal_id IN ({ids})""",
)


def proposal_list_selector():
    page = Paginator(proposal_selectors.proposal_list(STATE["user"]), 50).get_page(None)
    return page.paginator.count, proposal_selectors.proposal_list_rows(page.object_list)


def proposal_list_floor():
    return pages.get(STATE["client"], pages.url("regions-proposal-list"))


@pages.floor_view("regions-proposal-list")
def proposal_list_floor_sql(request=None):
    count_sql, page_sql, applicants_sql = PROPOSALS_SQL
    with connection.cursor() as cursor:
        cursor.execute(count_sql, [STATE["user"].pk])
        rows = cursor.fetchall()
        cursor.execute(page_sql, [STATE["user"].pk])
        page = cursor.fetchall()
        rows += page
        ids = [row[0] for row in page] or [0]
        marks = ",".join(["%s"] * len(ids))
        cursor.execute(applicants_sql.format(ids=marks), ids)
        rows += cursor.fetchall()
        return rows


BENCHES = [
    ("regions_fund_list", fund_list_ours, fund_list_floor),
    ("regions_fund_list_selector", fund_list_selector, fund_list_floor_sql),
    ("regions_proposal_list", proposal_list_ours, proposal_list_floor),
    ("regions_proposal_list_selector", proposal_list_selector, proposal_list_floor_sql),
]
