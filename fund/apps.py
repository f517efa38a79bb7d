from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "fund"
    verbose_name = "Fondsen"

    def ready(self):
        # in ready(), not at the top: the rules refer to models, which exist once the registry is loaded
        from fund import permissions  # noqa: F401  registers the rules
