"""Pages of provider budgets. Thin: parse, check permission, call one service or selector, render.

Another provider's records give 404, also when a provider edits the URL.
"""

import re

from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from allocations import charts, exports, selectors, services, xlsx
from allocations.exceptions import FileRejected
from allocations.forecast import ESTIMATE_DEVIATION_LIMIT, STOP_LIMIT
from allocations.forms import (
    BSN_REASONS,
    BudgetRequestForm,
    ClientRegistrationForm,
    DecisionForm,
    ForecastCellsForm,
    ForecastUploadForm,
    ProductForm,
    ReasonForm,
    TariffFilterForm,
    TariffForm,
    TemplateForm,
    TransferForm,
    parse_month_label,
)
from allocations.models import (
    BsnAccessLog,
    BudgetRequest,
    ClientRegistration,
    ForecastStatus,
    ForecastSubmission,
    Tariff,
)
from core.exceptions import DomainError
from core.models import Provider, Region
from core.permissions import user_provider_id, user_region_id
from core.templatetags.nl import format_number

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _provider(request, slug) -> Provider:
    provider = get_object_or_404(Provider.objects.select_related("region"), slug=slug)
    if not request.user.has_perm("allocations.view_provider", provider):
        raise Http404("Aanbieder niet gevonden")
    return provider


def _acting_provider(request, slug) -> Provider:
    provider = _provider(request, slug)
    if not request.user.has_perm("allocations.act_for_provider", provider):
        raise PermissionDenied
    return provider


def _managing(request, slug) -> Provider:
    provider = _provider(request, slug)
    if not request.user.has_perm("allocations.manage"):
        raise PermissionDenied
    return provider


def _forecasts(request, provider, year) -> None:
    """A forecast page or export of a year: 404 for TWO staff whose funds gave the provider no budget
    that year (selectors.forecasts_visible_q: the forecast belongs to the provider's budgets)."""
    if not selectors.forecast_year_visible(user=request.user, provider=provider, year=year):
        raise Http404("Geen prognose voor deze maand")


def _fund(request, funds):
    """The fund (budget) named by `?fonds=<slug>` (or the POSTed `fonds`) among `funds`; None when
    none is named; 404 for a fund that is not among them (another region's, or none of this provider's)."""
    slug = request.POST.get("fonds") or request.GET.get("fonds", "")
    if not slug:
        return None
    for fund in funds:
        if fund.slug == slug:
            return fund
    raise Http404("Onbekend fonds")


def _year(request, provider=None) -> int:
    text = request.GET.get("jaar", "")
    if re.fullmatch(
        r"[0-9]{4}", text
    ):  # ASCII, four digits: a bigger number overflowed the query (issue 12)
        return int(text)
    return selectors.default_year(provider)


def start(request):
    if request.user.has_perm("allocations.manage"):
        return redirect("allocations:dashboard")
    provider_id = user_provider_id(request.user)
    if provider_id is None:
        raise PermissionDenied
    return redirect("allocations:provider", slug=Provider.objects.get(pk=provider_id).slug)


def dashboard(request):
    if not request.user.has_perm("allocations.manage"):
        raise PermissionDenied
    year = _year(request)
    status = request.GET.get("status", "")
    status = status if status in ForecastStatus.values else ""
    sort = request.GET.get("sorteer", "")
    query = request.GET.get("q", "").strip()
    region_id = user_region_id(request.user)
    rows = selectors.region_dashboard(
        region_id=region_id,
        year=year,
        status=status,
        query=query,
        sort=sort,
        visible_to=request.user,
    )
    page = Paginator(rows, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "allocations/dashboard.html",
        {
            "year": year,
            "page": page,
            "status": status,
            "sort": sort,
            "q": query,
            "statuses": ForecastStatus.choices,
            "counts": {s: sum(1 for r in rows if r.status == s) for s in ForecastStatus.values},
            "charted": [r for r in page.object_list if r.series],
        },
    )


