"""Provider budgets at national scale: importing a 10,000-row forecast file, and the region
dashboard over 1,000,000 forecast lines (500 providers x 12 months x 167 products).

The 1,000,000 lines (and the products, requests and budget lines under them) are generated
with INSERT ... SELECT statements in SQL (a recursive CTE for the numbers), because creating
them through the ORM would take minutes; the import benchmark goes through the real service.
The dashboard page is timed against a floor page (bench.pages: the same request stack, the raw
SQL, a bare template), its selector against the raw SQL alone (`..._selector`).
"""

import io
from decimal import Decimal

import pandas as pd
from django.db import connection, transaction
from django.test import Client
from djmoney.money import Money
from openpyxl import load_workbook

from accounting.services.awards import budget_grant_make
from allocations.models import ForecastLine, ForecastSubmission, Product, Tariff
from allocations.selectors import common as common_selectors
from allocations.selectors import dashboards as dashboard_selectors
from allocations.selectors import products as product_selectors
from allocations.services import budget_requests as budget_request_services
from allocations.services import common as common_services
from allocations.services import forecasts as forecast_services
from allocations.xlsx import TRENDS, forecast_template
from bench import pages
from bench.national import bench_two
from core.models import Provider, Region
from core.permissions import user_region_id
from core.services import office_of
from fund.models import Fund, Tranche

# seed 002 §2.2 rule 6: what every PxQ request states (required to submit)
RULE_6_TEXT = {
    "scaling_down": "Cliënten na de behandelfase overgedragen aan het JGT.",
    "referring_back": "Lichte vragen terugverwezen naar de huisarts.",
    "shortening": "Trajecten met een evaluatie na twaalf weken.",
    "demand_evidence": "Meer aanmeldingen dan vorig jaar bij gelijke uitstroom.",
}

YEAR, MONTH = 2016, 12
IMPORT_ROWS = 10_000
N_PROVIDERS, N_PRODUCTS = 500, 167  # x 12 months = 1,002,000 forecast lines
# BENCH_SCALE: ten times the providers (and lines), the same products; and the same import, one
# provider's workbook (a country ten times larger does not fill in a larger one, and 100,000 rows
# is past what an upload may unpack to: allocations.xlsx_reading refuses it)
UNSCALED = ("N_PRODUCTS", "IMPORT_ROWS")
SMOKE_SIZES = (  # tests/bench: the same shapes at two tiny sizes
    {"IMPORT_ROWS": 4, "N_PROVIDERS": 2, "N_PRODUCTS": 3},
    {"IMPORT_ROWS": 9, "N_PROVIDERS": 5, "N_PRODUCTS": 6},
)
STATE: dict = {}


def setup() -> None:
    region, _ = Region.objects.get_or_create(
        slug="bench-alloc", defaults={"name": "Bench jeugdhulpregio", "landsdeel": "Zuid-West"}
    )
    two = bench_two(region)
    fund = Fund.objects.filter(slug=common_selectors.GRANT_FUND_SLUG).first()
    if fund is None:
        import datetime as dt

        fund = Fund.objects.create(
            name="Knelpunten (bench)",
            slug=common_selectors.GRANT_FUND_SLUG,
            kind="one_off",
            region=region,
            managed_by=office_of(region),
            term_start=dt.date(YEAR, 1, 1),
            term_end=dt.date(YEAR, 12, 31),
        )
        Tranche.objects.create(fund=fund, year=YEAR, amount=Money(Decimal("1000000000"), "EUR"))
    STATE["two"] = two
    _setup_import(region, two)
    _setup_dashboard(region, fund, two)
    client = Client()
    client.force_login(two, backend="django.contrib.auth.backends.ModelBackend")
    STATE["client"] = client


