from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    verbose_name = "Voorstellen"
    name = "proposals"

    def ready(self):
        from proposals import notifications, permissions  # noqa: F401  registers the rules and receivers