def provider_detail(request, slug):
    provider = _provider(request, slug)
    year = _year(request, provider)
    status = selectors.provider_status(provider=provider, year=year, visible_to=request.user)
    budgets = selectors.product_budgets(provider=provider, year=year, visible_to=request.user)
    tariffs = selectors.tariffs_for(provider=provider, year=year)
    products = [
        (p, tariffs.get(p.code), budgets.get(p.pk)) for p in selectors.products_of(provider)
    ]
    forecasts = list(
        ForecastSubmission.objects.filter(
            selectors.forecasts_visible_q(request.user),
            provider=provider,
            year=year,
            is_current=True,
        )
        .select_related("fund__region")
        .order_by("month", "fund__name")
    )
    by_fund = selectors.fund_statuses(status, visible_to=request.user)
    return render(
        request,
        "allocations/provider_detail.html",
        {
            "provider": provider,
            "year": year,
            "status": status,
            "products": products,
            "budget_total": sum((b for b in budgets.values()), start=0),
            "requests": provider.budget_requests.filter(
                selectors.fund_records_q(request.user), year=year
            ).prefetch_related("lines"),
            "transfers": provider.budget_transfers.filter(year=year).select_related(
                "from_product", "to_product", "consented_by"
            ),
            "forecasts": forecasts,
            "latest": forecasts[-1] if forecasts else None,
            "registrations": selectors.registrations_of(
                provider=provider, year=year, visible_to=request.user
            ),
            "can_act": request.user.has_perm("allocations.act_for_provider", provider),
            "can_manage": request.user.has_perm("allocations.manage"),
            "stop_percent": int(STOP_LIMIT * 100),
            "percent_text": charts.percent_text(status.percent),
            "next_label": xlsx.month_label(year, min((status.month or 0) + 1, 12)),
            "bsn_reasons": BSN_REASONS,
            "fund_statuses": by_fund,
        },
    )


# matplotlib's SVG styles its shapes inline; opened on its own, the chart is a document that runs
# no script, loads nothing, and may use its own inline styles.
svg_policy = csp_replace(
    {"default-src": ["'none'"], "script-src": ["'none'"], "style-src": ["'unsafe-inline'"]}
)


def _chart_status(request, slug, year):
    """The status a chart draws: with `?fonds=<slug>` that one budget's (its own 100%/105% lines
    mean something only per budget; 404 for a fund that is not one of the provider's budgets the
    user may see), else the provider's year as the user may see it."""
    provider = _provider(request, slug)
    fund = None
    if request.GET.get("fonds"):
        fund = _fund(
            request, selectors.forecast_funds(provider=provider, year=year, visible_to=request.user)
        )
    return selectors.provider_status(
        provider=provider, year=year, visible_to=request.user, fund=fund
    )


@svg_policy
def forecast_chart(request, slug, year):
    status = _chart_status(request, slug, year)
    return HttpResponse(charts.provider_forecast_svg(status), content_type="image/svg+xml")


@svg_policy
def waiting_chart(request, slug, year):
    status = _chart_status(request, slug, year)
    return HttpResponse(charts.provider_waiting_svg(status), content_type="image/svg+xml")


def request_new(request, slug):
    provider = _acting_provider(request, slug)
    year = _year(request, provider)
    products = selectors.products_of(provider)
    tariffs = selectors.tariffs_for(provider=provider, year=year)
    form = BudgetRequestForm(request.POST or None, products=products, tariffs=tariffs)
    if request.method == "POST" and form.is_valid():
        try:
            budget_request = services.budget_request_submit(
                provider=provider,
                year=year,
                quantities=form.quantities(),
                motivation=form.cleaned_data["motivation"],
                user=request.user,
                **{k: form.cleaned_data[k] for k in services.RULE_6},
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
    provider = _provider(request, slug)
    budget_request = get_object_or_404(
        BudgetRequest.objects.filter(selectors.fund_records_q(request.user)).select_related(
            "fund", "submitted_by"
        ),
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
            "waiting": selectors.request_waiting_lists(budget_request),
        },
    )


