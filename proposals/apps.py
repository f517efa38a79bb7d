from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    verbose_name = "Voorstellen"
    name = "proposals"

    def ready(self):
        # in ready(), not at the top: the rules and receivers refer to models, which exist once the
        # registry is loaded
        from proposals import notifications, permissions  # noqa: F401  registers the rules and receivers
