"""The monthly forecast as an XLSX file: a template per provider and month, and the reader that
checks the whole file before anything is saved (STYLE.md: report sheet, row, column, reason).

Also used for the browser form: it posts the same cells, so both are checked the same way.
"""

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.views.decorators.debug import sensitive_variables
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from allocations.bsn import validate_bsn
from allocations.exceptions import FileRejected
from allocations.forecast import expected_units_estimate, year_split
from allocations.models import Trend
from allocations.rows import ClientRow, ForecastRow
from core.numbers import NumberError, parse_number
from core.spreadsheets import text_cell
from core.uploads import Unreadable, whole_file_refusal, xlsx_problem

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
    ws["A1"] = f"Maandprognose {provider.name}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"], ws["B2"] = "Aanbieder", provider.slug
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
        text_cell(ws.cell(row=row_number, column=1, value=product.code))
        text_cell(ws.cell(row=row_number, column=2, value=product.name))
        text_cell(ws.cell(row=row_number, column=3, value=product.get_unit_display()))
        price = ws.cell(row=row_number, column=4, value=tariff.price.amount if tariff else None)
        price.number_format = "€ #,##0.00"
        old = previous.get(product.code)
        for offset, column in enumerate(INPUTS, start=len(FIXED) + 1):
            value = getattr(old, column.field, None) if old else None
            if column.kind == "trend" and value:
                value = TREND_WORD[value]
            cell = text_cell(ws.cell(row=row_number, column=offset, value=value))
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


# --- reading --------------------------------------------------------------------------------


def _blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_cell(column: Column, raw) -> tuple[object, str | None]:
    """(value, None) or (None, reason) for one input cell."""
    if _blank(raw):
        return None, "waarde ontbreekt"
    if column.kind == "trend":
        word = str(raw).strip().lower()
        if word not in TRENDS:
            return None, f"'{raw}' is geen trend; kies stijgend, gelijk of dalend"
        return TRENDS[word], None
    try:
        # core.numbers: the one reader of numbers (ASCII digits, Dutch or plain notation); the
        # column's own limits below keep their short reasons
        value = parse_number(raw, allow_negative=True)
    except NumberError as exc:
        return None, exc.message
    if value < 0:
        return None, "negatief getal"
    if column.kind == "int":
        if value != value.to_integral_value():
            return None, "geen geheel getal"
        if value >= 2**31:
            return None, "getal te groot"
        return int(value), None
    if column.kind == "percent" and value > 100:
        return None, "percentage boven 100"
    if value >= column.limit:
        return None, "getal te groot"
    if value.as_tuple().exponent < -column.places:
        return None, f"meer dan {column.places} decimalen"
    return value, None


def parse_rows(
    cells,
    *,
    sheet: str,
    product_codes: set[str],
    errors: list,
    optional: frozenset[str] = frozenset(),
) -> list[ForecastRow]:
    """`cells`: (row number, product code, [raw input values in INPUTS order]) per product row.

    A blank cell of a field in `optional` is None (the browser form's expected units: the service
    then stores the estimate); in the uploaded file every input is required."""
    rows, seen = [], {}
    for row_number, code, values in cells:
        code = "" if code is None else str(code).strip()
        if not code and all(v is None or str(v).strip() == "" for v in values):
            continue
        if code not in product_codes:
            errors.append(
                (
                    sheet,
                    row_number,
                    "A (Productcode)",
                    f"onbekend product '{code}'" if code else "productcode ontbreekt",
                )
            )
            continue
        if code in seen:
            errors.append(
                (
                    sheet,
                    row_number,
                    "A (Productcode)",
                    f"product {code} staat ook in rij {seen[code]}",
                )
            )
            continue
        seen[code] = row_number
        parsed, ok = {}, True
        for offset, (column, raw) in enumerate(
            zip(INPUTS, list(values) + [None] * len(INPUTS), strict=False), start=len(FIXED) + 1
        ):
            if column.field in optional and _blank(raw):
                parsed[column.field] = None
                continue
            value, reason = parse_cell(column, raw)
            if reason:
                ok = False
                errors.append(
                    (sheet, row_number, f"{get_column_letter(offset)} ({column.header})", reason)
                )
            parsed[column.field] = value
        if ok:
            rows.append(ForecastRow(product_code=code, **parsed))
    for code in sorted(product_codes - set(seen)):
        errors.append(
            (sheet, None, "", f"product {code} ontbreekt; vul voor elk product een rij in")
        )
    return rows


def estimate_from_cells(values, *, year: int, month: int):
    """The estimate for one row of raw input values (INPUTS order), None while it cannot be computed."""
    parsed = {}
    for column, raw in zip(INPUTS, values, strict=False):
        if column.field in ESTIMATE_INPUTS:
            parsed[column.field], reason = parse_cell(column, raw)
            if reason:
                return None
    return (
        expected_units_estimate(**parsed, year=year, month=month)
        if len(parsed) == len(ESTIMATE_INPUTS)
        else None
    )


