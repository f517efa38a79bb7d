from django.apps import AppConfig


class AllocationsConfig(AppConfig):
    name = "allocations"
    verbose_name = "Budgetten aanbieders"

    def ready(self):
        from allocations import permissions  # noqa: F401  registers the rules
