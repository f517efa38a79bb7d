from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Organisaties en gebruikers"

    def ready(self):
        from django_q.signals import post_spawn

        import core.converters  # noqa: F401  (registers <year:> and <id:> before any urls.py is read)
        from core.health import start_heartbeat

        # The worker processes of `manage.py qcluster` send post_spawn (and sync mode, for each
        # task it runs in the calling process: start_heartbeat ignores that).
        post_spawn.connect(start_heartbeat, dispatch_uid="core.worker_heartbeat")
