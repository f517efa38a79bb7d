import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from core.exceptions import DomainError
from core.models import (
    Membership,
    MembershipEvent,
    Municipality,
    Organisation,
    Profile,
    Provider,
    Region,
)
from core.roles import Role

REQUIRED_LINK = {
    Role.PORTFOLIO_HOLDER: "municipality",
    Role.COORDINATOR: "municipality",
    Role.PROVIDER: "provider",
    Role.REGION: "region",
}


@transaction.atomic
def user_create_or_update(
    *,
    username: str,
    role: Role,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    municipality: Municipality | None = None,
    provider: Provider | None = None,
    region: Region | None = None,
):
    """Create (or reset) a user in one role, linked to the one organisation that role needs."""
    links = {"municipality": municipality, "provider": provider, "region": region}
    needed = REQUIRED_LINK.get(role)
    if needed and links[needed] is None:
        raise DomainError(f"De rol {role.label} hoort bij een {needed}; geef die op.")
    for name, value in links.items():
        if value is not None and name != needed:
            raise DomainError(f"De rol {role.label} hoort niet bij een {name}.")
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": email},
    )
    user.set_password(password)
    user.save()
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.set([group])
    Profile.objects.update_or_create(user=user, defaults=links)
    return user


def office_of(region: Region) -> Organisation:
    """The regional office (TWO Jeugdhulp <region>) that manages the region's funds."""
    organisation, _ = Organisation.objects.get_or_create(
        slug=f"two-{region.slug}",
        defaults={
            "name": f"TWO Jeugdhulp {region.name}",
            "kind": Organisation.Kind.OFFICE,
            "region": region,
        },
    )
    return organisation


def municipal_organisation(municipality: Municipality) -> Organisation:
    """A coordinating municipality as the organisation that manages its SPUK."""
    organisation, _ = Organisation.objects.get_or_create(
        slug=f"gemeente-{slugify(municipality.name)}",
        defaults={
            "name": f"Gemeente {municipality.name}",
            "kind": Organisation.Kind.MUNICIPALITY,
            "municipality": municipality,
            "region": municipality.region,
        },
    )
    return organisation


# A member's role in the whole installation follows from the kind of organisation they work for.
USERNAME = re.compile(r"[A-Za-z0-9.@+_-]{1,150}")
STAFF_ROLE = {Organisation.Kind.OFFICE: Role.TWO, Organisation.Kind.MUNICIPALITY: Role.COORDINATOR}


