from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("instellingen/", views.preferences, name="preferences"),
    path("alles-gelezen/", views.notifications_read_all, name="read_all"),
    path("<int:pk>/openen/", views.notification_open, name="open"),
    path("<int:pk>/markeren/", views.notification_mark, name="mark"),
]
