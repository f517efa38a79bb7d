"""The monthly forecast as an XLSX file: the template per provider and month, its columns and its
formulas. The reader that checks the whole file before anything is saved (STYLE.md: report sheet,
row, column, reason) is allocations.xlsx_reading; the browser form posts the same cells, so both
are checked the same way.
"""

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from allocations.forecast import year_split
from allocations.models import Trend
from core.spreadsheets import text_cell, xlsx_text

SHEET = "Prognose"
NOTE_SHEET = "Toelichting"
BSN_SHEET = "BSN"
HEADER_ROW = 5
FIRST_ROW = 6
MAX_ERRORS = 200
INPUT_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
COMPUTED_FILL = PatternFill("solid", start_color="EDEDED", end_color="EDEDED")
HEADER_FONT = Font(bold=True)
TRENDS = {"stijgend": Trend.RISING, "gelijk": Trend.STABLE, "dalend": Trend.FALLING}
TREND_WORD = {v: k for k, v in TRENDS.items()}


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str  # "decimal", "int", "percent", "trend"
    places: int = 2
    limit: int = 10**11


# Fixed columns A-D (product, filled in) and the input columns E-M.
FIXED = ["Productcode", "Product", "Eenheid", "Prijs (P)"]
INPUTS = [
    Column("units_delivered", "Geleverd t/m maand (eenheden)", "decimal"),
    Column("clients_in_care", "Cliënten in zorg", "int"),
    Column("average_duration_weeks", "Gem. doorlooptijd (weken)", "decimal", limit=10**5),
    Column("expected_outflow", "Verwachte uitstroom (cliënten)", "int"),
    Column("expected_units", "Verwachte eenheden tot 31-12", "decimal"),
    Column("waiting_list", "Wachtlijst (cliënten)", "int"),
    Column("waiting_weeks", "Wachttijd (weken)", "decimal", places=1, limit=10**4),
    Column("trend", "Trend wachttijd (stijgend/gelijk/dalend)", "trend"),
    Column("regional_use_percent", "Benutting regio (%)", "percent", places=1),
]
BSN_HEADERS = ["Productcode", "BSN", "Opnamedatum (JJJJ-MM-DD)"]
# After the inputs, column N: the estimate of expected units as an Excel formula over the row's cells,
# shown to the provider while filling in, never read back (the reader stops at the last input, M).
# Not beside column I itself: that would move J-M, the columns of templates already handed out.
ESTIMATE_HEADER = "Schatting (berekend)"
ESTIMATE_COLUMN = len(FIXED) + len(INPUTS) + 1
ESTIMATE_INPUTS = (
    "units_delivered",
    "clients_in_care",
    "average_duration_weeks",
    "expected_outflow",
)


def input_letter(field: str) -> str:
    return get_column_letter(len(FIXED) + 1 + [c.field for c in INPUTS].index(field))


def estimate_formula(row: int, *, year: int, month: int) -> str:
    """allocations.forecast.expected_units_estimate as an Excel formula over row `row` (in days:
    units x (staying x days left + leaving x min(7 x D, days left) / 2) / (clients x days passed)).
    Blank while the cells it needs are not filled in, or when there is no rate (no units, no clients)."""
    elapsed, remaining = year_split(month=month, year=year)
    if remaining == 0:
        return "=0"
    units, clients, weeks, outflow = (f"{input_letter(field)}{row}" for field in ESTIMATE_INPUTS)
    filled = ",".join(f"ISNUMBER({cell})" for cell in (units, clients, weeks, outflow))
    return (
        f"=IF(AND({filled},{units}>0,{clients}>0),ROUND({units}*(MAX({clients}-{outflow},0)*{remaining}"
        f'+MIN({outflow},{clients})*MIN(7*{weeks},{remaining})/2)/({clients}*{elapsed}),2),"")'
    )


