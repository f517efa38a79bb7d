"""Project monitoring: my results, an indicator's result, and the region reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounting import forms, reports, rules
from accounting.selectors import monitoring as monitoring_selectors
from accounting.services import monitoring as monitoring_services
from accounting.views.common import download
from core.exceptions import DomainError
from core.pagination import Paginator
from core.permissions import (
    is_two,
)
from proposals.models import PerformanceIndicator, Proposal


def my_results(request):
    """The awarded projects this user reports on, with every indicator to report a delivered value for:
    a provider its own projects; a jeugdhulpregio the SPUK projects it filed; the coordinating
    municipality the projects of the SPUK it coordinates (monitoring_selectors.results_reported_by_q)."""
    rows = monitoring_selectors.results_to_report(request.user)
    if rows is None:
        raise PermissionDenied
    return render(request, "accounting/my_results.html", {"rows": rows})


def indicator_result(request, pk, year):
    indicator = get_object_or_404(
        PerformanceIndicator.objects.select_related("goal__proposal__fund"), pk=pk
    )
    proposal = indicator.goal.proposal
    if not request.user.has_perm("accounting.enter_results", proposal):
        raise Http404("Indicator niet gevonden")
    if not proposal.fund.tranches.filter(
        year=year
    ).exists():  # like an award's year: one of the fund's years
        raise Http404("Geen jaar van dit fonds")
    existing = indicator.results.filter(year=year).first()
    form = forms.IndicatorResultForm(
        request.POST or None,
        initial={
            "delivered_value": existing.delivered_value if existing else None,
            "assessment": existing.assessment if existing else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        monitoring_services.indicator_result_enter(
            indicator=indicator,
            year=year,
            user=request.user,
            source="two" if is_two(request.user) else "project",
            **form.cleaned_data,
        )
        messages.success(request, f"De geleverde waarde voor {indicator} is opgeslagen.")
        if request.user.has_perm("accounting.view_overview", proposal.fund):
            return redirect("accounting:evaluation", slug=proposal.fund.slug, year=year)
        return redirect("accounting:indicator_result", pk=pk, year=year)
    return render(
        request,
        "accounting/indicator_result.html",
        {
            "indicator": indicator,
            "proposal": proposal,
            "year": year,
            "form": form,
            "existing": existing,
        },
    )


def _report_rows(request, peildatum, query: str = ""):
    if not request.user.has_perm("accounting.view_region_reports"):
        raise PermissionDenied
    return monitoring_selectors.region_report_rows(
        visible_to=request.user, today=peildatum, query=query
    )


def _peildatum(request):
    """The peildatum asked for (?peildatum=YYYY-MM-DD), or today; a bad value stays on the form
    with its error, and the list shows today."""
    today = timezone.localdate()
    form = forms.PeildatumForm(request.GET or None, initial={"peildatum": today})
    if form.is_bound and form.is_valid() and form.cleaned_data["peildatum"] is not None:
        return form, form.cleaned_data["peildatum"]
    return form, today


def region_reports(request):
    form, peildatum = _peildatum(request)
    query = request.GET.get("q", "").strip()[:200]
    state = (
        request.GET.get("status") if request.GET.get("status") in rules.ReportState.LABELS else ""
    )
    all_rows = _report_rows(request, peildatum, query)
    rows = [row for row in all_rows if not state or row.state == state]
    report = reports.region_reports_report(rows, peildatum)
    today = timezone.localdate()
    page = Paginator(rows, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "accounting/region_reports.html",
        {
            "rows": page.object_list,
            "page": page,
            "report": report,
            "form": form,
            "peildatum": peildatum,
            "is_today": peildatum == today,
            "q": query,
            "state": state,
            "states": rules.ReportState.LABELS.items(),
            "searched": bool(query or state),
            "preview": monitoring_selectors.report_due_preview(all_rows, peildatum),
            "query": "" if peildatum == today else f"?peildatum={peildatum:%Y-%m-%d}",
        },
    )


def region_reports_download(request, fmt):
    form, peildatum = _peildatum(request)
    if form.errors:
        return HttpResponseBadRequest(
            "Ongeldige peildatum: " + " ".join(form.errors.get("peildatum", [])),
            content_type="text/plain; charset=utf-8",
        )
    rows = _report_rows(request, peildatum)
    return download(reports.region_reports_report(rows, peildatum), fmt)


def region_report(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("fund", "filing_region"), pk=pk)
    if not request.user.has_perm("accounting.view_region_report", proposal):
        raise Http404("Project niet gevonden")
    rows = [
        r
        for r in monitoring_selectors.region_report_rows(
            fund=proposal.fund, today=timezone.localdate()
        )
        if r.proposal.pk == pk
    ]
    if not rows:
        raise Http404("Dit project levert geen verslag")
    row = rows[0]
    can_deliver = row.report is None and request.user.has_perm(
        "accounting.deliver_region_report", proposal
    )
    form = forms.RegionReportForm(request.POST or None) if can_deliver else None
    if request.method == "POST" and form is None:  # received already, or not this user's to deliver
        if row.report is None:
            raise PermissionDenied
        messages.error(
            request,
            "Het verantwoordingsverslag van dit project is al ontvangen; er is niets gewijzigd.",
        )
        return redirect("accounting:region_report", pk=pk)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            monitoring_services.region_report_deliver(
                proposal=proposal, user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Het verantwoordingsverslag is ontvangen.")
            return redirect("accounting:region_report", pk=pk)
    return render(
        request, "accounting/region_report.html", {"row": row, "proposal": proposal, "form": form}
    )
