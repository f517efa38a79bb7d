"""Reports made in the background (django-q2): starting one, its progress and its download."""

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounting.models import (
    JOB_POLL_SECONDS,
    ReportJob,
)
from accounting.services import monitoring as monitoring_services
from accounting.views.common import job_refused
from core.exceptions import DomainError
from fund.models import Fund

CHUNK = 64 * 1024  # a finished report's download is sent in parts of this many bytes


@require_POST
def job_start(request):
    kind, fmt = request.POST.get("kind", ""), request.POST.get("format", "")
    fund = Fund.objects.filter(slug=request.POST.get("fund", "")[:100]).first()
    perm = JOB_PERMISSION.get(kind)
    if perm is None or fund is None or not request.user.has_perm(perm, fund):
        raise Http404("Onbekend rapport")
    if kind == "spuk" and fund.kind != Fund.Kind.SPUK:
        raise Http404("Geen SPUK")
    params = {"fund": fund.slug}
    if (
        kind in JOB_WITH_YEAR
    ):  # a report of one of the fund's years, as its page's address has it; else no job
        year = request.POST.get("year", "")
        if not (
            year.isascii()
            and year.isdigit()
            and len(year) == 4
            and fund.tranches.filter(year=int(year)).exists()
        ):
            raise Http404("Geen jaar van dit fonds")
        params["year"] = year
    try:
        job = monitoring_services.report_job_start(
            kind=kind, params=params, fmt=fmt, user=request.user
        )
    except DomainError as exc:
        return job_refused(request, exc)
    return redirect("accounting:job", pk=job.pk)


JOB_WITH_YEAR = ("evaluation", "spuk")


JOB_PERMISSION = {
    "fund_overview": "accounting.view_overview",
    "evaluation": "accounting.view_overview",
    "spuk": "accounting.manage_spuk",
}


def _may_see_job(request, job: ReportJob) -> bool:
    """A job's report belongs to its fund: who started it sees it only while they may see the fund
    (a member who left the organisation loses its downloads too)."""
    fund = Fund.objects.filter(slug=job.params.get("fund", "")).first()
    perm = JOB_PERMISSION.get(job.kind)
    return perm is not None and fund is not None and request.user.has_perm(perm, fund)


def _job(request, pk, **filters) -> ReportJob:
    job = get_object_or_404(
        ReportJob.objects.defer("result"), pk=pk, created_by=request.user, **filters
    )
    if not _may_see_job(request, job):
        raise Http404("Taak niet gevonden")
    return job


def job(request, pk):
    job = _job(request, pk)
    return render(
        request,
        "accounting/job.html",
        {"job": job, "notice": job.notice(), "poll_seconds": JOB_POLL_SECONDS},
    )


def job_status(request, pk):
    """What the job page's script asks each second; `notice` set means: say it and stop asking."""
    job = _job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "progress": job.progress,
            "download": reverse("accounting:job_download", args=[job.pk])
            if job.status == ReportJob.Status.DONE
            else None,
            "error": job.error,
            "notice": job.notice(),
        }
    )


def job_download(request, pk):
    job = _job(request, pk, status=ReportJob.Status.DONE)
    job = ReportJob.objects.get(pk=job.pk)
    # streamed in parts of the stored file, not copied into a second whole one
    result = memoryview(job.result)
    response = StreamingHttpResponse(
        (result[start : start + CHUNK] for start in range(0, len(result), CHUNK)),
        content_type=job.content_type,
    )
    response["Content-Length"] = str(len(result))
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
