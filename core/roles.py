"""The five roles of DOMAIN.md, as Django groups (the group name is the role code)."""

from django.db import models


class Role(models.TextChoices):
    TWO = "two", "TWO/AO-medewerker"
    PORTFOLIO_HOLDER = "portefeuillehouder", "Portefeuillehouder"
    PROVIDER = "aanbieder", "Aanbieder"
    COORDINATOR = "coordinerende-gemeente", "Coördinerende gemeente"
    REGION = "jeugdhulpregio", "Jeugdhulpregio"
    # manages the users and roles of an organisation (core.models.Membership), sees no fund data by it
    ADMINISTRATOR = "functioneel-beheerder", "Functioneel beheerder"


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_role_cache", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_cache = cache
    return cache


def has_role(user, role: Role) -> bool:
    return role.value in roles_of(user)


def prime_roles(user, names: set[str]) -> None:
    """Set the user's roles when they were read together with something else (one query less)."""
    user._role_cache = set(names)
