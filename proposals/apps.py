from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    verbose_name = "Voorstellen"
    name = "proposals"