@sensitive_variables()
def parse_bsn_rows(cells, *, product_codes: set[str], errors: list, year: int) -> list[ClientRow]:
    clients = []
    seen: dict[
        str, int
    ] = {}  # BSN -> the first row it is on; one client, one row (as the product sheet)
    for row_number, (code, bsn, intake) in cells:
        if all(v is None or str(v).strip() == "" for v in (code, bsn, intake)):
            continue
        code = "" if code is None else str(code).strip()
        if code not in product_codes:
            errors.append(
                (
                    BSN_SHEET,
                    row_number,
                    "A (Productcode)",
                    f"onbekend product '{code}'" if code else "productcode ontbreekt",
                )
            )
        try:
            number = validate_bsn(bsn if not isinstance(bsn, float) else int(bsn))
        except ValidationError:
            # Never echo the number itself: error pages and messages must not carry a BSN.
            number = None
            errors.append(
                (
                    BSN_SHEET,
                    row_number,
                    "B (BSN)",
                    "BSN ontbreekt" if bsn in (None, "") else "BSN voldoet niet aan de elfproef",
                )
            )
        if number and number in seen:
            errors.append(
                (BSN_SHEET, row_number, "B (BSN)", f"dit BSN staat ook in rij {seen[number]}")
            )
            number = None
        elif number:
            seen[number] = row_number
        intake_on = _date(intake)
        if intake_on is None:
            errors.append(
                (BSN_SHEET, row_number, "C (Opnamedatum)", "geen geldige datum (JJJJ-MM-DD)")
            )
        elif intake_on.year != year:
            errors.append(
                (BSN_SHEET, row_number, "C (Opnamedatum)", f"opnamedatum valt niet in {year}")
            )
        if number and intake_on and code in product_codes:
            clients.append(ClientRow(product_code=code, bsn=number, intake_on=intake_on))
    return clients


def _date(raw) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except (TypeError, ValueError):
        return None


@dataclass
class ParsedForecast:
    rows: list[ForecastRow]
    clients: list[ClientRow]
    explanation: str


def month_in_file(content: bytes) -> tuple[int, int] | None:
    """The month the template names in cell B3 ("JJJJ-MM"), or None when it names none."""
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None
    try:
        if SHEET not in wb.sheetnames:
            return None
        label = wb[SHEET]["B3"].value
        if isinstance(label, dt.date):
            return label.year, label.month
        match = re.fullmatch(r"(\d{4})-(\d{2})", str(label or "").strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            return None
        return int(match.group(1)), int(match.group(2))
    finally:
        wb.close()


@sensitive_variables()
def _read_forecast(
    content: bytes, *, provider_slug: str, year: int, month: int, product_codes: set[str]
):
    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        if SHEET not in wb.sheetnames:
            raise FileRejected(
                [(SHEET, None, "", f"het blad '{SHEET}' ontbreekt; gebruik het sjabloon")]
            )
        errors: list = []
        ws = wb[SHEET]
        head = {
            r: row
            for r, row in enumerate(
                ws.iter_rows(min_row=1, max_row=3, max_col=2, values_only=True), start=1
            )
        }
        slug = str((head.get(2) or (None, None))[1] or "").strip()
        label = (head.get(3) or (None, None))[1]
        label = label.strftime("%Y-%m") if isinstance(label, dt.date) else str(label or "").strip()
        if slug != provider_slug:
            errors.append(
                (
                    SHEET,
                    2,
                    "B (Aanbieder)",
                    f"het bestand is van '{slug or 'onbekend'}', niet van {provider_slug}",
                )
            )
        if label != month_label(year, month):
            errors.append(
                (
                    SHEET,
                    3,
                    "B (Maand)",
                    f"verkeerde maand '{label or 'leeg'}'; verwacht {month_label(year, month)}",
                )
            )
        width = len(FIXED) + len(
            INPUTS
        )  # up to the last input: the computed estimate after it is never read
        cells = (
            (number, values[0] if values else None, list(values[len(FIXED) : width]))
            for number, values in enumerate(
                ws.iter_rows(min_row=FIRST_ROW, max_col=width, values_only=True), start=FIRST_ROW
            )
        )
        rows = parse_rows(cells, sheet=SHEET, product_codes=product_codes, errors=errors)
        explanation = ""
        if NOTE_SHEET in wb.sheetnames:
            for value in wb[NOTE_SHEET].iter_rows(
                min_row=2, max_row=2, max_col=1, values_only=True
            ):
                explanation = str(value[0] or "").strip()
        clients = []
        if BSN_SHEET in wb.sheetnames:
            bsn_cells = (
                (number, (list(values) + [None] * 3)[:3])
                for number, values in enumerate(
                    wb[BSN_SHEET].iter_rows(min_row=2, max_col=3, values_only=True), start=2
                )
            )
            clients = parse_bsn_rows(
                bsn_cells, product_codes=product_codes, errors=errors, year=year
            )
    finally:
        wb.close()
    return rows, clients, explanation, errors


@sensitive_variables()
def parse_forecast_file(
    content: bytes, *, provider_slug: str, year: int, month: int, product_codes: set[str]
) -> ParsedForecast:
    """Check the whole file; raise FileRejected listing every bad cell, or hand back its rows.
    Any failure to read it (a broken part inside the zip, a DTD, openpyxl's lazy reads) is the
    refusal of the whole file (core.uploads)."""
    problem = xlsx_problem(content)
    if problem:
        raise FileRejected([("-", None, "", problem)])
    try:
        with whole_file_refusal(keep=(FileRejected,)):
            rows, clients, explanation, errors = _read_forecast(
                content,
                provider_slug=provider_slug,
                year=year,
                month=month,
                product_codes=product_codes,
            )
    except Unreadable as exc:
        raise FileRejected([("-", None, "", exc.reason)]) from None
    if errors:
        raise FileRejected(errors[:MAX_ERRORS])
    return ParsedForecast(rows=rows, clients=clients, explanation=explanation)
