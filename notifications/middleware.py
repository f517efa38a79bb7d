from django.contrib.auth import get_user_model
from django.db.models import F, IntegerField

from core.expressions import ModelSQL
from core.models import Membership, Profile
from core.permissions import prime_staff_organisations
from core.roles import prime_roles
from notifications.models import Notification

PROFILE_FIELDS = [f.attname for f in Profile._meta.concrete_fields]


def prime_profile(user, profile: Profile | None) -> None:
    """Give `user.profile` without a query of its own: as Django caches a one-to-one relation it has
    read (a user without a profile raises RelatedObjectDoesNotExist, as it would after a query)."""
    Profile.user.field.remote_field.set_cached_value(user, profile)
    if profile is not None:
        profile._state.adding, profile._state.db = False, user._state.db
        Profile.user.field.set_cached_value(profile, user)


class UnreadCount(ModelSQL):
    """The number of unread notifications of the user whose id is the argument (an outer column)."""

    model = Notification
    sql = "(SELECT COUNT(*) FROM {table} WHERE {user} = {0} AND {read_at} IS NULL)"
    output_field = IntegerField()


class UnreadCountMiddleware:
    """Reads the user's roles, profile, staff memberships and unread notification count in one
    query, for the header's count.

    Every page reads the user's roles and the organisations they act for anyway (the menu, the
    permission rules, the visibility filters); this reads them a moment earlier together with the
    count, so neither the count nor the profile nor the memberships cost a query of their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            rows = list(
                get_user_model()
                .objects.filter(pk=user.pk)
                .annotate(unread=UnreadCount(F("pk")))
                .values_list(
                    "groups__name",
                    "unread",
                    "memberships__organisation_id",
                    "memberships__role",
                    *(f"profile__{name}" for name in PROFILE_FIELDS),
                )
            )
            prime_roles(user, {row[0] for row in rows if row[0]})
            prime_staff_organisations(
                user, {row[2] for row in rows if row[3] == Membership.Role.STAFF}
            )
            user.unread_notifications = rows[0][1] if rows else 0
            if rows:
                profile = dict(zip(PROFILE_FIELDS, rows[0][4:], strict=True))
                prime_profile(user, Profile(**profile) if profile["id"] is not None else None)
        return self.get_response(request)
