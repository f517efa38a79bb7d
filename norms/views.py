"""Pages of the youth-protection norms. Thin: parse, check permission, call a service or selector.
Someone else's area, action or report is a 404, as if it did not exist."""

import base64
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core.dates import in_range
from core.exceptions import DomainError
from core.spreadsheets import XLSX_TYPE, workbook_download
from core.templatetags.nl import format_date
from norms import charts, exports, forms, presenters, selectors, services, xlsx
from norms.exceptions import CountsRejected
from norms.models import Action, Area, InspectionReport, Institution
from norms.permissions import actions_visible_to, areas_visible_to

UPLOAD_MAX_BYTES = 2 * 1024 * 1024


def _area(request, slug) -> Area:
    return get_object_or_404(
        areas_visible_to(request.user).select_related("parent", "region"), slug=slug
    )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _per(request) -> tuple[forms.PeildatumForm, dt.date]:
    form = forms.PeildatumForm(request.GET or None)
    today = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data.get("per"):
        return form, form.cleaned_data["per"]
    return form, today


def index(request):
    areas = list(areas_visible_to(request.user).select_related("parent").order_by("kind", "name"))
    own_actions = []
    if not areas:
        own_actions = selectors.action_rows(
            actions_visible_to(request.user).order_by("planned_date"), today=timezone.localdate()
        )
    reports = InspectionReport.objects.filter(area__in=areas).select_related("area")
    return render(
        request,
        "norms/index.html",
        {"areas": areas, "own_actions": own_actions, "reports": reports},
    )


def area_detail(request, slug):
    area = _area(request, slug)
    trend = selectors.area_trend(area, today=timezone.localdate())
    return render(
        request,
        "norms/area_detail.html",
        {
            "area": area,
            "trend": trend,
            "trend_rows": presenters.trend_rows_html(trend),
            "can_enter": request.user.has_perm("norms.enter_counts", area),
            "parent_visible": area.parent_id is not None
            and request.user.has_perm("norms.view_area", area.parent),
            "reports": InspectionReport.objects.filter(area=area),
        },
    )


def area_chart(request, slug):
    area = _area(request, slug)
    trend = selectors.area_trend(area, today=timezone.localdate())
    return HttpResponse(charts.trend_svg(trend), content_type="image/svg+xml")


def area_pdf(request, slug):
    area = _area(request, slug)
    trend = selectors.area_trend(area, today=timezone.localdate())
    chart = "data:image/svg+xml;base64," + base64.b64encode(charts.trend_svg(trend)).decode("ascii")
    content = exports.pdf(
        "norms/pdf/area.html",
        {
            "area": area,
            "trend": trend,
            "chart": chart,
            "trend_rows": presenters.trend_rows_html(trend),
        },
    )
    return _attachment(content, exports.PDF_TYPE, f"normen-{area.slug}.pdf")