def _setup_import(region, two) -> None:
    provider, _ = Provider.objects.get_or_create(
        slug="bench-import", defaults={"name": "Bench import", "region": region}
    )
    if not Product.objects.filter(provider=provider).exists():
        Product.objects.bulk_create(
            Product(
                provider=provider, code=f"{n:05d}", name=f"Product {n}", category="45", unit="04"
            )
            for n in range(IMPORT_ROWS)
        )
        Tariff.objects.bulk_create(
            Tariff(
                region=region,
                year=YEAR,
                product_code=f"{n:05d}",
                unit="04",
                price=Money(Decimal("50.00") + n % 100, "EUR"),
            )
            for n in range(IMPORT_ROWS)
        )
        first = Product.objects.filter(provider=provider).order_by("code").first()
        request = budget_request_services.budget_request_submit(
            provider=provider,
            year=YEAR,
            quantities={first: Decimal("1000000")},
            motivation="bench import",
            user=two,
            **RULE_6_TEXT,
        )
        budget_grant_make(
            request=request, granted={request.lines.get().pk: Decimal("1000000")}, note="", user=two
        )
    wb = load_workbook(
        io.BytesIO(
            forecast_template(
                provider=provider,
                year=YEAR,
                month=MONTH,
                products=product_selectors.products_of(provider),
                tariffs=product_selectors.tariffs_for(provider=provider, year=YEAR),
            )
        )
    )
    ws = wb["Prognose"]
    for r in range(6, 6 + IMPORT_ROWS):
        for c, value in enumerate(
            [100 + r % 50, 4, 12.5, 1, 20 + r % 7, 3, 6, "stijgend", 90], start=5
        ):
            ws.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    wb.save(out)
    STATE["file"] = out.getvalue()
    STATE["import_provider"] = provider
    STATE["products"] = {p.code: p.pk for p in Product.objects.filter(provider=provider)}
    STATE["prices"] = {
        code: t.price.amount
        for code, t in product_selectors.tariffs_for(provider=provider, year=YEAR).items()
    }


SEQ = "WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < %s) "


