from django.contrib import admin
from django.urls import include, path

from core.health import health

urlpatterns = [
    path("health/", health, name="health"),
    path("accounts/", include("core.urls_auth")),
    path("beheer/", admin.site.urls),
    path("", include("worklists.urls")),
    path("", include("core.urls")),
    path("fondsen/", include("fund.urls")),
    path("voorstellen/", include("proposals.urls")),
    path("budgetten/", include("allocations.urls")),
    path("boekhouding/", include("accounting.urls")),
    path("normen/", include("norms.urls")),
    path("bren/", include("bren.urls")),
    path("meldingen/", include("notifications.urls")),
]
