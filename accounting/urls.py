from django.urls import path

from accounting.views import grants, jobs, ledger, monitoring, overview, settlement, spuk

app_name = "accounting"
urlpatterns = [
    path("", overview.index, name="index"),
    path("verslagen/", monitoring.region_reports, name="region_reports"),
    path(
        "verslagen/overzicht.<str:fmt>",
        monitoring.region_reports_download,
        name="region_reports_download",
    ),
    path("verslagen/<id:pk>/", monitoring.region_report, name="region_report"),
    path("prestaties/", monitoring.my_results, name="my_results"),
    path("prestaties/<id:pk>/<year:year>/", monitoring.indicator_result, name="indicator_result"),
    path("toekenningen/<id:pk>/", ledger.award_make, name="award_make"),
    path("taken/", jobs.job_start, name="job_start"),
    path("taken/<id:pk>/", jobs.job, name="job"),
    path("taken/<id:pk>/status/", jobs.job_status, name="job_status"),
    path("taken/<id:pk>/download/", jobs.job_download, name="job_download"),
    path("<slug:slug>/overzicht/", overview.fund_overview, name="overview"),
    path("<slug:slug>/gebruik-per-jaar.svg", overview.fund_overview_chart, name="overview_chart"),
    path(
        "<slug:slug>/overzicht.<str:fmt>", overview.fund_overview_download, name="overview_download"
    ),
    path("<slug:slug>/journaal/", ledger.journal, name="journal"),
    path("<slug:slug>/journaal/<str:action>/", ledger.journal_book, name="book"),
    path("<slug:slug>/aanbieders/", grants.provider_grants, name="provider_grants"),
    path("<slug:slug>/aanbieders/<id:pk>/", grants.provider_grant, name="provider_grant"),
    path(
        "<slug:slug>/aanbieders/<id:pk>/<str:action>/",
        grants.provider_grant_book,
        name="provider_grant_book",
    ),
    path("<slug:slug>/evaluatie/<year:year>/", overview.evaluation, name="evaluation"),
    path(
        "<slug:slug>/evaluatie/<year:year>.<str:fmt>",
        overview.evaluation_download,
        name="evaluation_download",
    ),
    path("<slug:slug>/afrekening/", settlement.settlement_list, name="settlements"),
    path("<slug:slug>/afrekening/<id:pk>/", settlement.settlement_detail, name="settlement"),
    path(
        "<slug:slug>/afrekening/<id:pk>.<str:fmt>",
        settlement.settlement_download,
        name="settlement_download",
    ),
    path(
        "<slug:slug>/afrekening/<id:pk>/vaststellen/",
        settlement.settlement_confirm,
        name="settlement_confirm",
    ),
    path("<slug:slug>/spuk/", spuk.spuk, name="spuk"),
    path("<slug:slug>/spuk/<year:year>/verdeling/", spuk.spuk_division, name="spuk_division"),
    path(
        "<slug:slug>/spuk/<year:year>/onderdelen.svg", overview.spuk_parts_chart, name="spuk_chart"
    ),
    path(
        "<slug:slug>/spuk/<year:year>/vaststellen/",
        spuk.spuk_division_adopt,
        name="spuk_division_adopt",
    ),
    path(
        "<slug:slug>/spuk/<year:year>/verantwoording/",
        spuk.spuk_verantwoording,
        name="spuk_verantwoording",
    ),
    path(
        "<slug:slug>/spuk/<year:year>/verantwoording.<str:fmt>",
        spuk.spuk_verantwoording_download,
        name="spuk_download",
    ),
    path(
        "<slug:slug>/spuk/<year:year>/toelichting/<id:line_pk>/",
        spuk.spuk_explanation,
        name="spuk_explanation",
    ),
]
