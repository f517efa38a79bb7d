from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "worklists"
    verbose_name = "Werklijsten"
