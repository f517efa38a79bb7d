from django.contrib import admin
from django.urls import include, path

from accounting.views.grants import budget_request
from allocations import urls as allocations_urls
from api import views as api_views
from core.health import health

# A provider's PxQ request keeps its place among the budget pages (allocations:request), but TWO's
# decision there books the grant at once, so the view is accounting's, a floor above allocations.
allocations_patterns = [
    *allocations_urls.urlpatterns,
    path("aanbieder/<slug:slug>/aanvragen/<id:pk>/", budget_request, name="request"),
]

urlpatterns = [
    path("health/", health, name="health"),
    path("accounts/", include("core.urls_auth")),
    path("beheer/", admin.site.urls),
    path("", include("worklists.urls")),
    path("", include("core.urls")),
    path("fondsen/", include("fund.urls")),
    path("voorstellen/", include("proposals.urls")),
    path("budgetten/", include((allocations_patterns, allocations_urls.app_name))),
    path("boekhouding/", include("accounting.urls")),
    path("normen/", include("norms.urls")),
    path("bren/", include("bren.urls")),
    path("meldingen/", include("notifications.urls")),
    path("account/api-tokens/", api_views.token_list, name="api_tokens"),
    path("account/api-tokens/<id:pk>/intrekken/", api_views.token_revoke, name="api_token_revoke"),
    path("api/v1/", include("api.urls")),
]
