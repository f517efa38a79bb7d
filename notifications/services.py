"""Notify users: a notification in the app for each, and an e-mail after commit unless switched off."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.models import Membership
from core.roles import Role
from notifications.models import Kind, Notification, Preference


def users_in_role(role: Role, **profile):
    """Active users in a role, optionally of one organisation: users_in_role(Role.PROVIDER, provider__in=[..])."""
    users = get_user_model().objects.filter(groups__name=role.value, is_active=True)
    if profile:
        users = users.filter(**{f"profile__{name}": value for name, value in profile.items()})
    return users.distinct()


def staff_of(organisations):
    """Active TWO staff of the given organisations (ids or a values("...") subquery): who hears of a
    fund's events is who manages it (issue 13: the organisation is the unit of access)."""
    return (
        users_in_role(Role.TWO)
        .filter(
            memberships__organisation__in=organisations, memberships__role=Membership.Role.STAFF
        )
        .distinct()
    )


def absolute(url: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{url}" if url.startswith("/") else url


@transaction.atomic
def notify(
    *, users: Iterable, kind: Kind, title: str, body: str, url: str = "", key: str = ""
) -> list[Notification]:
    """A notification for each user (once per `key`, when given), and after commit an e-mail with a
    plain-text and an HTML part to each of them who has an address and has not switched `kind` off.
    A rollback of the caller's transaction removes the notifications and sends nothing."""
    users = list(users)
    if not users:
        return []
    if key:
        seen = set(
            Notification.objects.filter(user__in=users, key=key).values_list("user_id", flat=True)
        )
        users = [u for u in users if u.pk not in seen]
    made = []
    for user in users:
        try:
            with transaction.atomic():
                made.append(
                    Notification.objects.create(
                        user=user, kind=kind, title=title, body=body, url=url, key=key
                    )
                )
        except IntegrityError:  # made at the same moment by another run: once is enough
            continue
    off = set(
        Preference.objects.filter(
            user__in=[n.user_id for n in made], kind=kind, email=False
        ).values_list("user_id", flat=True)
    )
    mails = [_email(n) for n in made if n.user.email and n.user_id not in off]
    if mails:
        transaction.on_commit(lambda: [m.send() for m in mails])
    return made


def _email(notification: Notification) -> EmailMultiAlternatives:
    context = {
        "notification": notification,
        "user": notification.user,
        "link": absolute(notification.url) if notification.url else "",
        "settings_link": absolute("/meldingen/instellingen/"),
        "kind_label": Kind(notification.kind).label,
    }
    text = render_to_string("notifications/email.txt", context)
    html = render_to_string("notifications/email.html", context)
    message = EmailMultiAlternatives(notification.title, text, None, [notification.user.email])
    message.attach_alternative(html, "text/html")
    return message


def notification_read(*, user, pk: int) -> bool:
    """Mark one of the user's own notifications read; False when it is not theirs or already read."""
    return (
        Notification.objects.filter(pk=pk, user=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        == 1
    )


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_unread(*, user, pk: int) -> bool:
    return (
        Notification.objects.filter(pk=pk, user=user, read_at__isnull=False).update(read_at=None)
        == 1
    )


@transaction.atomic
def preferences_save(*, user, email_kinds: Iterable[str]) -> None:
    """The kinds the user wants by e-mail; every other kind is switched off. In-app notifications stay."""
    wanted = set(email_kinds)
    unknown = wanted - set(Kind.values)
    if unknown:
        raise ValueError(f"Onbekende soort melding: {', '.join(sorted(unknown))}")
    for kind in Kind.values:
        Preference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": kind in wanted}
        )


def email_kinds(user) -> set[str]:
    off = set(Preference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    return set(Kind.values) - off
