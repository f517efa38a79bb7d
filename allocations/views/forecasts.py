"""The pages of the monthly forecast: the form, a forecast's details, the template, the upload, the
history, the export and the yearly report (PDF).
"""

from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from allocations import exports, presenters, xlsx, xlsx_reading
from allocations.exceptions import FileRejected
from allocations.forecast import ESTIMATE_DEVIATION_LIMIT
from allocations.forms import ForecastCellsForm, ForecastUploadForm, TemplateForm, parse_month_label
from allocations.models import ForecastSubmission
from allocations.selectors import forecasts as forecast_selectors
from allocations.selectors import products as product_selectors
from allocations.services import forecasts as forecast_services
from allocations.views.common import (
    XLSX,
    acting_provider,
    fund_from_request,
    provider_or_404,
    provider_url,
    require_forecast_year,
    year_from_request,
)
from core.exceptions import DomainError
from core.templatetags.nl import format_number


@sensitive_post_parameters()
@sensitive_variables()
def forecast_form(request, slug, month_label):
    """The month's forecast in the browser. Expected units may be left blank: the estimate is stored
    then. "Schatting berekenen" shows the estimates beside the entered figures without saving."""
    provider = acting_provider(request, slug)
    parsed = parse_month_label(month_label)
    if parsed is None:
        raise Http404("Onbekende maand")
    year, month = parsed
    funds = forecast_selectors.forecast_funds(provider=provider, year=year)
    fund = fund_from_request(request, funds) or (funds[0] if len(funds) == 1 else None)
    products = list(product_selectors.products_of(provider))
    tariffs = product_selectors.tariffs_for(
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
                submission = forecast_services.forecast_submit(
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
                _estimate_messages(request, forecast_selectors.forecast_lines(submission))
                return redirect(f"{provider_url(slug)}?jaar={year}")
    else:
        previous = forecast_selectors.previous_forecast_lines(
            provider=provider, year=year, month=month, fund=fund
        )
        current = (
            forecast_selectors.current_forecast(
                provider=provider, year=year, month=month, fund=fund
            )
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
    provider = provider_or_404(request, slug)
    parsed = parse_month_label(month_label)
    if parsed is None:
        raise Http404("Onbekende maand")
    year, month = parsed
    require_forecast_year(request, provider, year)
    fund = fund_from_request(
        request,
        forecast_selectors.forecast_funds(provider=provider, year=year, visible_to=request.user),
    )
    submission = forecast_selectors.current_forecast(
        provider=provider, year=year, month=month, fund=fund, visible_to=request.user
    )
    if submission is None:
        raise Http404("Geen prognose voor deze maand")
    lines = list(forecast_selectors.forecast_lines(submission))
    budgets = product_selectors.product_budgets(
        provider=provider, year=year, visible_to=request.user, fund=submission.fund
    )
    rows = [(line, budgets.get(line.product_id)) for line in lines]
    return render(
        request,
        "allocations/forecast_detail.html",
        {
            "provider": provider,
            "submission": submission,
            "rows_html": presenters.forecast_rows_html(rows),
            "month_label": month_label,
            "deviating": [line for line in lines if line.deviates_from_estimate],
            "deviation_limit": int(ESTIMATE_DEVIATION_LIMIT * 100),
            "total": sum((line.cost.amount for line in lines), start=0),
            "can_act": request.user.has_perm("allocations.act_for_provider", provider),
        },
    )


def forecast_template_download(request, slug):
    provider = acting_provider(request, slug)
    form = TemplateForm(request.GET)
    if not form.is_valid():
        raise Http404("Onbekende maand")
    year, month = form.cleaned_data["month"]
    funds = forecast_selectors.forecast_funds(provider=provider, year=year)
    fund = fund_from_request(request, funds) or (funds[0] if len(funds) == 1 else None)
    content = xlsx.forecast_template(
        provider=provider,
        year=year,
        month=month,
        products=product_selectors.products_of(provider),
        tariffs=product_selectors.tariffs_for(
            provider=provider, year=year, region_id=fund.region_id if fund else None
        ),
        previous=forecast_selectors.previous_forecast_lines(
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
    provider = acting_provider(request, slug)
    form = ForecastUploadForm(
        request.POST or None,
        request.FILES or None,
        funds=forecast_selectors.provider_funds(provider),
    )
    file_errors = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        year_month = form.cleaned_data["month"] or xlsx_reading.month_in_file(content)
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
            forecast_services.forecast_import(
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
            return redirect(f"{provider_url(slug)}?jaar={year}")
    return render(
        request,
        "allocations/forecast_upload.html",
        {"provider": provider, "form": form, "file_errors": file_errors},
    )


def forecast_history(request, slug):
    provider = provider_or_404(request, slug)
    year = year_from_request(request, provider)
    versions = (
        ForecastSubmission.objects.filter(
            forecast_selectors.forecasts_visible_q(request.user), provider=provider, year=year
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
    provider = provider_or_404(request, slug)
    year = year_from_request(request, provider)
    require_forecast_year(request, provider, year)
    content = exports.forecasts_xlsx(
        provider=provider,
        year=year,
        statuses=forecast_selectors.budget_statuses(
            provider=provider, year=year, visible_to=request.user
        ),
        lines=forecast_selectors.current_lines_for_year(
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
    provider = provider_or_404(request, slug)
    content = exports.forecast_report_pdf(
        forecast_selectors.forecast_report(provider=provider, year=year, visible_to=request.user)
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="prognoserapportage-{provider.slug}-{year}.pdf"'
    )
    return response
