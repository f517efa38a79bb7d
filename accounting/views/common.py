"""What the books' pages share: the fund of the URL, downloads as PDF/XLSX, and large reports made in the background."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from accounting import tasks
from accounting.services import monitoring as monitoring_services
from core.exceptions import DomainError
from core.spreadsheets import workbook_download
from fund.models import Fund
from reports.render import report_workbook
from reports.table import Report

# Above this many rows a PDF is made in the background (django-q2) and the page shows progress.
BACKGROUND_ROWS = 400


def fund_for(request, slug, perm="accounting.view_overview") -> Fund:
    fund = get_object_or_404(
        Fund.objects.select_related("region", "coordinating_municipality"), slug=slug
    )
    if not request.user.has_perm(perm, fund):
        raise Http404("Fonds niet gevonden")
    return fund


def download(report: Report, fmt: str) -> HttpResponse:
    """The report as a file to save. An XLSX is written to a temporary file and streamed from
    there (FileResponse), so a large workbook is not held in memory as bytes as well."""
    if fmt not in ("pdf", "xlsx"):
        raise Http404("Onbekend formaat")
    if fmt == "xlsx":
        return workbook_download(report_workbook(report), f"{report.filename}.xlsx")
    content, content_type, filename = tasks.render(report, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def row_count(report: Report) -> int:
    return sum(len(t.rows) for t in report.tables)


def download_or_job(request, report: Report, fmt: str, *, kind: str, params: dict) -> HttpResponse:
    """A small report is rendered in the request; a large one (its page shows the background
    buttons) is made by a worker, so a direct link does not hold the request for many seconds."""
    if fmt not in ("pdf", "xlsx"):
        raise Http404("Onbekend formaat")
    if row_count(report) <= BACKGROUND_ROWS:
        return download(report, fmt)
    try:
        job = monitoring_services.report_job_start(
            kind=kind, params=params, fmt=fmt, user=request.user
        )
    except DomainError as exc:
        return job_refused(request, exc)
    messages.info(
        request,
        f"Dit rapport is groot ({row_count(report)} regels) en wordt op de achtergrond gemaakt. "
        "Zodra het klaar is, kunt u het hier downloaden.",
    )
    return redirect("accounting:job", pk=job.pk)


def report_page(request, template, report, *, kind, params, **context):
    context.update(
        {
            "report": report,
            "kind": kind,
            "params": params,
            "background": row_count(report) > BACKGROUND_ROWS,
        }
    )
    return render(request, template, context)


def job_refused(request, exc: DomainError) -> HttpResponse:
    """Back to the page the user came from (our own), with the reason; else the books' index."""
    messages.error(request, exc.message)
    back = request.headers.get("referer", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("accounting:index")