def transfer_new(request, slug):
    provider = _managing(request, slug)
    year = _year(request, provider)
    form = TransferForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_transfer(
                provider=provider, year=year, user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "De verschuiving is vastgelegd met uw akkoord.")
            return redirect(f"{_provider_url(slug)}?jaar={year}")
    return render(
        request,
        "allocations/transfer_form.html",
        {"provider": provider, "year": year, "form": form},
    )


def _provider_url(slug):
    return reverse("allocations:provider", kwargs={"slug": slug})


@sensitive_post_parameters()
@sensitive_variables()
def forecast_form(request, slug, month_label):
    """The month's forecast in the browser. Expected units may be left blank: the estimate is stored
    then. "Schatting berekenen" shows the estimates beside the entered figures without saving."""
    provider = _acting_provider(request, slug)
    parsed = parse_month_label(month_label)
    if parsed is None:
        raise Http404("Onbekende maand")
    year, month = parsed
    funds = selectors.forecast_funds(provider=provider, year=year)
    fund = _fund(request, funds) or (funds[0] if len(funds) == 1 else None)
    products = list(selectors.products_of(provider))
    tariffs = selectors.tariffs_for(
        provider=provider, year=year, region_id=fund.region_id if fund else None
    )
    if fund and fund.region_id and fund.region_id != provider.region_id:
        # a budget in another region: the products that region's tariff list prices (P is never typed in)
        products = [p for p in products if p.code in tariffs]
    if request.method == "POST":
        form = ForecastCellsForm(
            request.POST,
            products=products,
            year=year,
            month=month,
            fund_missing=bool(funds) and fund is None,
        )
        if form.is_valid() and request.POST.get("action") != "schatting":
            try:
                submission = services.forecast_submit(
                    provider=provider,
                    year=year,
                    month=month,
                    rows=form.rows,
                    explanation=form.explanation,
                    source=ForecastSubmission.Source.WEB,
                    user=request.user,
                    fund=fund,
                )
            except DomainError as exc:
                form.add_error(exc.message)
            else:
                messages.success(request, f"De prognose {month_label} is opgeslagen.")
                _estimate_messages(request, selectors.forecast_lines(submission))
                return redirect(f"{_provider_url(slug)}?jaar={year}")
    else:
        previous = selectors.previous_forecast_lines(
            provider=provider, year=year, month=month, fund=fund
        )
        current = (
            selectors.current_forecast(provider=provider, year=year, month=month, fund=fund)
            if fund
            else None
        )
        form = ForecastCellsForm(
            products=products,
            year=year,
            month=month,
            previous=previous,
            explanation=current.explanation if current else "",
        )
    return render(
        request,
        "allocations/forecast_form.html",
        {
            "provider": provider,
            "year": year,
            "month": month,
            "month_label": month_label,
            "table": form.table(tariffs),
            "errors": form.shown_errors(),
            "explanation": form.explanation,
            "columns": xlsx.INPUTS,
            "estimated": bool(form.estimates),
            "deviation_limit": int(ESTIMATE_DEVIATION_LIMIT * 100),
            "funds": funds if len(funds) > 1 else [],
            "fund": fund,
        },
    )


def _estimate_messages(request, lines) -> None:
    """Say which expected units were estimated, and which entered figures differ strongly from the estimate."""
    estimated = [
        f"{line.product.code} {format_number(line.expected_units, 2)}"
        for line in lines
        if line.expected_units_estimated
    ]
    if estimated:
        messages.info(
            request,
            "Niet ingevuld, dus de schatting is opgeslagen als verwachte eenheden tot 31-12: "
            f"{'; '.join(estimated)}.",
        )
    deviating = [
        f"{line.product.code} (ingevuld {format_number(line.expected_units, 2)}, schatting {format_number(line.estimate, 2)})"
        for line in lines
        if line.deviates_from_estimate
    ]
    if deviating:
        messages.warning(
            request,
            f"Wijkt sterk af van de schatting (meer dan {int(ESTIMATE_DEVIATION_LIMIT * 100)}%): "
            f"{'; '.join(deviating)}. De TWO Jeugdhulp kan u om een toelichting vragen.",
        )


