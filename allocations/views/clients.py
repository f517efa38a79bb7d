"""The pages of clients taken in above budget: registering one, showing or exporting their BSNs (TWO
staff, with a reason) and the access log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from allocations.forms import ClientRegistrationForm, ReasonForm
from allocations.models import BsnAccessLog, ClientRegistration
from allocations.selectors import forecasts as forecast_selectors
from allocations.selectors import providers as provider_selectors
from allocations.services import clients as client_services
from allocations.views.common import (
    acting_provider,
    managed_provider,
    provider_or_404,
    provider_url,
    year_from_request,
)
from core.exceptions import DomainError
from core.pagination import Paginator


@sensitive_post_parameters("bsn")
@sensitive_variables("form")
def client_new(request, slug):
    provider = acting_provider(request, slug)
    year = year_from_request(request, provider)
    form = ClientRegistrationForm(
        request.POST or None,
        provider=provider,
        funds=forecast_selectors.forecast_funds(provider=provider, year=year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = client_services.client_register(
                provider=provider, year=year, user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Cliënt met BSN {registration.masked_bsn} is vastgelegd.")
            return redirect(f"{provider_url(slug)}?jaar={year}")
    return render(
        request, "allocations/client_form.html", {"provider": provider, "year": year, "form": form}
    )


@never_cache
@sensitive_variables("bsn")
def bsn_reveal(request, pk):
    registration = get_object_or_404(
        ClientRegistration.objects.select_related("provider", "product"), pk=pk
    )
    provider_or_404(request, registration.provider.slug)
    if not request.user.has_perm("allocations.manage"):
        raise PermissionDenied
    if not request.user.has_perm("allocations.manage", registration):  # another organisation's fund
        raise Http404("Cliënt niet gevonden")
    form = ReasonForm(request.POST or None)
    bsn = None
    if request.method == "POST" and form.is_valid():
        try:
            bsn = client_services.bsn_reveal(
                registration=registration, reason=form.logged_reason(), user=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "allocations/bsn_reveal.html",
        {"registration": registration, "form": form, "bsn": bsn},
    )


@require_POST
@never_cache
def bsn_export(request, slug):
    provider = managed_provider(request, slug)
    year = year_from_request(request, provider)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Kies een reden en schrijf ten minste een zin over waarom u de BSN's nodig hebt; "
            "die wordt gelogd.",
        )
        return redirect(f"{provider_url(slug)}?jaar={year}")
    content = client_services.bsn_export(
        provider=provider, year=year, reason=form.logged_reason(), user=request.user
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bsn-{provider.slug}-{year}.csv"'
    return response


def access_log(request):
    if not request.user.has_perm("allocations.manage"):
        raise PermissionDenied
    entries = (
        BsnAccessLog.objects.filter(
            provider_selectors.fund_records_q(request.user, "registration__fund")
        )
        .select_related("user", "registration__provider")
        .order_by("-at", "-pk")
    )
    page = Paginator(entries, 100).get_page(request.GET.get("pagina"))
    return render(request, "allocations/access_log.html", {"page": page})
