from django.urls import path

from allocations import views

app_name = "allocations"
# "aanbieder/<slug>/aanvragen/<id>/" (name "request"): TWO's decision there books the grant at
# once, so accounting serves it (accounting.views.grants.budget_request); config.urls adds it here.
urlpatterns = [
    path("", views.start, name="start"),
    path("regio/", views.dashboard, name="dashboard"),
    path("toegangslog/", views.access_log, name="access_log"),
    path("tarieven/", views.tariff_list, name="tariffs"),
    path("bsn/<id:pk>/inzien/", views.bsn_reveal, name="bsn_reveal"),
    path("aanbieder/<slug:slug>/", views.provider_detail, name="provider"),
    path("aanbieder/<slug:slug>/prognose-<year:year>.svg", views.forecast_chart, name="chart"),
    path(
        "aanbieder/<slug:slug>/wachtlijst-<year:year>.svg",
        views.waiting_chart,
        name="waiting_chart",
    ),
    path("aanbieder/<slug:slug>/aanvragen/nieuw/", views.request_new, name="request_new"),
    path("aanbieder/<slug:slug>/verschuiven/", views.transfer_new, name="transfer_new"),
    path("aanbieder/<slug:slug>/producten/nieuw/", views.product_new, name="product_new"),
    path(
        "aanbieder/<slug:slug>/prognose/sjabloon/",
        views.forecast_template_download,
        name="template",
    ),
    path("aanbieder/<slug:slug>/prognose/inlezen/", views.forecast_upload, name="upload"),
    path("aanbieder/<slug:slug>/prognose/historie/", views.forecast_history, name="history"),
    path("aanbieder/<slug:slug>/prognose/export.xlsx", views.forecast_export, name="export"),
    path(
        "aanbieder/<slug:slug>/prognoserapportage-<year:year>.pdf",
        views.forecast_report_pdf,
        name="report_pdf",
    ),
    path(
        "aanbieder/<slug:slug>/prognose/<str:month_label>/",
        views.forecast_form,
        name="forecast_form",
    ),
    path(
        "aanbieder/<slug:slug>/prognose/<str:month_label>/details/",
        views.forecast_detail,
        name="forecast_detail",
    ),
    path("aanbieder/<slug:slug>/clienten/nieuw/", views.client_new, name="client_new"),
    path("aanbieder/<slug:slug>/clienten/export/", views.bsn_export, name="bsn_export"),
]
