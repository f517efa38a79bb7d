"""The books' start page, the fund overview with its charts and downloads, and the yearly evaluation."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accounting import charts, reports
from accounting.selectors import monitoring as monitoring_selectors
from accounting.selectors import overview as overview_selectors
from accounting.selectors import spuk as spuk_selectors
from accounting.views.common import download_or_job, fund_for, report_page
from fund.models import Fund
from fund.selectors import funds_visible_to


def index(request):
    if not request.user.has_perm("accounting.view_books_index"):
        raise PermissionDenied
    funds = [
        f
        for f in funds_visible_to(request.user)
        if request.user.has_perm("accounting.view_overview", f)
    ]
    return render(request, "accounting/index.html", {"funds": funds})


def fund_overview(request, slug):
    fund = fund_for(request, slug)
    overview = overview_selectors.fund_overview(fund)
    report = reports.fund_overview_report(overview)
    can_manage = request.user.has_perm("accounting.manage_books", fund)
    return report_page(
        request,
        "accounting/fund_overview.html",
        report,
        kind="fund_overview",
        params={"fund": fund.slug},
        fund=fund,
        overview=overview,
        can_manage=can_manage,
        download_url=lambda fmt: reverse("accounting:overview_download", args=[fund.slug, fmt]),
    )


def fund_overview_chart(request, slug):
    """The fund's use per year (accounting.charts), as the overview page and its PDF show it."""
    fund = fund_for(request, slug)
    return HttpResponse(
        charts.fund_use_svg(overview_selectors.fund_overview(fund, with_changes=False)),
        content_type="image/svg+xml",
    )


def spuk_parts_chart(request, slug, year):
    """SPUK: budget against spending per part of the year's division."""
    fund = fund_for(request, slug, "accounting.manage_spuk")
    if fund.kind != Fund.Kind.SPUK:
        raise Http404("Geen SPUK")
    return HttpResponse(
        charts.spuk_parts_svg(spuk_selectors.spuk_parts(fund, year), year),
        content_type="image/svg+xml",
    )


def fund_overview_download(request, slug, fmt):
    fund = fund_for(request, slug)
    return download_or_job(
        request,
        reports.fund_overview_report(overview_selectors.fund_overview(fund)),
        fmt,
        kind="fund_overview",
        params={"fund": fund.slug},
    )


def evaluation(request, slug, year):
    fund = fund_for(request, slug)
    ev = monitoring_selectors.evaluation(fund, year)
    report = reports.evaluation_report(ev)
    return report_page(
        request,
        "accounting/evaluation.html",
        report,
        kind="evaluation",
        params={"fund": fund.slug, "year": year},
        fund=fund,
        evaluation=ev,
        year=year,
        can_enter=request.user.has_perm("accounting.manage_books", fund),
    )


def evaluation_download(request, slug, year, fmt):
    fund = fund_for(request, slug)
    return download_or_job(
        request,
        reports.evaluation_report(monitoring_selectors.evaluation(fund, year)),
        fmt,
        kind="evaluation",
        params={"fund": fund.slug, "year": year},
    )
