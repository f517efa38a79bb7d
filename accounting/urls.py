from django.urls import path

from accounting import views

app_name = "accounting"
urlpatterns = [
    path("", views.index, name="index"),
    path("verslagen/", views.region_reports, name="region_reports"),
    path(
        "verslagen/overzicht.<str:fmt>",
        views.region_reports_download,
        name="region_reports_download",
    ),
    path("verslagen/<id:pk>/", views.region_report, name="region_report"),
    path("prestaties/", views.my_results, name="my_results"),
    path("prestaties/<id:pk>/<year:year>/", views.indicator_result, name="indicator_result"),
    path("toekenningen/<id:pk>/", views.award_make, name="award_make"),
    path("taken/", views.job_start, name="job_start"),
    path("taken/<id:pk>/", views.job, name="job"),
    path("taken/<id:pk>/status/", views.job_status, name="job_status"),
    path("taken/<id:pk>/download/", views.job_download, name="job_download"),
    path("<slug:slug>/overzicht/", views.fund_overview, name="overview"),
    path("<slug:slug>/gebruik-per-jaar.svg", views.fund_overview_chart, name="overview_chart"),
    path("<slug:slug>/overzicht.<str:fmt>", views.fund_overview_download, name="overview_download"),
    path("<slug:slug>/journaal/", views.journal, name="journal"),
    path("<slug:slug>/journaal/<str:action>/", views.journal_book, name="book"),
    path("<slug:slug>/aanbieders/", views.provider_grants, name="provider_grants"),
    path("<slug:slug>/aanbieders/<id:pk>/", views.provider_grant, name="provider_grant"),
    path(
        "<slug:slug>/aanbieders/<id:pk>/<str:action>/",
        views.provider_grant_book,
        name="provider_grant_book",
    ),
    path("<slug:slug>/evaluatie/<year:year>/", views.evaluation, name="evaluation"),
    path(
        "<slug:slug>/evaluatie/<year:year>.<str:fmt>",
        views.evaluation_download,
        name="evaluation_download",
    ),
    path("<slug:slug>/afrekening/", views.settlement_list, name="settlements"),
    path("<slug:slug>/afrekening/<id:pk>/", views.settlement_detail, name="settlement"),
    path(
        "<slug:slug>/afrekening/<id:pk>.<str:fmt>",
        views.settlement_download,
        name="settlement_download",
    ),
    path(
        "<slug:slug>/afrekening/<id:pk>/vaststellen/",
        views.settlement_confirm,
        name="settlement_confirm",
    ),
    path("<slug:slug>/spuk/", views.spuk, name="spuk"),
    path("<slug:slug>/spuk/<year:year>/verdeling/", views.spuk_division, name="spuk_division"),
    path("<slug:slug>/spuk/<year:year>/onderdelen.svg", views.spuk_parts_chart, name="spuk_chart"),
    path(
        "<slug:slug>/spuk/<year:year>/vaststellen/",
        views.spuk_division_adopt,
        name="spuk_division_adopt",
    ),
    path(
        "<slug:slug>/spuk/<year:year>/verantwoording/",
        views.spuk_verantwoording,
        name="spuk_verantwoording",
    ),
    path(
        "<slug:slug>/spuk/<year:year>/verantwoording.<str:fmt>",
        views.spuk_verantwoording_download,
        name="spuk_download",
    ),
    path(
        "<slug:slug>/spuk/<year:year>/toelichting/<id:line_pk>/",
        views.spuk_explanation,
        name="spuk_explanation",
    ),
]
