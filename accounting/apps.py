from django.apps import AppConfig


class AccountingConfig(AppConfig):
    name = "accounting"
    verbose_name = "Boekhouding"

    def ready(self):
        from accounting import meeting_overview, permissions  # noqa: F401  registers the rules and receivers
