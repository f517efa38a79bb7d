from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.spreadsheets import workbook_download
from fund import exports, selectors, services
from fund.exceptions import GrantDecisionRefused
from fund.forms import (
    CircularUploadForm,
    ConfirmForm,
    GrantDecisionForm,
    RebaseForm,
    grant_decision_forms_valid,
)
from fund.models import BudgetCircular, Fund, Tranche
from fund.presenters import contribution_rows_html, contribution_totals_html


def _visible_fund(request, slug) -> Fund:
    fund = get_object_or_404(
        Fund.objects.select_related("region", "coordinating_municipality"), slug=slug
    )
    if not request.user.has_perm("fund.view_fund", fund):
        raise Http404("Fonds niet gevonden")
    return fund


def _manageable_tranche(request, slug, year) -> Tranche:
    if not request.user.has_perm("fund.manage_fund"):
        raise PermissionDenied
    tranche = get_object_or_404(
        Tranche.objects.select_related("fund", "basis"), fund__slug=slug, year=year
    )
    if not request.user.has_perm("fund.manage_fund", tranche.fund):  # another organisation's fund
        raise Http404("Fonds niet gevonden")
    return tranche


def fund_list(request):
    if not request.user.has_perm("fund.view_fund_list"):
        raise PermissionDenied
    return render(request, "fund/fund_list.html", {"funds": selectors.fund_list(request.user)})


def fund_detail(request, slug):
    fund = _visible_fund(request, slug)
    table = selectors.fund_contribution_table(fund)
    return render(
        request,
        "fund/fund_detail.html",
        {
            "fund": fund,
            "table": table,
            "rows_html": contribution_rows_html(table),
            "totals_html": contribution_totals_html(table),
            "can_manage": request.user.has_perm("fund.manage_fund", fund),
            "circulars": BudgetCircular.objects.all()
            if request.user.has_perm("fund.manage_fund", fund)
            else [],
        },
    )


