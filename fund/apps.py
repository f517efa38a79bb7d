from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "fund"
    verbose_name = "Fondsen"

    def ready(self):
        from fund import permissions  # noqa: F401  registers the rules
