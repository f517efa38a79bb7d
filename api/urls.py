"""The routes of /api/v1/ (included from config/urls.py).

One router; each area registers its viewsets below. Every route is exempt from the site's
LoginRequiredMiddleware: DRF authenticates API requests itself (api.authentication).
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import fund, proposals

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
]

for pattern in urlpatterns:
    login_not_required(pattern.callback)
