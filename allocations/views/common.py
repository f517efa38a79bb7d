"""What the provider budget pages share: the provider of the URL as the user may see it (404 for another
provider's), the fund and year asked for, and the XLSX content type.
"""

import re

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from allocations.selectors import common as common_selectors
from allocations.selectors import forecasts as forecast_selectors
from core.models import Provider

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def provider_or_404(request, slug) -> Provider:
    provider = get_object_or_404(Provider.objects.select_related("region"), slug=slug)
    if not request.user.has_perm("allocations.view_provider", provider):
        raise Http404("Aanbieder niet gevonden")
    return provider


def acting_provider(request, slug) -> Provider:
    provider = provider_or_404(request, slug)
    if not request.user.has_perm("allocations.act_for_provider", provider):
        raise PermissionDenied
    return provider


def managed_provider(request, slug) -> Provider:
    provider = provider_or_404(request, slug)
    if not request.user.has_perm("allocations.manage"):
        raise PermissionDenied
    return provider


def require_forecast_year(request, provider, year) -> None:
    """A forecast page or export of a year: 404 for TWO staff whose funds gave the provider no budget
    that year (forecast_selectors.forecasts_visible_q: the forecast belongs to the provider's budgets)."""
    if not forecast_selectors.forecast_year_visible(
        user=request.user, provider=provider, year=year
    ):
        raise Http404("Geen prognose voor deze maand")


def fund_from_request(request, funds):
    """The fund (budget) named by `?fonds=<slug>` (or the POSTed `fonds`) among `funds`; None when
    none is named; 404 for a fund that is not among them (another region's, or none of this provider's)."""
    slug = request.POST.get("fonds") or request.GET.get("fonds", "")
    if not slug:
        return None
    for fund in funds:
        if fund.slug == slug:
            return fund
    raise Http404("Onbekend fonds")


def year_from_request(request, provider=None) -> int:
    text = request.GET.get("jaar", "")
    if re.fullmatch(
        r"[0-9]{4}", text
    ):  # ASCII, four digits: a bigger number overflowed the query (issue 12)
        return int(text)
    return common_selectors.default_year(provider)


def provider_url(slug):
    return reverse("allocations:provider", kwargs={"slug": slug})
