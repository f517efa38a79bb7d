"""Providers' PxQ grants: the list, a grant with its payments and releases, and TWO's decision on a request."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounting import forms
from accounting.models import (
    JournalEntry,
)
from accounting.selectors import overview as overview_selectors
from accounting.services import awards as awards_services
from accounting.views.common import fund_for
from allocations.models import BudgetRequest
from allocations.views import budget_requests as budget_request_views
from core.exceptions import DomainError


def provider_grants(request, slug):
    """The providers' budgets granted from the fund: granted, paid, released, open (TWO only)."""
    fund = fund_for(request, slug, "accounting.manage_books")
    grants = overview_selectors.provider_grants(fund)
    return render(request, "accounting/provider_grants.html", {"fund": fund, "grants": grants})


def _budget_request(request, slug, pk):
    fund = fund_for(request, slug, "accounting.manage_books")
    return fund, get_object_or_404(
        BudgetRequest.objects.select_related("provider"), pk=pk, fund=fund
    )


def _grant_page(request, fund, budget_request, *, payment_form=None, release_form=None):
    grant = overview_selectors.provider_grant(fund, budget_request.pk)
    if grant is None:  # submitted or rejected: nothing is committed, so nothing to pay or release
        raise Http404("Geen toegekend budget")
    entries = (
        JournalEntry.objects.filter(fund=fund, lines__budget_request=budget_request)
        .distinct()
        .select_related("created_by")
        .order_by("booked_on", "pk")
    )
    today = timezone.localdate()
    return render(
        request,
        "accounting/provider_grant.html",
        {
            "fund": fund,
            "budget_request": budget_request,
            "grant": grant,
            "entries": entries,
            "payment_form": payment_form
            or forms.GrantPaymentForm(prefix="payment", initial={"booked_on": today}),
            "release_form": release_form
            or forms.GrantReleaseForm(prefix="release", initial={"booked_on": today}),
        },
    )


def provider_grant(request, slug, pk):
    fund, budget_request = _budget_request(request, slug, pk)
    return _grant_page(request, fund, budget_request)


def _book_grant_payment(budget_request, user, d):
    return awards_services.budget_payment_make(
        budget_request=budget_request,
        amount=d["amount"],
        final=d["kind"] == "final",
        user=user,
        booked_on=d["booked_on"],
        note=d["note"],
    )


def _book_grant_release(budget_request, user, d):
    return awards_services.budget_commitment_release(
        budget_request=budget_request,
        amount=d["amount"],
        user=user,
        reason=d["reason"],
        booked_on=d["booked_on"],
    )


# A provider grant's page: per action in the URL, its form (class, prefix) and the one service a
# valid POST calls.
GRANT_BOOKINGS = {
    "betaling": (forms.GrantPaymentForm, "payment", _book_grant_payment),
    "vrijval": (forms.GrantReleaseForm, "release", _book_grant_release),
}


@require_POST
def provider_grant_book(request, slug, pk, action):
    """Book a payment to the provider or a release of its budget (GRANT_BOOKINGS); a refusal shows
    on the form."""
    fund, budget_request = _budget_request(request, slug, pk)
    if action not in GRANT_BOOKINGS:
        raise Http404("Onbekende boeking")
    form_class, prefix, book = GRANT_BOOKINGS[action]
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            entry = book(budget_request, request.user, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Geboekt: {entry.description}.")
            return redirect("accounting:provider_grant", slug=fund.slug, pk=budget_request.pk)
    return _grant_page(request, fund, budget_request, **{f"{prefix}_form": form})


def budget_request(request, slug, pk):
    """The page of a provider's PxQ request (allocations:request). TWO's decision on it is booked
    at once, in the same transaction (accounting.services.awards.budget_grant_make); the page
    itself is the allocations app's."""
    return budget_request_views.request_detail(
        request, slug, pk, decide=awards_services.budget_grant_make
    )
