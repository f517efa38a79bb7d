from django.urls import path

from norms import views

app_name = "norms"
urlpatterns = [
    path("", views.index, name="index"),
    path("gebied/<slug:slug>/", views.area_detail, name="area"),
    path("gebied/<slug:slug>/trend.svg", views.area_chart, name="area_chart"),
    path("gebied/<slug:slug>/trend.pdf", views.area_pdf, name="area_pdf"),
    path("gebied/<slug:slug>/tellingen/", views.counts_enter, name="counts_enter"),
    path(
        "gebied/<slug:slug>/tellingen/sjabloon.xlsx", views.counts_template, name="counts_template"
    ),
    path("gebied/<slug:slug>/tellingen/upload/", views.counts_upload, name="counts_upload"),
    path("gebied/<slug:slug>/uitvoeringsplan/", views.action_plan, name="action_plan"),
    path(
        "gebied/<slug:slug>/uitvoeringsplan/uitvoeringsplan.<str:fmt>",
        views.action_plan_download,
        name="action_plan_download",
    ),
    path("gebied/<slug:slug>/uitvoeringsplan/nieuw/", views.action_create, name="action_create"),
    path("acties/<id:pk>/", views.action_detail, name="action"),
    path("inspectie/<id:pk>/", views.inspection_detail, name="inspection"),
]
