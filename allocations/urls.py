from django.urls import path

from allocations.views import budget_requests, clients, dashboards, forecasts, products

app_name = "allocations"
# "aanbieder/<slug>/aanvragen/<id>/" (name "request"): TWO's decision there books the grant at
# once, so accounting serves it (accounting.views.grants.budget_request); config.urls adds it here.
urlpatterns = [
    path("", dashboards.start, name="start"),
    path("regio/", dashboards.dashboard, name="dashboard"),
    path("toegangslog/", clients.access_log, name="access_log"),
    path("tarieven/", products.tariff_list, name="tariffs"),
    path("bsn/<id:pk>/inzien/", clients.bsn_reveal, name="bsn_reveal"),
    path("aanbieder/<slug:slug>/", dashboards.provider_detail, name="provider"),
    path("aanbieder/<slug:slug>/prognose-<year:year>.svg", dashboards.forecast_chart, name="chart"),
    path(
        "aanbieder/<slug:slug>/wachtlijst-<year:year>.svg",
        dashboards.waiting_chart,
        name="waiting_chart",
    ),
    path("aanbieder/<slug:slug>/aanvragen/nieuw/", budget_requests.request_new, name="request_new"),
    path("aanbieder/<slug:slug>/verschuiven/", budget_requests.transfer_new, name="transfer_new"),
    path("aanbieder/<slug:slug>/producten/nieuw/", products.product_new, name="product_new"),
    path(
        "aanbieder/<slug:slug>/prognose/sjabloon/",
        forecasts.forecast_template_download,
        name="template",
    ),
    path("aanbieder/<slug:slug>/prognose/inlezen/", forecasts.forecast_upload, name="upload"),
    path("aanbieder/<slug:slug>/prognose/historie/", forecasts.forecast_history, name="history"),
    path("aanbieder/<slug:slug>/prognose/export.xlsx", forecasts.forecast_export, name="export"),
    path(
        "aanbieder/<slug:slug>/prognoserapportage-<year:year>.pdf",
        forecasts.forecast_report_pdf,
        name="report_pdf",
    ),
    path(
        "aanbieder/<slug:slug>/prognose/<str:month_label>/",
        forecasts.forecast_form,
        name="forecast_form",
    ),
    path(
        "aanbieder/<slug:slug>/prognose/<str:month_label>/details/",
        forecasts.forecast_detail,
        name="forecast_detail",
    ),
    path("aanbieder/<slug:slug>/clienten/nieuw/", clients.client_new, name="client_new"),
    path("aanbieder/<slug:slug>/clienten/export/", clients.bsn_export, name="bsn_export"),
]
