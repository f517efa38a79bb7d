"""The writers: a report as XLSX bytes, or as the HTML kept with a meeting's agenda (the PDF:
reports.pdf); views, tasks and commands decide where they go. A cell is written by its column's
kind."""

import datetime as dt
from decimal import Decimal

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from core.spreadsheets import EURO_FORMAT, cell_styles, workbook_bytes, write_only_cells
from reports.table import DATE, MONEY, NUMBER, Kind, Report

NUMBER_FORMAT = "#,##0.##"
DATE_FORMAT = "DD-MM-YYYY"
PDF_TYPE = "application/pdf"
FLAGGED = {"overdue", "missing", "not_met"}


def report_xlsx(report: Report) -> bytes:
    """One sheet per table: a title row, the facts, the header, the rows, the totals.
    Money and numbers are numeric cells with a number format, never text."""
    return workbook_bytes(report_workbook(report))


def report_workbook(report: Report) -> Workbook:
    """report_xlsx's workbook, not yet saved (a download streams it: core.spreadsheets
    .workbook_download)."""
    wb = Workbook(write_only=True)
    style = cell_styles(wb, STYLE_NAMES)
    used = set()
    for table in report.tables:
        name = _sheet_name(table.sheet, used)
        ws = wb.create_sheet(name)
        for i, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = (
                18 if column.kind in (MONEY, NUMBER, DATE) else 30
            )
        make = write_only_cells(ws, style)

        def cell(value, kind: Kind | None = None, strong=False, flagged=False, make=make):
            if isinstance(value, dt.datetime):
                value = value.date()
            if kind is not None and kind.text is not None:
                value = kind.text(value) if value is not None else None
            if kind is MONEY and isinstance(value, Decimal):
                number_format = EURO_FORMAT
            elif kind is NUMBER and isinstance(value, Decimal):
                number_format = NUMBER_FORMAT
            elif kind is DATE and isinstance(value, dt.date):
                number_format = DATE_FORMAT
            else:
                number_format = None
            return make(value, number_format, strong, flagged)

        ws.append([cell(report.title, strong=True)])
        for label, value in report.facts:
            ws.append([cell(label, strong=True), cell(value)])
        ws.append([cell(table.caption, strong=True)])
        ws.append([cell(c.label, strong=True) for c in table.columns])
        for i, row in enumerate(table.rows):
            flag = table.row_flags[i] if i < len(table.row_flags) else ""
            flagged = flag in FLAGGED
            ws.append(
                [cell(v, c.kind, flagged=flagged) for v, c in zip(row, table.columns, strict=True)]
            )
        if table.totals:
            ws.append(
                [
                    cell(v if v != "" else None, c.kind, strong=True)
                    for v, c in zip(table.totals, table.columns, strict=True)
                ]
            )
        for note in report.notes:
            ws.append([cell(note)])
    return wb


STYLE_NAMES = {EURO_FORMAT: "Bedrag", NUMBER_FORMAT: "Getal", DATE_FORMAT: "Datum", None: "Tekst"}


def _sheet_name(name: str, used: set) -> str:
    name = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Blad"
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def report_html(report: Report) -> str:
    """The facts and tables as an HTML fragment for a page (as a meeting keeps its overview)."""
    return render_to_string("reports/_report.html", {"report": report})
