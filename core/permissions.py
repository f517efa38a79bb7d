"""Role predicates for the `rules` library; apps combine them into object-level rules."""

import rules

from core.roles import Role, has_role


@rules.predicate
def is_two(user) -> bool:
    return has_role(user, Role.TWO)


@rules.predicate
def is_portfolio_holder(user) -> bool:
    return has_role(user, Role.PORTFOLIO_HOLDER)


@rules.predicate
def is_provider_user(user) -> bool:
    return has_role(user, Role.PROVIDER)


@rules.predicate
def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


@rules.predicate
def is_region_user(user) -> bool:
    return has_role(user, Role.REGION)


def _profile(user):
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except Exception:  # RelatedObjectDoesNotExist: a user without organisation
        return None


def user_municipality_id(user) -> int | None:
    profile = _profile(user)
    return profile.municipality_id if profile else None


def user_provider_id(user) -> int | None:
    profile = _profile(user)
    return profile.provider_id if profile else None


def user_region_id(user) -> int | None:
    profile = _profile(user)
    return profile.region_id if profile else None
