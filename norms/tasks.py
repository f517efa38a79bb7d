from norms import services

"""Background tasks (django-q2)."""


def send_norm_reminders() -> int:
    """Daily (a django-q2 schedule made by migration 0002): remind areas of missing counts."""
    return services.norm_reminders_send(user=None)
