from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from core.exceptions import DomainError
from core.models import Municipality, Profile, Provider, Region
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
        username=username, defaults={"first_name": first_name, "last_name": last_name, "email": email}
    )
    user.set_password(password)
    user.save()
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.set([group])
    Profile.objects.update_or_create(user=user, defaults=links)
    return user
