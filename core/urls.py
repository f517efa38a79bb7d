from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("organisaties/", views.organisation_list, name="organisations"),
    path("organisaties/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisaties/<slug:slug>/gebruikers/<id:pk>/rol/", views.member_role, name="member_role"),
    path(
        "organisaties/<slug:slug>/gebruikers/<id:pk>/verwijderen/",
        views.member_remove,
        name="member_remove",
    ),
]
