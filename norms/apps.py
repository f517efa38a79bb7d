from django.apps import AppConfig


class NormsConfig(AppConfig):
    name = "norms"
    verbose_name = "Normen jeugdbescherming"

    def ready(self):
        # in ready(), not at the top: the rules refer to models, which exist once the registry is loaded
        from norms import permissions  # noqa: F401  registers the rules
