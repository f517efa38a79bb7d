"""The start page, the region dashboard, a provider's page and its forecast and waiting-list charts."""

from csp.decorators import csp_replace
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from allocations import charts, presenters, xlsx
from allocations.forecast import STOP_LIMIT
from allocations.forms import BSN_REASONS
from allocations.models import ForecastStatus, ForecastSubmission
from allocations.selectors import clients as client_selectors
from allocations.selectors import dashboards as dashboard_selectors
from allocations.selectors import forecasts as forecast_selectors
from allocations.selectors import products as product_selectors
from allocations.selectors import providers as provider_selectors
from allocations.views.common import fund_from_request, provider_or_404, year_from_request
from core.models import Provider
from core.pagination import Paginator
from core.permissions import user_provider_id, user_region_id


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
    year = year_from_request(request)
    status = request.GET.get("status", "")
    status = status if status in ForecastStatus.values else ""
    sort = request.GET.get("sorteer", "")
    query = request.GET.get("q", "").strip()
    region_id = user_region_id(request.user)
    rows = dashboard_selectors.region_dashboard(
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
            "rows_html": presenters.dashboard_rows_html(page.object_list, year),
            "charts_html": presenters.dashboard_charts_html(page.object_list, year),
        },
    )


def provider_detail(request, slug):
    provider = provider_or_404(request, slug)
    year = year_from_request(request, provider)
    status = forecast_selectors.provider_status(
        provider=provider, year=year, visible_to=request.user
    )
    budgets = product_selectors.product_budgets(
        provider=provider, year=year, visible_to=request.user
    )
    tariffs = product_selectors.tariffs_for(provider=provider, year=year)
    products = [
        (p, tariffs.get(p.code), budgets.get(p.pk)) for p in product_selectors.products_of(provider)
    ]
    forecasts = list(
        ForecastSubmission.objects.filter(
            forecast_selectors.forecasts_visible_q(request.user),
            provider=provider,
            year=year,
            is_current=True,
        )
        .select_related("fund__region")
        .order_by("month", "fund__name")
    )
    by_fund = forecast_selectors.fund_statuses(status, visible_to=request.user)
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
                provider_selectors.fund_records_q(request.user), year=year
            ).prefetch_related("lines"),
            "transfers": provider.budget_transfers.filter(year=year).select_related(
                "from_product", "to_product", "consented_by"
            ),
            "forecasts": forecasts,
            "latest": forecasts[-1] if forecasts else None,
            "registrations": client_selectors.registrations_of(
                provider=provider, year=year, visible_to=request.user
            ),
            "can_act": request.user.has_perm("allocations.act_for_provider", provider),
            "can_manage": request.user.has_perm("allocations.manage"),
            "stop_percent": int(STOP_LIMIT * 100),
            "percent_text": forecast_selectors.percent_text(status.percent),
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
    provider = provider_or_404(request, slug)
    fund = None
    if request.GET.get("fonds"):
        fund = fund_from_request(
            request,
            forecast_selectors.forecast_funds(
                provider=provider, year=year, visible_to=request.user
            ),
        )
    return forecast_selectors.provider_status(
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
