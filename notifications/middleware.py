from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from core.roles import prime_roles
from notifications.models import Notification


class UnreadCountMiddleware:
    """Reads the user's roles and unread notification count in one query, for the header's count.

    Every page reads the user's roles anyway (the menu, the permission rules); this reads them a
    moment earlier together with the count, so the count costs no query of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            unread = (
                Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
                .order_by()
                .values("user")
                .annotate(n=Count("pk"))
                .values("n")
            )
            rows = list(
                get_user_model()
                .objects.filter(pk=user.pk)
                .annotate(unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)))
                .values_list("groups__name", "unread")
            )
            prime_roles(user, {name for name, _ in rows if name})
            user.unread_notifications = rows[0][1] if rows else 0
        return self.get_response(request)