def fund_download(request, slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Onbekend formaat")
    fund = _visible_fund(request, slug)
    table = selectors.fund_contribution_table(fund)
    if fmt == "xlsx":  # streamed from a temporary file
        return workbook_download(
            exports.contributions_workbook(table), f"bijdragen-{fund.slug}.xlsx"
        )
    response = HttpResponse(
        exports.contributions_csv(table), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bijdragen-{fund.slug}.{fmt}"'
    return response


def tranche_recalculate(request, slug, year):
    tranche = _manageable_tranche(request, slug, year)
    preview = None
    if tranche.is_definitive:
        messages.error(
            request, f"De tranche {year} is definitief; de bijdragen veranderen niet meer."
        )
        return redirect("fund:detail", slug=slug)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                services.tranche_rebase(
                    tranche=tranche,
                    circular=form.cleaned_data["circular"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    f"De bijdragen {year} zijn herberekend op {form.cleaned_data['circular']}.",
                )
                return redirect("fund:detail", slug=slug)
        for error in form.errors.get("circular", []):
            messages.error(request, f"Er is niets herberekend. Nieuwe grondslag: {error}")
        circular = form.cleaned_data.get("circular") if form.errors else None
        choose = RebaseForm(initial={"circular": circular.pk if circular else None})
        if (
            circular is not None
        ):  # only the note was refused: the difference again, with the note's message
            try:
                preview = selectors.tranche_recalculation_preview(
                    tranche=tranche, circular=circular
                )
            except DomainError as exc:
                messages.error(request, exc.message)
    else:
        choose = RebaseForm(request.GET or None)
        form = None
        if choose.is_valid():
            try:
                preview = selectors.tranche_recalculation_preview(
                    tranche=tranche, circular=choose.cleaned_data["circular"]
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                form = ConfirmForm(initial={"circular": choose.cleaned_data["circular"].pk})
    return render(
        request,
        "fund/tranche_recalculate.html",
        {"tranche": tranche, "choose": choose, "preview": preview, "form": form},
    )


@require_POST
def tranche_make_definitive(request, slug, year):
    tranche = _manageable_tranche(request, slug, year)
    try:
        services.tranche_make_definitive(tranche=tranche, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"De tranche {year} is definitief vastgesteld.")
    return redirect("fund:detail", slug=slug)


def tranche_history(request, slug, year):
    fund = _visible_fund(request, slug)
    tranche = get_object_or_404(Tranche, fund=fund, year=year)
    events = tranche.events.select_related("user", "old_basis", "new_basis")
    changes = (
        tranche.contributions.model.history.filter(tranche_id=tranche.pk)
        .select_related("history_user", "municipality")
        .order_by("-history_date")[:200]
    )
    return render(
        request,
        "fund/tranche_history.html",
        {"fund": fund, "tranche": tranche, "events": events, "changes": changes},
    )


def circular_list(request):
    if not request.user.has_perm("fund.manage_fund"):
        raise PermissionDenied
    circulars = BudgetCircular.objects.select_related("loaded_by")
    return render(request, "fund/circular_list.html", {"circulars": circulars})


def circular_upload(request):
    if not request.user.has_perm("fund.manage_fund"):
        raise PermissionDenied
    form = CircularUploadForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            circular = services.circular_import(
                name=data["name"],
                slug=slugify(data["name"]),
                published_year=data["published_year"],
                region=data["region"],
                content=data["file"].read(),
                filename=data["file"].name,
                user=request.user,
            )
        except DomainError as exc:
            errors = getattr(exc, "errors", None) or [("", None, "", exc.message)]
        else:
            messages.success(request, f"{circular} is ingelezen.")
            return redirect("fund:circulars")
    return render(request, "fund/circular_upload.html", {"form": form, "file_errors": errors})


def fund_changes(request, slug):
    fund = _visible_fund(request, slug)
    if not request.user.has_perm("fund.manage_fund", fund):
        raise PermissionDenied
    return render(
        request,
        "fund/fund_changes.html",
        {"fund": fund, "changes": selectors.fund_change_log(fund)},
    )


def _record_decisions(fund: Fund, forms: list[GrantDecisionForm], user) -> bool:
    """Record every changed year, or none: a refusal goes to the form of its year."""
    changed = [form for form in forms if form.changed_decision]
    try:
        services.tranche_decisions_record(
            fund=fund,
            user=user,
            decisions=[
                (form.tranche, form.cleaned_data["number"], form.cleaned_data["date"])
                for form in changed
            ],
        )
    except GrantDecisionRefused as exc:
        next(form for form in changed if form.tranche.pk == exc.tranche.pk).add_error(
            "number", exc.message
        )
        return False
    return True


def grant_decisions(request, slug):
    """The coordinating municipality (or TWO) records the ministry's decision on each year of a
    SPUK: number and date, the key of the year's row in the SiSa appendix."""
    fund = get_object_or_404(
        Fund.objects.select_related("coordinating_municipality"), slug=slug, kind=Fund.Kind.SPUK
    )
    if not request.user.has_perm(
        "accounting.manage_spuk", fund
    ):  # TWO or this SPUK's coordinating municipality
        raise Http404("Fonds niet gevonden")
    tranches = list(fund.tranches.order_by("year"))
    back = request.GET.get("jaar", "")
    back_year = int(back) if back.isdigit() and int(back) in {t.year for t in tranches} else None
    forms = [GrantDecisionForm(request.POST or None, tranche=t) for t in tranches]
    if request.method == "POST":
        changed = grant_decision_forms_valid(forms) and any(form.changed_decision for form in forms)
        if not any(form.errors for form in forms) and _record_decisions(fund, forms, request.user):
            messages.success(
                request,
                "De beschikkingen zijn opgeslagen." if changed else "Er was niets gewijzigd.",
            )
            url = reverse("fund:grant_decisions", args=[fund.slug])
            return redirect(f"{url}?jaar={back_year}" if back_year else url)
        messages.error(request, "Er is niets opgeslagen; verbeter de gemarkeerde velden.")
    return render(
        request,
        "fund/grant_decisions.html",
        {
            "fund": fund,
            "rows": list(zip(tranches, forms, strict=True)),
            "back_year": back_year,
        },
    )
