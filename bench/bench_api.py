"""The JSON API at national scale: a page of the forecast list (over the 1,000,000 forecast lines of
bench_allocations: 500 providers x 12 months x 167 products) and a page of the contributions (10
funds x 4 years x 342 municipalities), each requested with a token through the whole stack
(authentication, throttling, pagination, ETag), against a fair floor (bench.pages.api_floor_view):
a request through the same middleware with the same token, looked up in one query, and the same
rows from one raw SQL query, serialised with json.dumps. (Until stop 27 the floor skipped the
request and the token, so the ratio counted the HTTP stack against the API.)
"""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test import Client
from djmoney.money import Money

from api.services import issue_token
from bench import bench_allocations, pages
from bench.national import bench_two, ensure_national
from core.models import Region
from core.services import office_of
from fund.models import Fund, Tranche

YEAR = bench_allocations.YEAR
PAGE = 500  # the largest page a client may ask (api.pagination)
N_PROVIDERS, N_PRODUCTS = bench_allocations.N_PROVIDERS, bench_allocations.N_PRODUCTS
UNSCALED = ("N_PRODUCTS",)  # BENCH_SCALE: as bench_allocations
SMOKE_SIZES = (  # tests/bench: the same shapes at two tiny sizes
    {"N_PROVIDERS": 2, "N_PRODUCTS": 3},
    {"N_PROVIDERS": 5, "N_PRODUCTS": 6},
)
STATE: dict = {}


def setup() -> None:
    data = ensure_national()
    region, _ = Region.objects.get_or_create(
        slug="bench-alloc", defaults={"name": "Bench jeugdhulpregio", "landsdeel": "Zuid-West"}
    )
    two = bench_two(region)
    fund = Fund.objects.filter(slug=bench_allocations.common_selectors.GRANT_FUND_SLUG).first()
    if fund is None:
        fund = Fund.objects.create(
            name="Knelpunten (bench)",
            slug=bench_allocations.common_selectors.GRANT_FUND_SLUG,
            kind="one_off",
            region=region,
            managed_by=office_of(region),
            term_start=dt.date(YEAR, 1, 1),
            term_end=dt.date(YEAR, 12, 31),
        )
        Tranche.objects.create(fund=fund, year=YEAR, amount=Money(Decimal("1000000000"), "EUR"))
    bench_allocations._setup_dashboard(
        region, fund, two, n_providers=N_PROVIDERS, n_products=N_PRODUCTS
    )
    _, key = issue_token(two, "bench")
    STATE["client"] = Client(HTTP_AUTHORIZATION=f"Token {key}")
    STATE["user"], STATE["fund"], STATE["national"] = two, fund, data["funds"][0]


def _get(url: str) -> bytes:
    response = STATE["client"].get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.content


# --- the forecast list --------------------------------------------------------------------------


def forecasts_ours():
    return _get(f"/api/v1/forecasts/?year={YEAR}&page_size={PAGE}")


FORECASTS_SQL = """
    SELECT s.id, p.id, p.name, f.id, f.name, s.year, s.month, s.version, s.is_current, s.source,
           s.submitted_at,
           s.total_cost,
           (SELECT SUM(b.amount) FROM allocations_budgetline b
             WHERE b.provider_id = s.provider_id AND b.fund_id = s.fund_id AND b.year = s.year),
           COUNT(*) OVER ()
    FROM allocations_forecastsubmission s
    JOIN core_provider p ON p.id = s.provider_id JOIN fund_fund f ON f.id = s.fund_id
    WHERE s.year = %s AND s.is_current
    ORDER BY s.year, s.month, p.name, f.name, s.id LIMIT %s
"""


@pages.api_floor_view("api-forecasts")
def _forecasts_floor_body(request) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(FORECASTS_SQL, [YEAR, PAGE])
        rows = cursor.fetchall()
    return {"count": rows[0][-1] if rows else 0, "results": rows}


def forecasts_floor():
    return _get(pages.api_url("api-forecasts"))


# --- the contributions --------------------------------------------------------------------------


def contributions_ours():
    return _get(f"/api/v1/contributions/?page_size={PAGE}")


CONTRIBUTIONS_SQL = """
    SELECT c.id, t.fund_id, t.year, t.status, m.id, m.name, m.cbs_code, c.counted_budget, c.amount,
           COUNT(*) OVER ()
    FROM fund_contribution c JOIN fund_tranche t ON t.id = c.tranche_id
    JOIN core_municipality m ON m.id = c.municipality_id
    ORDER BY t.fund_id, t.year, m.name, c.id LIMIT %s
"""


@pages.api_floor_view("api-contributions")
def _contributions_floor_body(request) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(CONTRIBUTIONS_SQL, [PAGE])
        rows = cursor.fetchall()
    return {"count": rows[0][-1] if rows else 0, "results": rows}


def contributions_floor():
    return _get(pages.api_url("api-contributions"))


BENCHES = [
    ("api_forecasts_1m", forecasts_ours, forecasts_floor),
    ("api_contributions", contributions_ours, contributions_floor),
]
