"""Reading the monthly forecast file (and the cells the browser form posts, which are the same): the
whole file is checked before anything is saved, and every problem is reported with its sheet, row,
column and reason (STYLE.md). The template it reads is written by allocations.xlsx.
"""

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.views.decorators.debug import sensitive_variables
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from allocations.bsn import validate_bsn
from allocations.exceptions import FileRejected
from allocations.forecast import expected_units_estimate
from allocations.rows import ClientRow, ForecastRow
from allocations.xlsx import (
    BSN_SHEET,
    ESTIMATE_INPUTS,
    FIRST_ROW,
    FIXED,
    INPUTS,
    MAX_ERRORS,
    NOTE_SHEET,
    SHEET,
    TRENDS,
    Column,
    month_label,
)
from core.numbers import NumberError, parse_number
from core.uploads import Unreadable, whole_file_refusal, xlsx_problem


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
