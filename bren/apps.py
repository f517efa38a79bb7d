from django.apps import AppConfig


class BrenConfig(AppConfig):
    verbose_name = "BREN-proces"
    name = "bren"
