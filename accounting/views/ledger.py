"""The journal of a fund and its bookings (one table of bookings: form, choices, service), and making an award."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounting import forms
from accounting.models import (
    EntryKind,
    JournalEntry,
)
from accounting.selectors import ledger as ledger_selectors
from accounting.selectors import spuk as spuk_selectors
from accounting.services import awards as awards_services
from accounting.services import ledger as ledger_services
from accounting.services import spuk as spuk_services
from accounting.views.common import fund_for
from core.exceptions import DomainError
from core.pagination import Paginator
from fund.models import Fund
from proposals.models import Proposal
from proposals.selectors import awards_for_fund


def journal(request, slug):
    fund = fund_for(request, slug, "accounting.manage_books")
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("soort") if request.GET.get("soort") in EntryKind.values else ""
    year = int(request.GET["jaar"]) if request.GET.get("jaar", "").isdigit() else None
    entries = ledger_selectors.journal_entries(fund, query=query, kind=kind, year=year)
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    ledger_selectors.journal_lines_to(page)
    context = {
        "fund": fund,
        "page": page,
        "q": query,
        "kind": kind,
        "year": year,
        "kinds": EntryKind.choices,
        "years": ledger_selectors.journal_years(fund),
    }
    for action, booking in BOOKINGS.items():
        if booking.applies_to(fund):
            context[f"{action}_form"] = booking.form(fund, action)
    return render(request, "accounting/journal.html", context)


def _book_charge(fund, user, d):
    return ledger_services.contributions_charge(
        tranche=fund.tranches.get(year=d["year"]), user=user
    )


def _book_receipt(fund, user, d):
    return ledger_services.contribution_receive(
        fund=fund,
        year=d["year"],
        municipality=d["municipality"],
        amount=d["amount"],
        user=user,
        booked_on=d["booked_on"],
    )


def _book_payment(fund, user, d):
    return awards_services.payment_make(
        award=d["award"],
        amount=d["amount"],
        final=d["kind"] == "final",
        user=user,
        booked_on=d["booked_on"],
        note=d["note"],
    )


def _book_refund(fund, user, d):
    return awards_services.refund_receive(
        award=d["award"], amount=d["amount"], user=user, reason=d["reason"]
    )


def _book_exchange(fund, user, d):
    return ledger_services.budget_exchange(
        fund=fund,
        from_year=d["from_year"],
        to_year=d["to_year"],
        amount=d["amount"],
        user=user,
        note=d["note"],
    )


def _book_reverse(fund, user, d):
    return ledger_services.entry_reverse(
        entry=get_object_or_404(JournalEntry, pk=d["entry"], fund=fund),
        user=user,
        reason=d["reason"],
    )


def _book_expense(fund, user, d):
    return spuk_services.direct_expense_book(
        fund=fund,
        year=d["budget_line"].division.year,
        amount=d["amount"],
        description=d["description"],
        budget_line=d["budget_line"],
        user=user,
        booked_on=d["booked_on"],
    )


def _no_choices(fund, *, shown):
    return {}


def _tranche_years(fund, *, shown):
    return {"years": ledger_selectors.tranche_years(fund)}


def _municipalities(fund, *, shown):
    return {"municipalities": ledger_selectors.contributing_municipalities(fund)}


def _awards(fund, *, shown):
    """The page offers the awards whose commitment is booked; a POST is checked against every award
    of the fund, and the service refuses one without a commitment with its own message."""
    return {"awards": ledger_selectors.committed_awards(fund) if shown else awards_for_fund(fund)}


def _budget_lines(fund, *, shown):
    return {"lines": spuk_selectors.spuk_budget_lines(fund)}


@dataclass(frozen=True)
class Booking:
    """One kind of booking on the journal page: its form (with the choices it offers, starting on
    today's date when `dated`), and the one service a valid POST calls."""

    form_class: type
    book: Callable  # (fund, user, cleaned data) -> the journal entry booked, or None
    choices: Callable = _no_choices  # (fund, *, shown: the page's form, not a POST) -> form kwargs
    dated: bool = False
    spuk_only: bool = False

    def applies_to(self, fund) -> bool:
        return not self.spuk_only or fund.kind == Fund.Kind.SPUK

    def form(self, fund, action, data=None):
        kwargs = self.choices(fund, shown=data is None)
        if data is None and self.dated:
            kwargs["initial"] = {"booked_on": timezone.localdate()}
        return self.form_class(data, prefix=action, **kwargs)


# The journal page's forms and what each books (the action is the URL's and the form's prefix).
BOOKINGS = {
    "charge": Booking(forms.ChargeForm, _book_charge, _tranche_years),
    "receipt": Booking(forms.ReceiptForm, _book_receipt, _municipalities, dated=True),
    "payment": Booking(forms.PaymentForm, _book_payment, _awards, dated=True),
    "refund": Booking(forms.RefundForm, _book_refund, _awards),
    "exchange": Booking(forms.ExchangeForm, _book_exchange),
    "reverse": Booking(forms.ReverseForm, _book_reverse),
    "expense": Booking(
        forms.DirectExpenseForm, _book_expense, _budget_lines, dated=True, spuk_only=True
    ),
}


@require_POST
def journal_book(request, slug, action):
    """One POST endpoint per booking kind (BOOKINGS); every one calls one service."""
    fund = fund_for(request, slug, "accounting.manage_books")
    booking = BOOKINGS.get(action)
    if booking is None or not booking.applies_to(fund):
        raise Http404("Onbekende boeking")
    form = booking.form(fund, action, request.POST)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )
        messages.error(request, f"De boeking is niet gedaan. {errors}")
        return redirect("accounting:journal", slug=fund.slug)
    try:
        entry = booking.book(fund, request.user, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"Geboekt: {entry.description}." if entry else "Er was niets te boeken."
        )
    return redirect("accounting:journal", slug=fund.slug)


def award_make(request, pk):
    """The award form of an adopted proposal, with what its fund can still award (the one rule,
    ledger_selectors.fund_award_room). The award is recorded and committed in the books at once; a
    refusal shows the service's message on the form and saves nothing."""
    proposal = get_object_or_404(Proposal.objects.select_related("fund"), pk=pk)
    if not request.user.has_perm("proposals.view_proposal", proposal):
        raise Http404("Voorstel niet gevonden")
    if not request.user.has_perm("proposals.manage_proposal", proposal):
        raise PermissionDenied
    form = forms.AwardMakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            award = awards_services.award_make(
                user=request.user, proposal=proposal, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, f"Toekenning {award.number} is vastgelegd en als verplichting geboekt."
            )
            return redirect("proposals:detail", pk=proposal.pk)
    return render(
        request,
        "accounting/award_make.html",
        {
            "proposal": proposal,
            "fund": proposal.fund,
            "form": form,
            "room": ledger_selectors.fund_award_room(proposal.fund),
        },
    )
