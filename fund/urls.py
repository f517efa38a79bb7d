from django.urls import path

from fund import views

app_name = "fund"
urlpatterns = [
    path("", views.fund_list, name="list"),
    path("circulaires/", views.circular_list, name="circulars"),
    path("circulaires/inlezen/", views.circular_upload, name="circular_upload"),
    path("<slug:slug>/", views.fund_detail, name="detail"),
    path("<slug:slug>/wijzigingen/", views.fund_changes, name="changes"),
    path("<slug:slug>/beschikkingen/", views.grant_decisions, name="grant_decisions"),
    path("<slug:slug>/bijdragen.<str:fmt>", views.fund_download, name="download"),
    path("<slug:slug>/<year:year>/herberekenen/", views.tranche_recalculate, name="recalculate"),
    path(
        "<slug:slug>/<year:year>/definitief/", views.tranche_make_definitive, name="make_definitive"
    ),
    path("<slug:slug>/<year:year>/historie/", views.tranche_history, name="history"),
]
