from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Organisaties en gebruikers"

    def ready(self):
        # Imported here, not at the top: AppConfig.ready runs once the app registry is loaded, which
        # django_q's signals and core.health (models) need, and the converters must be registered
        # before any urls.py is read.
        from django_q.signals import post_spawn

        import core.converters  # noqa: F401  (registers <year:> and <id:> before any urls.py is read)
        import core.middleware  # noqa: F401  (connects the login receiver that starts the idle clock)
        from core.health import start_heartbeat

        # The worker processes of `manage.py qcluster` send post_spawn (and sync mode, for each
        # task it runs in the calling process: start_heartbeat ignores that).
        post_spawn.connect(start_heartbeat, dispatch_uid="core.worker_heartbeat")