def month_label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def forecast_template(
    *, provider, year: int, month: int, products, tariffs: dict, previous: dict | None = None
) -> bytes:
    """Products filled in, input cells marked (yellow, unlocked), numbers validated by Excel."""
    previous = previous or {}
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    # Every text we write is a string cell (core.spreadsheets); only column N is our own formula.
    ws["A1"] = xlsx_text(f"Maandprognose {provider.name}")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"], ws["B2"] = "Aanbieder", xlsx_text(provider.slug)
    ws["A3"], ws["B3"] = "Maand", month_label(year, month)
    for ref in ("A1", "A2", "B2", "A3", "B3"):
        text_cell(ws[ref])
    ws["A4"] = (
        "Vul de gele cellen in. Kosten = (geleverd + verwacht) x P van de tarievenlijst. "
        f"Kolom {get_column_letter(ESTIMATE_COLUMN)} rekent ter vergelijking de verwachte eenheden uit "
        "(uit geleverd, cliënten, doorlooptijd en uitstroom); die kolom wordt niet ingelezen."
    )
    headers = FIXED + [c.header for c in INPUTS] + [ESTIMATE_HEADER]
    for index, header in enumerate(headers, start=1):
        cell = text_cell(ws.cell(row=HEADER_ROW, column=index, value=header))
        cell.font = HEADER_FONT
        ws.column_dimensions[get_column_letter(index)].width = 14 if index != 2 else 34
    row_number = FIRST_ROW
    for product in products:
        tariff = tariffs.get(product.code)
        text_cell(ws.cell(row=row_number, column=1, value=xlsx_text(product.code)))
        text_cell(ws.cell(row=row_number, column=2, value=xlsx_text(product.name)))
        text_cell(ws.cell(row=row_number, column=3, value=product.get_unit_display()))
        price = ws.cell(row=row_number, column=4, value=tariff.price.amount if tariff else None)
        price.number_format = "€ #,##0.00"
        old = previous.get(product.code)
        for offset, column in enumerate(INPUTS, start=len(FIXED) + 1):
            value = getattr(old, column.field, None) if old else None
            if column.kind == "trend" and value:
                value = TREND_WORD[value]
            cell = text_cell(ws.cell(row=row_number, column=offset, value=xlsx_text(value)))
            cell.fill = INPUT_FILL
            cell.protection = Protection(locked=False)
        estimate = ws.cell(
            row=row_number,
            column=ESTIMATE_COLUMN,
            value=estimate_formula(row_number, year=year, month=month),
        )
        estimate.fill = COMPUTED_FILL
        estimate.number_format = "#,##0.00"
        row_number += 1
    last = max(row_number - 1, FIRST_ROW)
    _validations(ws, last)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3)
    ws.protection.sheet = True  # only the yellow input cells can be changed

    notes = wb.create_sheet(NOTE_SHEET)
    notes["A1"] = (
        "Toelichting: hoe droeg u bij aan afschaling, terugverwijzing en kortere trajecten? Komt de wachtlijst uit hogere vraag?"
    )
    notes["A1"].font = HEADER_FONT
    notes["A2"].fill = INPUT_FILL
    notes.column_dimensions["A"].width = 120

    bsns = wb.create_sheet(BSN_SHEET)
    for index, header in enumerate(BSN_HEADERS, start=1):
        text_cell(bsns.cell(row=1, column=index, value=header)).font = HEADER_FONT
        bsns.column_dimensions[get_column_letter(index)].width = 26
    for r in range(2, 202):
        for c in range(1, 4):
            bsns.cell(row=r, column=c).fill = INPUT_FILL
        bsns.cell(row=r, column=2).number_format = "@"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _validations(ws, last: int) -> None:
    def add(kind, letters, **kw):
        dv = DataValidation(
            type=kind, allow_blank=False, showErrorMessage=True, errorTitle="Ongeldige waarde", **kw
        )
        for letter in letters:
            dv.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        ws.add_data_validation(dv)

    letters = {c.kind: [] for c in INPUTS}
    for offset, column in enumerate(INPUTS, start=len(FIXED) + 1):
        letters[column.kind].append(get_column_letter(offset))
    add(
        "decimal",
        letters["decimal"],
        operator="greaterThanOrEqual",
        formula1="0",
        error="Vul een getal van 0 of meer in.",
    )
    add(
        "whole",
        letters["int"],
        operator="greaterThanOrEqual",
        formula1="0",
        error="Vul een geheel getal van 0 of meer in.",
    )
    add(
        "decimal",
        letters["percent"],
        operator="between",
        formula1="0",
        formula2="100",
        error="Vul een percentage van 0 tot 100 in.",
    )
    add(
        "list",
        letters["trend"],
        formula1='"stijgend,gelijk,dalend"',
        error="Kies stijgend, gelijk of dalend.",
    )