def forecast_detail(request, slug, month_label):
    provider = _provider(request, slug)
    parsed = parse_month_label(month_label)
    if parsed is None:
        raise Http404("Onbekende maand")
    year, month = parsed
    _forecasts(request, provider, year)
    fund = _fund(
        request, selectors.forecast_funds(provider=provider, year=year, visible_to=request.user)
    )
    submission = selectors.current_forecast(
        provider=provider, year=year, month=month, fund=fund, visible_to=request.user
    )
    if submission is None:
        raise Http404("Geen prognose voor deze maand")
    lines = list(selectors.forecast_lines(submission))
    budgets = selectors.product_budgets(
        provider=provider, year=year, visible_to=request.user, fund=submission.fund
    )
    rows = [(line, budgets.get(line.product_id)) for line in lines]
    return render(
        request,
        "allocations/forecast_detail.html",
        {
            "provider": provider,
            "submission": submission,
            "rows": rows,
            "month_label": month_label,
            "deviating": [line for line in lines if line.deviates_from_estimate],
            "deviation_limit": int(ESTIMATE_DEVIATION_LIMIT * 100),
            "total": sum((line.cost.amount for line in lines), start=0),
            "can_act": request.user.has_perm("allocations.act_for_provider", provider),
        },
    )


def forecast_template_download(request, slug):
    provider = _acting_provider(request, slug)
    form = TemplateForm(request.GET)
    if not form.is_valid():
        raise Http404("Onbekende maand")
    year, month = form.cleaned_data["month"]
    funds = selectors.forecast_funds(provider=provider, year=year)
    fund = _fund(request, funds) or (funds[0] if len(funds) == 1 else None)
    content = xlsx.forecast_template(
        provider=provider,
        year=year,
        month=month,
        products=selectors.products_of(provider),
        tariffs=selectors.tariffs_for(
            provider=provider, year=year, region_id=fund.region_id if fund else None
        ),
        previous=selectors.previous_forecast_lines(
            provider=provider, year=year, month=month, fund=fund
        ),
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="prognose-{provider.slug}-{xlsx.month_label(year, month)}.xlsx"'
    )
    return response


@sensitive_post_parameters()
@sensitive_variables()
def forecast_upload(request, slug):
    provider = _acting_provider(request, slug)
    form = ForecastUploadForm(
        request.POST or None, request.FILES or None, funds=selectors.provider_funds(provider)
    )
    file_errors = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        year_month = form.cleaned_data["month"] or xlsx.month_in_file(content)
        if year_month is None:
            form.add_error(
                "month",
                "Het bestand noemt geen maand (cel B3 van het sjabloon); vul de maand in als JJJJ-MM.",
            )
            return render(
                request,
                "allocations/forecast_upload.html",
                {"provider": provider, "form": form, "file_errors": file_errors},
            )
        year, month = year_month
        try:
            services.forecast_import(
                provider=provider,
                year=year,
                month=month,
                content=content,
                user=request.user,
                fund=form.cleaned_data.get("fund"),
            )
        except FileRejected as exc:
            file_errors = exc.errors
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"De prognose {xlsx.month_label(year, month)} is ingelezen.")
            return redirect(f"{_provider_url(slug)}?jaar={year}")
    return render(
        request,
        "allocations/forecast_upload.html",
        {"provider": provider, "form": form, "file_errors": file_errors},
    )


