from django.apps import AppConfig


class AccountingConfig(AppConfig):
    name = "accounting"
    verbose_name = "Boekhouding"

    def ready(self):
        # in ready(), not at the top: the rules and receivers refer to models, which exist once the
        # registry is loaded
        from accounting import meeting_overview, permissions  # noqa: F401  registers the rules and receivers
