from django.apps import AppConfig


class NormsConfig(AppConfig):
    name = "norms"
    verbose_name = "Normen jeugdbescherming"

    def ready(self):
        from norms import permissions  # noqa: F401  registers the rules
