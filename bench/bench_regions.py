"""One installation for every region: each of the 42 regions has its own office, staff and fund
(bench.national.ensure_regional_offices). The fund list and the proposal list of one region's staff
show only that region's fund and proposals, against floor pages (bench.pages: the same request
stack, raw SQL that reads the same rows, a bare template), their selectors against the raw SQL
alone (`..._selector`); the
query count of ours does not grow with the number of regions (tests/bench smoke test and
tests/core/test_organisation_query_counts.py)."""

from django.core.paginator import Paginator
from django.db import connection
from django.test import Client

from bench import pages
from bench.national import ensure_national, ensure_regional_offices
from fund import selectors as fund_selectors
from proposals import selectors as proposal_selectors

STATE: dict = {}


def setup() -> None:
    data = ensure_national()
    regions = sorted(data["regions"], key=lambda r: r.slug)
    staff = ensure_regional_offices(regions)
    region = regions[0]
    client = Client()
    client.force_login(staff[region.slug], backend="django.contrib.auth.backends.ModelBackend")
    STATE.update(client=client, user=staff[region.slug], region=region)


def fund_list_ours():
    response = STATE["client"].get("/fondsen/")
    assert response.status_code == 200, response.status_code
    assert f"Regiofonds {STATE['region'].name}" in response.content.decode()


FUNDS_SQL = """
    SELECT f.name, f.term_start, f.term_end, t.year, t.amount
    FROM fund_fund f JOIN core_membership m ON m.organisation_id = f.managed_by_id
    LEFT JOIN fund_tranche t ON t.fund_id = f.id
    WHERE m.user_id = %s AND m.role = 'medewerker' ORDER BY f.term_start, f.name, t.year
"""


def fund_list_selector():
    return list(fund_selectors.funds_visible_to(STATE["user"]).prefetch_related("tranches"))


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


PROPOSALS_SQL = """
    SELECT p.reference, p.title, p.status, f.name
    FROM proposals_proposal p JOIN fund_fund f ON f.id = p.fund_id
    JOIN core_membership m ON m.organisation_id = f.managed_by_id
    WHERE m.user_id = %s AND m.role = 'medewerker' ORDER BY p.created_at DESC LIMIT 50
"""


def proposal_list_selector():
    page = Paginator(proposal_selectors.proposal_list(STATE["user"]), 50).get_page(None)
    return page.paginator.count, proposal_selectors.proposal_list_rows(page.object_list)


def proposal_list_floor():
    return pages.get(STATE["client"], pages.url("regions-proposal-list"))


@pages.floor_view("regions-proposal-list")
def proposal_list_floor_sql(request=None):
    with connection.cursor() as cursor:
        cursor.execute(PROPOSALS_SQL, [STATE["user"].pk])
        return cursor.fetchall()


BENCHES = [
    ("regions_fund_list", fund_list_ours, fund_list_floor),
    ("regions_fund_list_selector", fund_list_selector, fund_list_floor_sql),
    ("regions_proposal_list", proposal_list_ours, proposal_list_floor),
    ("regions_proposal_list_selector", proposal_list_selector, proposal_list_floor_sql),
]