def may_administer(user, organisation: Organisation) -> bool:
    """The organisation's functional administrator (functioneel beheerder), or a superuser."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.ADMINISTRATOR
    ).exists()


def _sync_administrator_role(member) -> None:
    """The role that shows the user-management page follows the administrator memberships."""
    group = Group.objects.get_or_create(name=Role.ADMINISTRATOR.value)[0]
    if Membership.objects.filter(user=member, role=Membership.Role.ADMINISTRATOR).exists():
        member.groups.add(group)
    else:
        member.groups.remove(group)
    member._role_cache = None


def _give_staff_role(member, organisation: Organisation) -> None:
    role = STAFF_ROLE[organisation.kind]
    current = set(member.groups.values_list("name", flat=True)) & (
        set(Role.values) - {Role.ADMINISTRATOR.value}
    )
    if current - {role.value}:
        names = ", ".join(Role(r).label for r in sorted(current))
        raise DomainError(
            f"{member.username} heeft al de rol {names}; een medewerker van {organisation} "
            f"heeft de rol {role.label}. Maak een aparte gebruiker aan."
        )
    if not current:
        member.groups.add(Group.objects.get_or_create(name=role.value)[0])
    if role == Role.COORDINATOR:
        profile, _ = Profile.objects.get_or_create(user=member)
        if profile.municipality_id not in (None, organisation.municipality_id):
            raise DomainError(f"{member.username} werkt al voor een andere gemeente.")
        if profile.municipality_id is None:
            profile.municipality_id = organisation.municipality_id
            profile.save(update_fields=["municipality"])
    member._role_cache = None
    member._staff_organisations = None


@transaction.atomic
def membership_set(*, organisation: Organisation, member, role: str, user=None) -> Membership:
    """Add `member` to the organisation in `role`, or change their role; recorded (who, when, what).

    `user` is who does it: the organisation's functional administrator, a superuser, or None for
    the installation itself (a migration, the demo)."""
    if user is not None and not may_administer(user, organisation):
        raise DomainError(
            f"Alleen de functioneel beheerder van {organisation} wijzigt haar gebruikers."
        )
    if role not in Membership.Role.values:
        raise DomainError("Kies een rol: medewerker of functioneel beheerder.")
    membership = (
        Membership.objects.select_for_update()
        .filter(user=member, organisation=organisation)
        .first()
    )
    if membership is not None and membership.role == role:
        return membership
    if role == Membership.Role.STAFF:
        _give_staff_role(member, organisation)
    if membership is None:
        membership = Membership.objects.create(user=member, organisation=organisation, role=role)
        MembershipEvent.objects.create(
            organisation=organisation,
            actor=user,
            member=member,
            action=MembershipEvent.Action.ADDED,
            role_after=role,
        )
    else:
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        MembershipEvent.objects.create(
            organisation=organisation,
            actor=user,
            member=member,
            action=MembershipEvent.Action.ROLE_CHANGED,
            role_before=before,
            role_after=role,
        )
    _sync_administrator_role(member)
    return membership


@transaction.atomic
def membership_remove(*, organisation: Organisation, member, user=None) -> None:
    """The member no longer works for the organisation: they see none of its funds any more."""
    if user is not None and not may_administer(user, organisation):
        raise DomainError(
            f"Alleen de functioneel beheerder van {organisation} wijzigt haar gebruikers."
        )
    membership = (
        Membership.objects.select_for_update()
        .filter(user=member, organisation=organisation)
        .first()
    )
    if membership is None:
        raise DomainError(f"{member.username} werkt niet voor {organisation}.")
    if (
        user is not None
        and member.pk == user.pk
        and membership.role == Membership.Role.ADMINISTRATOR
    ):
        raise DomainError(
            "U kunt uzelf niet als functioneel beheerder verwijderen; vraag een andere beheerder."
        )
    membership.delete()
    MembershipEvent.objects.create(
        organisation=organisation,
        actor=user,
        member=member,
        action=MembershipEvent.Action.REMOVED,
        role_before=membership.role,
    )
    _sync_administrator_role(member)
    member._staff_organisations = None


@transaction.atomic
def member_invite(
    *,
    organisation: Organisation,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    user,
):
    """The functional administrator adds a person: an existing account joins the organisation, a new
    one is made without a password and gets an e-mail with a link to set one (sent on commit)."""
    if not may_administer(user, organisation):
        raise DomainError(
            f"Alleen de functioneel beheerder van {organisation} wijzigt haar gebruikers."
        )
    username = username.strip()
    if not username:
        raise DomainError("Geef een gebruikersnaam op.")
    if not USERNAME.fullmatch(username):
        # the same characters Django's own forms allow, ASCII only: no spaces, no markup
        raise DomainError(
            "Een gebruikersnaam heeft ten hoogste 150 tekens: letters a-z, cijfers en . @ + - _, "
            "zonder spaties. Er is niets gewijzigd."
        )
    User = get_user_model()
    member = User.objects.filter(username=username).first()
    created = member is None
    if created:
        if not email.strip():
            raise DomainError(
                "Een nieuwe gebruiker krijgt een uitnodiging per e-mail; geef een e-mailadres op."
            )
        member = User(
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip(),
        )
        member.set_unusable_password()
        member.save()
    membership_set(organisation=organisation, member=member, role=role, user=user)
    if created:
        transaction.on_commit(lambda: _send_invitation(member, organisation))
    return member


def _send_invitation(member, organisation: Organisation) -> None:
    path = reverse(
        "password_set",
        args=[
            urlsafe_base64_encode(force_bytes(member.pk)),
            default_token_generator.make_token(member),
        ],
    )
    base = getattr(settings, "SITE_URL", "")
    send_mail(
        subject=f"Uitnodiging voor Jeugdfonds ({organisation})",
        message=(
            f"U bent toegevoegd aan {organisation} in Jeugdfonds met de gebruikersnaam {member.username}.\n"
            f"Stel uw wachtwoord in via {base}{path}\n"
        ),
        from_email=None,
        recipient_list=[member.email],
    )
