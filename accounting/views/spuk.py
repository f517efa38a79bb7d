"""The SPUK: its division over the budget lines, adopting it, and the yearly verantwoording (SiSa) with explanations."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounting import forms
from accounting.models import (
    SpukBudgetDivision,
    SpukBudgetLine,
    SpukExplanation,
)
from accounting.selectors import spuk as spuk_selectors
from accounting.services import spuk as spuk_services
from accounting.sisa import sisa_report
from accounting.views.common import download_or_job, fund_for, report_page
from core.converters import id_url_maker
from core.exceptions import DomainError
from core.models import Region
from fund.models import Fund


def spuk(request, slug):
    fund = fund_for(request, slug, "accounting.manage_spuk")
    if fund.kind != Fund.Kind.SPUK:
        raise Http404("Geen SPUK")
    divisions = {d.year: d for d in SpukBudgetDivision.objects.filter(fund=fund)}
    years = [(t.year, t.amount, divisions.get(t.year)) for t in fund.tranches.order_by("year")]
    return render(request, "accounting/spuk.html", {"fund": fund, "years": years})


def spuk_division(request, slug, year):
    fund = fund_for(request, slug, "accounting.manage_spuk")
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
    fund = fund_for(request, slug, "accounting.manage_spuk")
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
    fund = fund_for(request, slug, "accounting.manage_spuk")
    if fund.kind != Fund.Kind.SPUK:
        raise Http404("Geen SPUK")
    sisa = spuk_selectors.spuk_verantwoording(fund, year)
    report = sisa_report(sisa)
    explain_url = id_url_maker("accounting:spuk_explanation", fund.slug, year)
    return report_page(
        request,
        "accounting/spuk_verantwoording.html",
        report,
        kind="spuk",
        params={"fund": fund.slug, "year": year},
        fund=fund,
        year=year,
        sisa=sisa,
        to_explain=[(explain_url(row.line_id), row) for row in sisa.rows if row.deviates],
    )


def spuk_verantwoording_download(request, slug, year, fmt):
    fund = fund_for(request, slug, "accounting.manage_spuk")
    return download_or_job(
        request,
        sisa_report(spuk_selectors.spuk_verantwoording(fund, year)),
        fmt,
        kind="spuk",
        params={"fund": fund.slug, "year": year},
    )


def spuk_explanation(request, slug, year, line_pk):
    fund = fund_for(request, slug, "accounting.manage_spuk")
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