def _setup_dashboard(region, fund, two, n_providers=None, n_products=None) -> None:
    """N_PROVIDERS x N_PRODUCTS x 12 months of forecast lines (or the sizes given: bench_api's own)."""
    if Provider.objects.filter(slug__startswith="bench-alloc-").exists():
        return
    n_providers, n_products = n_providers or N_PROVIDERS, n_products or N_PRODUCTS
    with transaction.atomic(), connection.cursor() as cursor:
        Provider.objects.bulk_create(
            Provider(name=f"Bench aanbieder {n:03d}", slug=f"bench-alloc-{n:03d}", region=region)
            for n in range(n_providers)
        )
        tariff = Tariff.objects.create(
            region=region,
            year=YEAR,
            product_code="ZZ000",
            unit="04",
            price=Money(Decimal("100"), "EUR"),
        )
        providers = "SELECT id FROM core_provider WHERE slug LIKE 'bench-alloc-%%'"
        cursor.execute(
            SEQ + "INSERT INTO allocations_product (provider_id, category, code, name, unit) "
            f"SELECT p.id, '45', substr('0000' || seq.n, length('0000' || seq.n) - 4, 5), 'Product ' || seq.n, '04' FROM ({providers}) p, seq",
            [n_products - 1],
        )
        # One granted request per provider: budget = 100,000 units x 1.00 spread as one grant line.
        cursor.execute(
            "INSERT INTO allocations_budgetrequest (provider_id, fund_id, year, motivation, status, submitted_by_id, submitted_at, "
            "scaling_down, referring_back, shortening, demand_evidence) "  # seed 002 §2.2 rule 6
            f"SELECT id, %s, %s, 'bench', 'granted', %s, '2016-01-01 00:00:00', 'bench', 'bench', 'bench', 'bench' FROM ({providers}) p",
            [fund.pk, YEAR, two.pk],
        )
        cursor.execute(
            "INSERT INTO allocations_budgetrequestline (request_id, product_id, tariff_id, quantity, price_currency, price, granted_quantity) "
            "SELECT r.id, (SELECT min(id) FROM allocations_product WHERE provider_id = r.provider_id), %s, 10000 + (r.provider_id %% 40) * 50, "
            "'EUR', 100, 10000 + (r.provider_id %% 40) * 50 FROM allocations_budgetrequest r WHERE r.motivation = 'bench'",
            [tariff.pk],
        )
        cursor.execute(
            "INSERT INTO allocations_budgetline (provider_id, product_id, year, fund_id, kind, amount_currency, amount, request_line_id, created_at) "
            "SELECT r.provider_id, l.product_id, r.year, r.fund_id, 'grant', 'EUR', l.granted_quantity * 100, l.id, '2016-01-01 00:00:00' "
            "FROM allocations_budgetrequestline l JOIN allocations_budgetrequest r ON r.id = l.request_id WHERE r.motivation = 'bench'"
        )
        cursor.execute(
            SEQ
            + "INSERT INTO allocations_forecastsubmission (provider_id, fund_id, year, month, version, is_current, source, "
            "explanation, submitted_by_id, submitted_at) "
            f"SELECT p.id, %s, %s, seq.n + 1, 1, TRUE, 'xlsx', '', %s, '2016-12-28 00:00:00' FROM ({providers}) p, seq",
            [11, fund.pk, YEAR, two.pk],
        )
        # 1,002,000 lines: every product of every provider in each of its 12 monthly forecasts.
        # Every expected_units is entered by the provider, none estimated (allocations 0003).
        cursor.execute(
            "INSERT INTO allocations_forecastline (submission_id, product_id, units_delivered, clients_in_care, average_duration_weeks, "
            "expected_outflow, expected_units, expected_units_estimated, waiting_list, waiting_weeks, trend, regional_use_percent, "
            "price_currency, price, cost_currency, cost) "
            "SELECT s.id, pr.id, 40 + s.month, 5, 12, 1, 20 + (pr.id %% 13) + (s.provider_id %% 7), FALSE, 2, 4, 'stable', 90, "
            "'EUR', 100, 'EUR', (60 + s.month + (pr.id %% 13) + (s.provider_id %% 7)) * 100 "
            "FROM allocations_forecastsubmission s JOIN allocations_product pr ON pr.provider_id = s.provider_id "
            f"WHERE s.year = %s AND s.provider_id IN ({providers})",
            [YEAR],
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM allocations_forecastline")
        print(
            f"# bench_allocations: {cursor.fetchone()[0]} forecast lines (generated with INSERT ... SELECT)",
            flush=True,
        )


# --- import ---------------------------------------------------------------------------------


def import_ours():
    forecast_services.forecast_import(
        provider=STATE["import_provider"],
        year=YEAR,
        month=MONTH,
        content=STATE["file"],
        user=STATE["two"],
    )


def import_floor():
    frame = pd.read_excel(
        io.BytesIO(STATE["file"]), sheet_name="Prognose", header=4, dtype={"Productcode": str}
    )
    products, prices = STATE["products"], STATE["prices"]
    provider = STATE["import_provider"]
    fund = common_services.forecast_fund(provider=provider, year=YEAR)
    version = (
        ForecastSubmission.objects.filter(provider=provider, fund=fund, year=YEAR, month=1).count()
        + 1
    )
    submission = ForecastSubmission.objects.create(
        provider=provider,
        fund=fund,
        year=YEAR,
        month=1,
        version=version,
        is_current=False,
        source="xlsx",
        submitted_by=STATE["two"],
    )
    lines = []
    for (
        code,
        delivered,
        clients,
        duration,
        outflow,
        expected,
        waiting,
        weeks,
        trend_word,
        use,
    ) in frame.iloc[:, [0, 4, 5, 6, 7, 8, 9, 10, 11, 12]].itertuples(index=False):
        price = prices[code]
        units = Decimal(str(delivered)) + Decimal(str(expected))
        lines.append(
            ForecastLine(
                submission=submission,
                product_id=products[code],
                units_delivered=Decimal(str(delivered)),
                clients_in_care=int(clients),
                average_duration_weeks=Decimal(str(duration)),
                expected_outflow=int(outflow),
                expected_units=Decimal(str(expected)),
                waiting_list=int(waiting),
                waiting_weeks=Decimal(str(weeks)),
                trend=TRENDS[trend_word],
                regional_use_percent=Decimal(str(use)),
                price=Money(price, "EUR"),
                cost=Money(price * units, "EUR"),
            )
        )
    ForecastLine.objects.bulk_create(lines)


# --- region dashboard -------------------------------------------------------------------------


def dashboard_ours():
    response = STATE["client"].get(f"/budgetten/regio/?jaar={YEAR}")
    assert response.status_code == 200, response.status_code


# The least SQL giving the dashboard's numbers: each current forecast's total (kept by the
# database on every write of its lines, allocations 0009) per provider and month.
FLOOR_SQL = """
    SELECT s.provider_id, s.month, SUM(s.total_cost)
    FROM allocations_forecastsubmission s
    WHERE s.year = %s AND s.is_current GROUP BY s.provider_id, s.month
"""


def dashboard_selector():
    return dashboard_selectors.region_dashboard(
        region_id=user_region_id(STATE["two"]), year=YEAR, visible_to=STATE["two"]
    )


@pages.floor_view("allocations-dashboard")
def dashboard_floor_sql(request=None):
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, [YEAR])
        return cursor.fetchall()


def dashboard_floor():
    return pages.get(STATE["client"], pages.url("allocations-dashboard"))


BENCHES = [
    ("allocations_import_10k", import_ours, import_floor),
    ("allocations_dashboard_1m", dashboard_ours, dashboard_floor),
    ("allocations_dashboard_1m_selector", dashboard_selector, dashboard_floor_sql),
]
