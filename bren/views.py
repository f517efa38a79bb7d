from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from bren import selectors, services
from bren.forms import AssessmentForm
from core.exceptions import DomainError
from core.permissions import is_coordinator, is_two
from fund.models import Fund


def _managed_fund(request, slug) -> Fund:
    """The network's pages are for its coordinating municipality and TWO; others get a 404."""
    fund = get_object_or_404(
        Fund.objects.select_related("coordinating_municipality"), slug=slug, kind=Fund.Kind.SPUK
    )
    if not request.user.is_authenticated or not services.may_manage(request.user, fund):
        raise Http404("Netwerk niet gevonden")
    return fund


def overview(request, slug):
    fund = _managed_fund(request, slug)
    form = AssessmentForm(request.POST or None, fund=fund, prefix="plan")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_assess(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "De beoordeling van het plan is vastgelegd.")
                return redirect("bren:overview", slug=fund.slug)
        else:
            messages.error(request, "Er is niets opgeslagen; verbeter de gemarkeerde velden.")
    return render(
        request,
        "bren/overview.html",
        {"fund": fund, "o": selectors.bren_overview(fund), "form": form},
    )


def index(request):
    funds = [
        f
        for f in Fund.objects.filter(kind=Fund.Kind.SPUK).select_related(
            "coordinating_municipality"
        )
        if request.user.is_authenticated and services.may_manage(request.user, f)
    ]
    if not funds and not (is_two(request.user) or is_coordinator(request.user)):  # the menu's roles
        raise Http404("Geen netwerk")
    if len(funds) == 1:
        return redirect("bren:overview", slug=funds[0].slug)
    return render(request, "bren/index.html", {"funds": funds})
