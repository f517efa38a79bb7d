"""Reads of the core app: organisations, their members and the log of membership changes."""

from django.db.models import QuerySet

from core.models import Membership, MembershipEvent, Organisation


def organisations_administered_by(user) -> QuerySet[Organisation]:
    """The one rule for the user-management pages: an organisation's functional administrators
    manage its users; the superuser (the installation's administrator) every organisation's."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(user=user, role=Membership.Role.ADMINISTRATOR).values(
            "organisation"
        )
    )


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by(
        "user__last_name", "user__username"
    )


def membership_events(organisation: Organisation, limit: int = 200) -> QuerySet[MembershipEvent]:
    return organisation.membership_events.select_related("actor", "member").order_by("-at", "-pk")[
        :limit
    ]
