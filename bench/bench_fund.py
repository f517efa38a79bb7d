"""Fund page and XLSX download at national scale: the page against a floor page (bench.pages: the
same request stack, raw SQL, a bare template), its selector against the raw SQL alone, the XLSX
against a bare openpyxl floor."""

import io

from django.db import connection
from django.test import Client
from openpyxl import Workbook

from bench import national, pages
from bench.national import ensure_national
from core.spreadsheets import write_only_cells
from fund import exports, selectors

STATE: dict = {}


def setup() -> None:
    data = ensure_national()
    STATE["fund"] = data["funds"][0]
    user = national.bench_two()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    STATE["client"] = client


SQL = """
    SELECT m.name, t.year, c.amount
    FROM fund_contribution c JOIN fund_tranche t ON t.id = c.tranche_id
    JOIN core_municipality m ON m.id = c.municipality_id
    WHERE t.fund_id = %s ORDER BY m.name, t.year
"""


def _raw_rows():
    with connection.cursor() as cursor:
        cursor.execute(SQL, [STATE["fund"].pk])
        return cursor.fetchall()


def fund_page_ours():
    response = STATE["client"].get(f"/fondsen/{STATE['fund'].slug}/")
    assert response.status_code == 200, response.status_code


def fund_page_selector():
    return selectors.fund_contribution_table(STATE["fund"])


def fund_page_floor_sql():
    rows = _raw_rows()
    totals: dict = {}
    for _, year, amount in rows:
        totals[year] = totals.get(year, 0) + amount
    return rows, totals


@pages.floor_view("fund-page")
def fund_page_floor_rows(request=None):
    rows, totals = fund_page_floor_sql()
    return [*rows, *totals.items()]


def fund_page_floor():
    return pages.get(STATE["client"], pages.url("fund-page"))


def xlsx_ours():
    return exports.contributions_xlsx(selectors.fund_contribution_table(STATE["fund"]))


def xlsx_floor():
    rows = _raw_rows()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Bijdragen")
    write_only_cells(ws, None)  # the bare values through the same row writer as ours
    by_name: dict = {}
    for name, _year, amount in rows:
        by_name.setdefault(name, []).append(amount)
    for name, amounts in by_name.items():
        ws.append([name, *amounts, sum(amounts)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


BENCHES = [
    ("fund_page", fund_page_ours, fund_page_floor),
    ("fund_page_selector", fund_page_selector, fund_page_floor_sql),
    ("fund_xlsx", xlsx_ours, xlsx_floor),
]
