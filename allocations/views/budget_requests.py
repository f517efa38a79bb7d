"""The pages of PxQ budget requests: a new request, a request and its decision, a transfer between
products.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from allocations.forms import BudgetRequestForm, DecisionForm, TransferForm
from allocations.models import BudgetRequest
from allocations.selectors import budget_requests as request_selectors
from allocations.selectors import products as product_selectors
from allocations.selectors import providers as provider_selectors
from allocations.services import budget_requests as request_services
from allocations.views.common import (
    acting_provider,
    managed_provider,
    provider_or_404,
    provider_url,
    year_from_request,
)
from core.exceptions import DomainError


def request_new(request, slug):
    provider = acting_provider(request, slug)
    year = year_from_request(request, provider)
    products = product_selectors.products_of(provider)
    tariffs = product_selectors.tariffs_for(provider=provider, year=year)
    form = BudgetRequestForm(request.POST or None, products=products, tariffs=tariffs)
    if request.method == "POST" and form.is_valid():
        try:
            budget_request = request_services.budget_request_submit(
                provider=provider,
                year=year,
                quantities=form.quantities(),
                motivation=form.cleaned_data["motivation"],
                user=request.user,
                **{k: form.cleaned_data[k] for k in request_services.RULE_6},
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Uw PxQ-aanvraag is ingediend bij de TWO Jeugdhulp.")
            return redirect("allocations:request", slug=slug, pk=budget_request.pk)
    return render(
        request, "allocations/request_form.html", {"provider": provider, "year": year, "form": form}
    )


def request_detail(request, slug, pk, *, decide):
    """A provider's PxQ request, and TWO's decision on it. `decide` is the service that decides
    and books the grant at once (accounting.services.awards.budget_grant_make): accounting, a floor
    above allocations, serves this page (accounting.views.grants.budget_request) at its place among the
    budget pages (config.urls)."""
    provider = provider_or_404(request, slug)
    budget_request = get_object_or_404(
        BudgetRequest.objects.filter(
            provider_selectors.fund_records_q(request.user)
        ).select_related("fund", "submitted_by"),
        pk=pk,
        provider=provider,
    )
    lines = list(budget_request.lines.select_related("product"))
    can_decide = (
        request.user.has_perm("allocations.manage", budget_request)
        and budget_request.status == BudgetRequest.Status.SUBMITTED
    )
    form = DecisionForm(request.POST or None, lines=lines) if can_decide else None
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                decide(
                    request=budget_request,
                    granted=form.granted(),
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Het besluit over de aanvraag is vastgelegd.")
                return redirect("allocations:request", slug=slug, pk=pk)
    return render(
        request,
        "allocations/request_detail.html",
        {
            "provider": provider,
            "budget_request": budget_request,
            "lines": lines,
            "form": form,
            "total": sum((line.amount.amount for line in lines), start=0),
            "granted_total": sum((line.granted_amount.amount for line in lines), start=0),
            "events": budget_request.events.select_related("user"),
            "waiting": request_selectors.request_waiting_lists(budget_request),
        },
    )


def transfer_new(request, slug):
    provider = managed_provider(request, slug)
    year = year_from_request(request, provider)
    form = TransferForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        try:
            request_services.budget_transfer(
                provider=provider, year=year, user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "De verschuiving is vastgelegd met uw akkoord.")
            return redirect(f"{provider_url(slug)}?jaar={year}")
    return render(
        request,
        "allocations/transfer_form.html",
        {"provider": provider, "year": year, "form": form},
    )
