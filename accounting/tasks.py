"""Reports by name, so a page, a background task (django-q2) and a command build the same thing."""

import logging

from django.utils import timezone

from accounting import reports
from accounting.models import ReportJob, SettlementGroup
from accounting.selectors.monitoring import evaluation, region_report_rows
from accounting.selectors.overview import fund_overview
from accounting.selectors.settlement import settlement_preview
from accounting.selectors.spuk import spuk_verantwoording
from accounting.services.monitoring import report_reminders_send
from accounting.sisa import sisa_report
from core.models import Municipality
from core.spreadsheets import XLSX_TYPE
from fund.models import Fund
from reports.pdf import report_pdf
from reports.render import PDF_TYPE, report_xlsx
from reports.table import Report

logger = logging.getLogger(__name__)


def build_report(kind: str, params: dict) -> Report:
    if kind == "fund_overview":
        return reports.fund_overview_report(fund_overview(Fund.objects.get(slug=params["fund"])))
    if kind == "spuk":
        return sisa_report(
            spuk_verantwoording(Fund.objects.get(slug=params["fund"]), int(params["year"]))
        )
    if kind == "evaluation":
        return reports.evaluation_report(
            evaluation(Fund.objects.get(slug=params["fund"]), int(params["year"]))
        )
    if kind == "settlement":
        group = SettlementGroup.objects.select_related("fund").get(pk=params["group"])
        municipality = (
            Municipality.objects.get(pk=params["municipality"])
            if params.get("municipality")
            else None
        )
        return reports.settlement_report(settlement_preview(group), municipality)
    if kind == "region_reports":
        today = timezone.localdate()
        fund = Fund.objects.get(slug=params["fund"]) if params.get("fund") else None
        return reports.region_reports_report(
            region_report_rows(fund=fund, region_id=params.get("region"), today=today), today
        )
    raise ValueError(f"Unknown report {kind}")


def render(report: Report, fmt: str) -> tuple[bytes, str, str]:
    if fmt == "pdf":
        return report_pdf(report), PDF_TYPE, f"{report.filename}.pdf"
    if fmt == "xlsx":
        return report_xlsx(report), XLSX_TYPE, f"{report.filename}.xlsx"
    raise ValueError(f"Unknown format {fmt}")


def report_job_run(job_id: int) -> None:
    """Runs in a django-q2 worker: build, render, store; progress is saved between the steps."""
    job = ReportJob.objects.get(pk=job_id)
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.RUNNING, progress=10, started_at=timezone.now()
    )
    try:
        report = build_report(job.kind, job.params)
        ReportJob.objects.filter(pk=job_id).update(progress=50)
        content, content_type, filename = render(report, job.params["format"])
    except Exception as exc:
        logger.exception("report job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportJob.Status.FAILED, error=str(exc)[:2000]
        )
        return
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.DONE,
        progress=100,
        result=content,
        content_type=content_type,
        filename=filename,
    )


def send_report_reminders() -> int:
    """Daily (a django-q2 schedule made by migration 0005): remind regions of due and late reports."""
    return report_reminders_send(user=None)
