"""The routes of /api/v1/ (included from config/urls.py)."""

app_name = "api"

urlpatterns: list = []