def counts_enter(request, slug):
    area = _area(request, slug)
    if not request.user.has_perm("norms.enter_counts", area):
        raise PermissionDenied
    norms = selectors.norms()
    form = forms.CountsForm(
        request.POST or None,
        norms=norms,
        initial={
            "reference_date": timezone.localdate().replace(day=15)
            if timezone.localdate().day >= 15
            else timezone.localdate()
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.counts_record(
                user=request.user,
                area=area,
                reference_date=form.cleaned_data["reference_date"],
                counts=form.counts(),
                institution=form.cleaned_data["institution"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                f"{saved} telling(en) van {format_date(form.cleaned_data['reference_date'])} opgeslagen.",
            )
            return redirect("norms:area", slug=area.slug)
    return render(
        request,
        "norms/counts_form.html",
        {"area": area, "form": form, "upload": forms.UploadForm()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def counts_template(request, slug):
    area = _area(request, slug)
    if not request.user.has_perm("norms.enter_counts", area):
        raise PermissionDenied
    try:
        day = (
            dt.date.fromisoformat(request.GET.get("peildatum", ""))
            if request.GET.get("peildatum")
            else timezone.localdate()
        )
    except ValueError as exc:
        raise Http404("Ongeldige peildatum") from exc
    if not in_range(day):
        raise Http404("Ongeldige peildatum")
    content = xlsx.template_xlsx(
        area_name=area.name,
        area_slug=area.slug,
        reference_date=day,
        norms=[(n.code, n.name) for n in selectors.norms()],
    )
    return _attachment(content, XLSX_TYPE, f"tellingen-{area.slug}-{day:%Y-%m-%d}.xlsx")


def counts_upload(request, slug):
    area = _area(request, slug)
    if not request.user.has_perm("norms.enter_counts", area) or request.method != "POST":
        raise PermissionDenied
    upload = forms.UploadForm(request.POST, request.FILES)
    errors: list = []
    if not upload.is_valid():
        errors = [(None, "", "Kies een ingevuld sjabloon (.xlsx).")]
    elif upload.cleaned_data["file"].size > UPLOAD_MAX_BYTES:
        errors = [(None, "", "Het bestand is groter dan 2 MB.")]
    else:
        try:
            saved = services.counts_import(
                user=request.user, area=area, content=upload.cleaned_data["file"].read()
            )
        except CountsRejected as exc:
            errors = exc.errors
        else:
            messages.success(request, f"{saved} telling(en) uit het bestand opgeslagen.")
            return redirect("norms:area", slug=area.slug)
    form = forms.CountsForm(norms=selectors.norms())
    return render(
        request,
        "norms/counts_form.html",
        {"area": area, "form": form, "upload": upload, "upload_errors": errors},
        status=400,
    )


# -- the action plan -------------------------------------------------------------------------


def action_plan(request, slug):
    area = _area(request, slug)
    form, per = _per(request)
    report = selectors.action_plan(area, today=per)
    return render(
        request,
        "norms/action_plan.html",
        {
            "area": area,
            "report": report,
            "lines": [
                (value, label, presenters.action_rows_html(rows))
                for value, label, rows in report.lines
            ],
            "form": form,
            "is_today": per == timezone.localdate(),
            "query": "" if per == timezone.localdate() else f"?per={per:%Y-%m-%d}",
            "can_manage": request.user.has_perm("norms.manage_actions", area),
        },
    )


def action_plan_download(request, slug, fmt):
    area = _area(request, slug)
    _, per = _per(request)
    report = selectors.action_plan(area, today=per)
    if fmt == "xlsx":  # streamed from a temporary file
        return workbook_download(
            exports.action_plan_workbook(report), f"uitvoeringsplan-{area.slug}.xlsx"
        )
    if fmt == "pdf":
        return _attachment(
            exports.pdf("norms/pdf/action_plan.html", {"report": report}),
            exports.PDF_TYPE,
            f"uitvoeringsplan-{area.slug}.pdf",
        )
    raise Http404("Onbekend formaat")


def action_create(request, slug):
    area = _area(request, slug)
    if not request.user.has_perm("norms.manage_actions", area):
        raise PermissionDenied
    form = forms.ActionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create_in_area(
                user=request.user, area=area, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Actie {action.number} is toegevoegd.")
            return redirect("norms:action", pk=action.pk)
    return render(
        request,
        "norms/action_form.html",
        {"area": area, "form": form},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def action_detail(request, pk):
    action = get_object_or_404(actions_visible_to(request.user).select_related("plan__area"), pk=pk)
    manage = request.user.has_perm("norms.manage_actions", action)
    status = request.user.has_perm("norms.update_action_status", action)
    instance = Action.objects.get(pk=action.pk)
    if manage:
        form = forms.ActionForm(request.POST or None, instance=instance, user=request.user)
    elif status:
        form = forms.ActionStatusForm(request.POST or None, instance=instance)
    else:
        form = None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            changes = {f: form.cleaned_data[f] for f in form.changed_data}
            try:
                made = services.action_update(
                    user=request.user, action=action, status_only=not manage, **changes
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    f"{len(made)} wijziging(en) vastgelegd." if made else "Er is niets gewijzigd.",
                )
                return redirect("norms:action", pk=action.pk)
    row = selectors.action_detail(action, today=timezone.localdate())
    return render(
        request,
        "norms/action_detail.html",
        {
            "row": row,
            "action": action,
            "form": form,
            "manage": manage,
            "changes": action.changes.select_related("changed_by").order_by("-changed_at", "-pk"),
            "sees_area": request.user.has_perm("norms.view_area", action.plan.area),
        },
        status=400 if form is not None and form.is_bound and not form.is_valid() else 200,
    )


# -- inspection reports ----------------------------------------------------------------------


def inspection_detail(request, pk):
    report = get_object_or_404(
        InspectionReport.objects.filter(area__in=areas_visible_to(request.user)).select_related(
            "area", "reaction_by"
        ),
        pk=pk,
    )
    can_react = request.user.has_perm("norms.enter_counts", report.area)
    form = forms.ReactionForm(
        request.POST or None,
        initial={
            "proud": report.reaction_proud,
            "actions": report.reaction_actions,
            "noticeable": report.reaction_noticeable,
        },
    )
    if request.method == "POST":
        if not can_react:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.inspection_reaction_save(
                    user=request.user,
                    report=report,
                    proud=form.cleaned_data["proud"],
                    actions=form.cleaned_data["actions"],
                    noticeable=form.cleaned_data["noticeable"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "De reactie van de regio is opgeslagen.")
                return redirect("norms:inspection", pk=report.pk)
    return render(
        request,
        "norms/inspection_detail.html",
        {
            "report": report,
            "tables": selectors.inspection_tables(report),
            "form": form if can_react else None,
            "institutions": Institution.objects.count(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
