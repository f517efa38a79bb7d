"""Thin views: parse the request, check permission, call one service or selector, render."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounting import charts, forms, reports, rules, tasks
from accounting.models import (
    JOB_POLL_SECONDS,
    EntryKind,
    JournalEntry,
    ReportJob,
    SettlementGroup,
    SpukBudgetDivision,
    SpukBudgetLine,
    SpukExplanation,
)
from accounting.selectors import ledger as ledger_selectors
from accounting.selectors import monitoring as monitoring_selectors
from accounting.selectors import overview as overview_selectors
from accounting.selectors import settlement as settlement_selectors
from accounting.selectors import spuk as spuk_selectors
from accounting.services import awards as awards_services
from accounting.services import ledger as ledger_services
from accounting.services import monitoring as monitoring_services
from accounting.services import settlement as settlement_services
from accounting.services import spuk as spuk_services
from allocations import views as allocations_views
from allocations.models import BudgetRequest
from core.exceptions import DomainError
from core.models import Municipality, Region
from core.permissions import (
    is_two,
    user_municipality_id,
)
from fund.models import Fund
from fund.selectors import funds_visible_to
from proposals.models import PerformanceIndicator, Proposal
from proposals.selectors import awards_for_fund
from reports.table import Report

# Above this many rows a PDF is made in the background (django-q2) and the page shows progress.
BACKGROUND_ROWS = 400


def _fund(request, slug, perm="accounting.view_overview") -> Fund:
    fund = get_object_or_404(
        Fund.objects.select_related("region", "coordinating_municipality"), slug=slug
    )
    if not request.user.has_perm(perm, fund):
        raise Http404("Fonds niet gevonden")
    return fund


def _download(report: Report, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "xlsx"):
        raise Http404("Onbekend formaat")
    content, content_type, filename = tasks.render(report, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _rows(report: Report) -> int:
    return sum(len(t.rows) for t in report.tables)


def _download_or_job(request, report: Report, fmt: str, *, kind: str, params: dict) -> HttpResponse:
    """A small report is rendered in the request; a large one (its page shows the background
    buttons) is made by a worker, so a direct link does not hold the request for many seconds."""
    if fmt not in ("pdf", "xlsx"):
        raise Http404("Onbekend formaat")
    if _rows(report) <= BACKGROUND_ROWS:
        return _download(report, fmt)
    try:
        job = monitoring_services.report_job_start(
            kind=kind, params=params, fmt=fmt, user=request.user
        )
    except DomainError as exc:
        return _job_refused(request, exc)
    messages.info(
        request,
        f"Dit rapport is groot ({_rows(report)} regels) en wordt op de achtergrond gemaakt. "
        "Zodra het klaar is, kunt u het hier downloaden.",
    )
    return redirect("accounting:job", pk=job.pk)


def _report_page(request, template, report, *, kind, params, **context):
    context.update(
        {
            "report": report,
            "kind": kind,
            "params": params,
            "background": _rows(report) > BACKGROUND_ROWS,
        }
    )
    return render(request, template, context)


def index(request):
    if not request.user.has_perm("accounting.view_books_index"):
        raise PermissionDenied
    funds = [
        f
        for f in funds_visible_to(request.user)
        if request.user.has_perm("accounting.view_overview", f)
    ]
    return render(request, "accounting/index.html", {"funds": funds})


# -- fund overview ------------------------------------------------------------------------


def fund_overview(request, slug):
    fund = _fund(request, slug)
    overview = overview_selectors.fund_overview(fund)
    report = reports.fund_overview_report(overview)
    can_manage = request.user.has_perm("accounting.manage_books", fund)
    return _report_page(
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
    fund = _fund(request, slug)
    return HttpResponse(
        charts.fund_use_svg(overview_selectors.fund_overview(fund, with_changes=False)),
        content_type="image/svg+xml",
    )


def spuk_parts_chart(request, slug, year):
    """SPUK: budget against spending per part of the year's division."""
    fund = _fund(request, slug, "accounting.manage_spuk")
    if fund.kind != Fund.Kind.SPUK:
        raise Http404("Geen SPUK")
    return HttpResponse(
        charts.spuk_parts_svg(spuk_selectors.spuk_parts(fund, year), year),
        content_type="image/svg+xml",
    )


def fund_overview_download(request, slug, fmt):
    fund = _fund(request, slug)
    return _download_or_job(
        request,
        reports.fund_overview_report(overview_selectors.fund_overview(fund)),
        fmt,
        kind="fund_overview",
        params={"fund": fund.slug},
    )


# -- journal ------------------------------------------------------------------------------


def journal(request, slug):
    fund = _fund(request, slug, "accounting.manage_books")
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
    fund = _fund(request, slug, "accounting.manage_books")
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


# -- awards: made and booked at once ------------------------------------------------------


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


# -- provider budgets (PxQ) ---------------------------------------------------------------


