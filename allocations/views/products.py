"""The pages of products and tariffs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from allocations.forms import ProductForm, TariffFilterForm, TariffForm
from allocations.models import Tariff
from allocations.selectors import common as common_selectors
from allocations.services import products as product_services
from allocations.views.common import managed_provider
from core.models import Region


def product_new(request, slug):
    provider = managed_provider(request, slug)
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        product_services.product_create_or_update(
            provider=provider, user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            f"Product {form.cleaned_data['code']} staat op de productenlijst van {provider}.",
        )
        return redirect("allocations:provider", slug=slug)
    return render(request, "allocations/product_form.html", {"provider": provider, "form": form})


def tariff_list(request):
    """The region's tariff list per year; TWO adds or changes prices (P is never typed in elsewhere)."""
    if not request.user.has_perm("allocations.manage"):
        raise PermissionDenied
    default_region = (
        Region.objects.filter(providers__isnull=False).order_by("name").first()
        or Region.objects.first()
    )
    choose = TariffFilterForm(
        request.GET
        or {"regio": getattr(default_region, "slug", ""), "jaar": common_selectors.default_year()}
    )
    if not choose.is_valid():
        raise Http404("Onbekende regio of jaar")
    region, year = choose.cleaned_data["regio"], choose.cleaned_data["jaar"]
    form = TariffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        product_services.tariff_set(
            region=region, year=year, user=request.user, **form.cleaned_data
        )
        messages.success(
            request, f"Tarief {form.cleaned_data['product_code']} {year} is vastgelegd."
        )
        return redirect(f"{reverse('allocations:tariffs')}?regio={region.slug}&jaar={year}")
    tariffs = Tariff.objects.filter(region=region, year=year).order_by("product_code")
    return render(
        request,
        "allocations/tariff_list.html",
        {"choose": choose, "form": form, "tariffs": tariffs, "region": region, "year": year},
    )
