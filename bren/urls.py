from django.urls import path

from bren import views

app_name = "bren"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.overview, name="overview"),
]
