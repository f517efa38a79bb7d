"""Exports take data and return bytes (CSV, XLSX, PDF); views and commands decide where they go.

Text from users (owners, activities, notes) is written to XLSX as plain text, never as a formula:
a cell that starts with '=' stays the text the user typed."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from weasyprint import HTML

from core.spreadsheets import EURO_FORMAT, neutralise, text_cell, workbook_bytes, xlsx_text

CSV_HEADER = ["peildatum", "norm", "aantal"]
PDF_TYPE = "application/pdf"
DATE_FORMAT = "DD-MM-YYYY"


def counts_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for day, code, count in rows:
        writer.writerow([day.isoformat(), neutralise(code), count])
    return out.getvalue().encode()


def _cell(ws, value, *, bold=False):
    """A write-only cell; a string is always a string (data_type 's'), so '=1+1' is not a formula."""
    if isinstance(value, dt.datetime):
        value = value.date()
    c = text_cell(WriteOnlyCell(ws, value=xlsx_text(value)))
    if isinstance(value, Decimal):
        c.number_format = EURO_FORMAT
    elif isinstance(value, dt.date):
        c.number_format = DATE_FORMAT
    if bold:
        c.font = Font(bold=True)
    return c


def counts_xlsx(rows) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Tellingen")
    ws.append([_cell(ws, h, bold=True) for h in CSV_HEADER])
    for day, code, count in rows:
        ws.append([_cell(ws, day), _cell(ws, code), _cell(ws, count)])
    return workbook_bytes(wb)


ACTION_HEADER = [
    "Oplossingsrichting",
    "Nummer",
    "Eigenaar",
    "Activiteit",
    "Resultaat",
    "Planningsdatum",
    "Stoplicht",
    "Risico gemeld",
    "Resultaat bereikt op",
    "Stand van zaken",
    "Betaald uit",
    "Verplicht",
    "Betaald",
]


def action_plan_workbook(report) -> Workbook:
    """The action plan by solution line: real dates and amounts, user text as plain text."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Uitvoeringsplan")
    for width, letter in zip(
        (34, 9, 24, 50, 40, 14, 10, 10, 14, 40, 36, 16, 16), "ABCDEFGHIJKLM", strict=True
    ):
        ws.column_dimensions[letter].width = width
    ws.append([_cell(ws, f"Uitvoeringsplan {report.area.name}", bold=True)])
    ws.append([_cell(ws, "Stand per", bold=True), _cell(ws, report.today)])
    for word, text in report.legend:
        ws.append([_cell(ws, word, bold=True), _cell(ws, text)])
    ws.append([_cell(ws, h, bold=True) for h in ACTION_HEADER])
    for _, label, rows in report.lines:
        for r in rows:
            a = r.action
            ws.append(
                [
                    _cell(ws, label),
                    _cell(ws, a.number),
                    _cell(ws, a.owner),
                    _cell(ws, a.activity),
                    _cell(ws, a.result),
                    _cell(ws, a.planned_date),
                    _cell(ws, r.light_word),
                    _cell(ws, "ja" if a.at_risk else "nee"),
                    _cell(ws, a.result_reached_on),
                    _cell(ws, a.status_notes),
                    _cell(ws, r.money_label),
                    _cell(ws, r.committed),
                    _cell(ws, r.paid),
                ]
            )
    sheet = wb.create_sheet("Per stoplicht")
    sheet.append([_cell(sheet, "Stoplicht", bold=True), _cell(sheet, "Acties", bold=True)])
    for word, n in report.light_counts.items():
        sheet.append([_cell(sheet, word), _cell(sheet, n)])
    return wb


def pdf(template: str, context: dict) -> bytes:
    return HTML(string=render_to_string(template, context)).write_pdf()
