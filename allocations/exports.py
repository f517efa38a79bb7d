"""Ordinary exports: take data, return bytes. They never hold a BSN (those go only through
allocations.services.clients.bsn_export, which logs every record)."""

import base64
import io

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from weasyprint import HTML  # loaded on first use: it is slow to import

from allocations import charts
from allocations.forecast import ESTIMATE_DEVIATION_LIMIT, STOP_LIMIT
from allocations.selectors.forecasts import percent_text
from core.spreadsheets import text_row

EURO = "€ #,##0.00"
UNITS = "#,##0.00"


def _estimate_remark(line) -> str:
    if line.expected_units_estimated:
        return "schatting opgeslagen (niet ingevuld)"
    if line.deviates_from_estimate:
        return f"wijkt sterk af van de schatting (meer dan {int(ESTIMATE_DEVIATION_LIMIT * 100)}%)"
    return ""


def forecasts_xlsx(*, provider, year: int, statuses, lines) -> bytes:
    """Per month each budget (fund) on its own row, against its own granted budget (never the
    budgets of two regions added up); per product each line with the fund it forecasts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Per maand"
    ws.append(text_row(ws, [f"Prognoses {provider.name} {year}"]))
    ws["A1"].font = Font(bold=True)
    ws.append(
        [
            "Maand",
            "Geprognosticeerde kosten",
            "Toegekend budget",
            "Prognose %",
            "Status",
            "Fonds",
            "Regio",
        ]
    )
    points = sorted(
        ((point, status.fund) for status in statuses for point in status.series),
        key=lambda pair: (pair[0].month, pair[1].name),
    )
    for point, fund in points:
        ws.append(
            text_row(
                ws,
                [
                    point.month,
                    point.cost,
                    point.budget,
                    (point.percent / 100) if point.percent is not None else None,
                    point.status,
                    fund.name,
                    fund.region.name,
                ],
            )
        )
        ws.cell(row=ws.max_row, column=2).number_format = EURO
        ws.cell(row=ws.max_row, column=3).number_format = EURO
        ws.cell(row=ws.max_row, column=4).number_format = "0.0%"
    detail = wb.create_sheet("Per product")
    detail.append(
        [
            "Maand",
            "Productcode",
            "Product",
            "Geleverd",
            "Verwacht tot 31-12",
            "Schatting (berekend)",
            "Afwijking van schatting",
            "Opmerking",
            "Prijs (P)",
            "Kosten",
            "Wachtlijst",
            "Wachttijd (weken)",
            "Trend",
            "Fonds",
        ]
    )
    for line in lines:
        percent = line.estimate_deviation_percent
        detail.append(
            text_row(
                detail,
                [
                    line.submission.month,
                    line.product.code,
                    line.product.name,
                    line.units_delivered,
                    line.expected_units,
                    line.estimate,
                    percent / 100 if percent is not None else None,
                    _estimate_remark(line),
                    line.price.amount,
                    line.cost.amount,
                    line.waiting_list,
                    line.waiting_weeks,
                    line.get_trend_display(),
                    line.submission.fund.name,
                ],
            )
        )
        for column, number_format in (
            (4, UNITS),
            (5, UNITS),
            (6, UNITS),
            (7, "+0.0%;-0.0%;0.0%"),
            (9, EURO),
            (10, EURO),
        ):
            detail.cell(row=detail.max_row, column=column).number_format = number_format
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def forecast_report_html(report) -> str:
    sections = [
        {
            "section": section,
            "fund": section.fund,
            "status": section.status,
            "latest": section.latest,
            "percent_text": percent_text(section.status.percent),
            # The same SVG functions as the provider page's charts, embedded, not redrawn.
            "forecast_chart": _svg_data_uri(charts.provider_forecast_svg(section.status)),
            "waiting_chart": _svg_data_uri(charts.provider_waiting_svg(section.status))
            if section.status.series
            else None,
        }
        for section in report.sections
    ]
    return render_to_string(
        "allocations/pdf/forecast_report.html",
        {
            "report": report,
            "provider": report.provider,
            "year": report.year,
            "sections": sections,
            "stop_percent": int(STOP_LIMIT * 100),
            "made_at": timezone.localtime(),
        },
    )


def forecast_report_pdf(report) -> bytes:
    """ "Prognoserapportage <aanbieder> <jaar>" (WeasyPrint, the proposals app's base PDF style)."""
    return HTML(string=forecast_report_html(report)).write_pdf()
