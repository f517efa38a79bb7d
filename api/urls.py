"""The routes of /api/v1/ (included from config/urls.py).

One router; each area registers its viewsets below. Every route is exempt from the site's
LoginRequiredMiddleware: DRF authenticates API requests itself (api.authentication).
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import accounting, fund, proposals
from api.allocations import views as allocations

app_name = "api"


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files (drf-spectacular-sidecar); its start script is a
    separate request and the page has no inline style, so the site's CSP holds unchanged."""

    template_name = "api/docs.html"
    title = "Jeugdfonds API"


router = SimpleRouter()
router.register("funds", fund.FundViewSet, basename="fund")
router.register("contributions", fund.ContributionViewSet, basename="contribution")
router.register("circulars", fund.CircularViewSet, basename="circular")
router.register("proposals", proposals.ProposalViewSet, basename="proposal")
router.register("meetings", proposals.MeetingViewSet, basename="meeting")
router.register("awards", proposals.AwardViewSet, basename="award")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    # provider budgets, forecasts and clients above budget (api/allocations.py)
    path("budgets/", allocations.BudgetList.as_view(), name="budget-list"),
    path("forecasts/", allocations.ForecastList.as_view(), name="forecast-list"),
    path("forecasts/<id:pk>/", allocations.ForecastDetail.as_view(), name="forecast-detail"),
    path("clients/", allocations.ClientList.as_view(), name="client-list"),
    path("clients/<id:pk>/", allocations.ClientDetail.as_view(), name="client-detail"),
    # the books and the SPUK (api/accounting.py)
    path("journal-lines/", accounting.JournalLineList.as_view(), name="journal-line-list"),
    path("spuk-divisions/", accounting.SpukDivisionList.as_view(), name="spuk-division-list"),
    path(
        "spuk-verantwoording/<id:fund>/<year:year>/",
        accounting.SpukVerantwoording.as_view(),
        name="spuk-verantwoording",
    ),
]

for pattern in urlpatterns:
    login_not_required(pattern.callback)
