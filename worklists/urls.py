from django.urls import path

from worklists import views

app_name = "worklists"
urlpatterns = [path("", views.home, name="home")]