def provider_grants(request, slug):
    """The providers' budgets granted from the fund: granted, paid, released, open (TWO only)."""
    fund = _fund(request, slug, "accounting.manage_books")
    grants = overview_selectors.provider_grants(fund)
    return render(request, "accounting/provider_grants.html", {"fund": fund, "grants": grants})


def _budget_request(request, slug, pk):
    fund = _fund(request, slug, "accounting.manage_books")
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


# -- yearly evaluation --------------------------------------------------------------------


def evaluation(request, slug, year):
    fund = _fund(request, slug)
    ev = monitoring_selectors.evaluation(fund, year)
    report = reports.evaluation_report(ev)
    return _report_page(
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
    fund = _fund(request, slug)
    return _download_or_job(
        request,
        reports.evaluation_report(monitoring_selectors.evaluation(fund, year)),
        fmt,
        kind="evaluation",
        params={"fund": fund.slug, "year": year},
    )


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


# -- settlement ---------------------------------------------------------------------------


def settlement_list(request, slug):
    fund = _fund(request, slug)
    if not request.user.has_perm("accounting.view_settlement", fund):
        raise Http404("Niet gevonden")
    groups = list(
        SettlementGroup.objects.filter(fund=fund)
        .prefetch_related("members__municipality")
        .select_related("settlement")
    )
    return render(request, "accounting/settlement_list.html", {"fund": fund, "groups": groups})


def _group(request, slug, pk):
    fund = _fund(request, slug)
    if not request.user.has_perm("accounting.view_settlement", fund):
        raise Http404("Niet gevonden")
    return get_object_or_404(SettlementGroup.objects.select_related("fund"), pk=pk, fund=fund)


def _own_municipality(request):
    """A portefeuillehouder sees only the statement of its own municipality."""
    if request.user.has_perm("accounting.manage_books", None):
        return None
    municipality_id = user_municipality_id(request.user)
    return get_object_or_404(Municipality, pk=municipality_id) if municipality_id else None


def settlement_detail(request, slug, pk):
    group = _group(request, slug, pk)
    municipality = (
        None
        if request.user.has_perm("accounting.manage_books", group.fund)
        else _own_municipality(request)
    )
    error = None
    try:
        preview = settlement_selectors.settlement_preview(group)
        report = reports.settlement_report(preview, municipality)
    except DomainError as exc:
        preview, report, error = None, None, exc.message
    return render(
        request,
        "accounting/settlement_detail.html",
        {
            "fund": group.fund,
            "group": group,
            "preview": preview,
            "report": report,
            "error": error,
            "municipality": municipality,
            "can_confirm": request.user.has_perm("accounting.manage_books", group.fund),
            "kind": "settlement",
            "background": False,
        },
    )


def settlement_download(request, slug, pk, fmt):
    group = _group(request, slug, pk)
    municipality = (
        None
        if request.user.has_perm("accounting.manage_books", group.fund)
        else _own_municipality(request)
    )
    try:
        preview = settlement_selectors.settlement_preview(group)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounting:settlement", slug=slug, pk=pk)
    return _download(reports.settlement_report(preview, municipality), fmt)


@require_POST
def settlement_confirm(request, slug, pk):
    group = _group(request, slug, pk)
    if not request.user.has_perm("accounting.manage_books", group.fund):
        raise PermissionDenied
    try:
        settlement = settlement_services.settlement_confirm(group=group, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"De afrekening is vastgesteld en geboekt: {settlement.total} terug naar de gemeenten.",
        )
    return redirect("accounting:settlement", slug=slug, pk=pk)


# -- SPUK ---------------------------------------------------------------------------------


def spuk(request, slug):
    fund = _fund(request, slug, "accounting.manage_spuk")
    if fund.kind != Fund.Kind.SPUK:
        raise Http404("Geen SPUK")
    divisions = {d.year: d for d in SpukBudgetDivision.objects.filter(fund=fund)}
    years = [(t.year, t.amount, divisions.get(t.year)) for t in fund.tranches.order_by("year")]
    return render(request, "accounting/spuk.html", {"fund": fund, "years": years})


def spuk_division(request, slug, year):
    fund = _fund(request, slug, "accounting.manage_spuk")
    tranche = get_object_or_404(fund.tranches, year=year)
    division = SpukBudgetDivision.objects.filter(fund=fund, year=year).first()
    regions = (
        Region.objects.filter(landsdeel=fund.landsdeel) if fund.landsdeel else Region.objects.all()
    )
    check = spuk_selectors.division_check(division) if division else None
    adopted = division is not None and division.status == SpukBudgetDivision.Status.ADOPTED
    initial = [
        {
            "part": line.part,
            "label": line.label,
            "amount": line.amount.amount,
            "region": line.region_id,
        }
        for line in (check.lines if check else [])
    ]
    formset = None
    if not adopted:
        formset = forms.DivisionFormSet(
            request.POST or None, initial=initial, form_kwargs={"regions": regions}, prefix="lines"
        )
        if request.method == "POST" and formset.is_valid():
            lines = [
                spuk_services.DivisionLineInput(
                    part=f["part"],
                    label=f["label"],
                    amount=f["amount"],
                    region_id=f["region"].pk if f.get("region") else None,
                    proposal_id=_keep_proposal(check, f["label"]),
                )
                for f in formset.cleaned_data
                if f and not f.get("DELETE")
            ]
            try:
                spuk_services.spuk_division_save(
                    fund=fund, year=year, lines=lines, user=request.user
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"De verdeling {year} is opgeslagen.")
                return redirect("accounting:spuk_division", slug=slug, year=year)
    return render(
        request,
        "accounting/spuk_division.html",
        {
            "fund": fund,
            "year": year,
            "grant": tranche.amount.amount,
            "grant_cents": int(tranche.amount.amount * 100),
            "division": division,
            "check": check,
            "formset": formset,
            "adopted": adopted,
            "adopt_form": forms.AdoptForm(),
        },
    )


def _keep_proposal(check, label):
    if check is None:
        return None
    for line in check.lines:
        if line.label == label.strip():
            return line.proposal_id
    return None


@require_POST
def spuk_division_adopt(request, slug, year):
    fund = _fund(request, slug, "accounting.manage_spuk")
    division = get_object_or_404(SpukBudgetDivision, fund=fund, year=year)
    form = forms.AdoptForm(request.POST)
    if (
        not form.is_valid()
    ):  # a note that did not arrive whole is not dropped silently: nothing is adopted
        messages.error(
            request,
            "De verdeling is niet vastgesteld: " + " ".join(form.errors.get("deviation_note", [])),
        )
        return redirect("accounting:spuk_division", slug=slug, year=year)
    try:
        spuk_services.spuk_division_adopt(
            division=division,
            user=request.user,
            deviation_note=form.cleaned_data.get("deviation_note", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"De verdeling {year} is vastgesteld.")
    return redirect("accounting:spuk_division", slug=slug, year=year)


def spuk_verantwoording(request, slug, year):
    fund = _fund(request, slug, "accounting.manage_spuk")
    if fund.kind != Fund.Kind.SPUK:
        raise Http404("Geen SPUK")
    sisa = spuk_selectors.spuk_verantwoording(fund, year)
    report = reports.sisa_report(sisa)
    return _report_page(
        request,
        "accounting/spuk_verantwoording.html",
        report,
        kind="spuk",
        params={"fund": fund.slug, "year": year},
        fund=fund,
        year=year,
        sisa=sisa,
        to_explain=[row for row in sisa.rows if row.deviates],
    )


def spuk_verantwoording_download(request, slug, year, fmt):
    fund = _fund(request, slug, "accounting.manage_spuk")
    return _download_or_job(
        request,
        reports.sisa_report(spuk_selectors.spuk_verantwoording(fund, year)),
        fmt,
        kind="spuk",
        params={"fund": fund.slug, "year": year},
    )


def spuk_explanation(request, slug, year, line_pk):
    fund = _fund(request, slug, "accounting.manage_spuk")
    line = get_object_or_404(
        SpukBudgetLine.objects.select_related("division"),
        pk=line_pk,
        division__fund=fund,
        division__year__lte=year,
    )
    existing = SpukExplanation.objects.filter(line=line, year=year).first()
    form = forms.ExplanationForm(
        request.POST or None, initial={"line": line.pk, "text": existing.text if existing else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            spuk_services.spuk_explanation_save(
                line=line, year=year, text=form.cleaned_data["text"], user=request.user
            )
        except DomainError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, f"De toelichting bij {line.label} is opgeslagen.")
            return redirect("accounting:spuk_verantwoording", slug=slug, year=year)
    return render(
        request,
        "accounting/spuk_explanation.html",
        {"fund": fund, "year": year, "line": line, "form": form},
    )


# -- region reports -----------------------------------------------------------------------


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
    return _download(reports.region_reports_report(rows, peildatum), fmt)


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


# -- background jobs ----------------------------------------------------------------------


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
        return _job_refused(request, exc)
    return redirect("accounting:job", pk=job.pk)


def _job_refused(request, exc: DomainError) -> HttpResponse:
    """Back to the page the user came from (our own), with the reason; else the books' index."""
    messages.error(request, exc.message)
    back = request.headers.get("referer", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("accounting:index")


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
    response = HttpResponse(bytes(job.result), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


def budget_request(request, slug, pk):
    """The page of a provider's PxQ request (allocations:request). TWO's decision on it is booked
    at once, in the same transaction (accounting.services.awards.budget_grant_make); the page
    itself is the allocations app's."""
    return allocations_views.request_detail(
        request, slug, pk, decide=awards_services.budget_grant_make
    )