def forecast_history(request, slug):
    provider = _provider(request, slug)
    year = _year(request, provider)
    versions = (
        ForecastSubmission.objects.filter(
            selectors.forecasts_visible_q(request.user), provider=provider, year=year
        )
        .select_related("submitted_by", "fund__region")
        .order_by("-month", "fund__name", "-version")
    )
    versions = versions.annotate(cost=Sum("lines__cost"))
    return render(
        request,
        "allocations/forecast_history.html",
        {"provider": provider, "year": year, "versions": versions},
    )


def forecast_export(request, slug):
    """The ordinary export: forecasts per month and product, never with BSNs."""
    provider = _provider(request, slug)
    year = _year(request, provider)
    _forecasts(request, provider, year)
    content = exports.forecasts_xlsx(
        provider=provider,
        year=year,
        statuses=selectors.budget_statuses(provider=provider, year=year, visible_to=request.user),
        lines=selectors.current_lines_for_year(
            provider=provider, year=year, visible_to=request.user
        ),
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="prognoses-{provider.slug}-{year}.xlsx"'
    )
    return response


def forecast_report_pdf(request, slug, year):
    """The forecast report as PDF: the provider itself and TWO; another provider gets 404. No BSNs."""
    provider = _provider(request, slug)
    content = exports.forecast_report_pdf(
        selectors.forecast_report(provider=provider, year=year, visible_to=request.user)
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="prognoserapportage-{provider.slug}-{year}.pdf"'
    )
    return response


@sensitive_post_parameters("bsn")
@sensitive_variables("form")
def client_new(request, slug):
    provider = _acting_provider(request, slug)
    year = _year(request, provider)
    form = ClientRegistrationForm(
        request.POST or None,
        provider=provider,
        funds=selectors.forecast_funds(provider=provider, year=year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.client_register(
                provider=provider, year=year, user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Cliënt met BSN {registration.masked_bsn} is vastgelegd.")
            return redirect(f"{_provider_url(slug)}?jaar={year}")
    return render(
        request, "allocations/client_form.html", {"provider": provider, "year": year, "form": form}
    )


@never_cache
@sensitive_variables("bsn")
def bsn_reveal(request, pk):
    registration = get_object_or_404(
        ClientRegistration.objects.select_related("provider", "product"), pk=pk
    )
    _provider(request, registration.provider.slug)
    if not request.user.has_perm("allocations.manage"):
        raise PermissionDenied
    if not request.user.has_perm("allocations.manage", registration):  # another organisation's fund
        raise Http404("Cliënt niet gevonden")
    form = ReasonForm(request.POST or None)
    bsn = None
    if request.method == "POST" and form.is_valid():
        try:
            bsn = services.bsn_reveal(
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
    provider = _managing(request, slug)
    year = _year(request, provider)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Kies een reden en schrijf ten minste een zin over waarom u de BSN's nodig hebt; "
            "die wordt gelogd.",
        )
        return redirect(f"{_provider_url(slug)}?jaar={year}")
    content = services.bsn_export(
        provider=provider, year=year, reason=form.logged_reason(), user=request.user
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bsn-{provider.slug}-{year}.csv"'
    return response


def access_log(request):
    if not request.user.has_perm("allocations.manage"):
        raise PermissionDenied
    entries = (
        BsnAccessLog.objects.filter(selectors.fund_records_q(request.user, "registration__fund"))
        .select_related("user", "registration__provider")
        .order_by("-at", "-pk")
    )
    page = Paginator(entries, 100).get_page(request.GET.get("pagina"))
    return render(request, "allocations/access_log.html", {"page": page})


def product_new(request, slug):
    provider = _managing(request, slug)
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.product_create_or_update(provider=provider, user=request.user, **form.cleaned_data)
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
        or {"regio": getattr(default_region, "slug", ""), "jaar": selectors.default_year()}
    )
    if not choose.is_valid():
        raise Http404("Onbekende regio of jaar")
    region, year = choose.cleaned_data["regio"], choose.cleaned_data["jaar"]
    form = TariffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.tariff_set(region=region, year=year, user=request.user, **form.cleaned_data)
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
