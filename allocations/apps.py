from django.apps import AppConfig


class AllocationsConfig(AppConfig):
    name = "allocations"
    verbose_name = "Budgetten aanbieders"

    def ready(self):
        # in ready(), not at the top: the rules refer to models, which exist once the registry is loaded
        from allocations import permissions  # noqa: F401  registers the rules
