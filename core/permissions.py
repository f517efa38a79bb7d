"""Role predicates for the `rules` library; apps combine them into object-level rules."""

import rules
from django.db.models import Q

from core.models import Membership
from core.roles import Role, has_role, prime_roles


@rules.predicate
def is_two(user) -> bool:
    return has_role(user, Role.TWO)


# -- the organisation is the unit of access ------------------------------------------------------
# A fund is managed by one organisation (core.models.Organisation); its TWO staff see and manage the
# fund and everything that belongs to it, and nothing of other organisations' funds. These two
# functions are the one rule: the list filters (`staff_funds_q`) and the object predicates
# (`is_fund_staff`) of every app derive from them.


def staff_organisation_ids(user) -> frozenset[int]:
    """The organisations the user works for as staff (medewerker); cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cache = getattr(user, "_staff_organisations", None)
    if cache is None:
        cache = frozenset(
            Membership.objects.filter(user=user, role=Membership.Role.STAFF).values_list(
                "organisation_id", flat=True
            )
        )
        user._staff_organisations = cache
    return cache


def prime_staff_organisations(user, organisation_ids) -> None:
    """Cache staff_organisation_ids read elsewhere (notifications.middleware reads them with the
    roles, in the query every page makes)."""
    user._staff_organisations = frozenset(organisation_ids)


def prime_access(user) -> None:
    """Read the user's roles and staff organisations in one query, before a request's rules and
    filters ask for them (the API's token authentication; a page's come with its unread count)."""
    rows = list(
        type(user)
        .objects.filter(pk=user.pk)
        .values_list("groups__name", "memberships__organisation_id", "memberships__role")
    )
    prime_roles(user, {name for name, _, _ in rows if name})
    prime_staff_organisations(
        user, {org for _, org, role in rows if org is not None and role == Membership.Role.STAFF}
    )


def staff_funds_q(user, fund_path: str = "") -> Q:
    """Rows whose fund (reached by `fund_path`, e.g. "proposal__fund") the user's organisations
    manage, for TWO staff; no rows for anyone else. Their ids when this request read them already
    (staff_organisation_ids, prime_staff_organisations), else a subquery: never an extra query."""
    if not is_two(user):
        return Q(pk__in=[])
    prefix = f"{fund_path}__" if fund_path else ""
    known = getattr(user, "_staff_organisations", None)
    if known is not None:  # read already this request: its ids, no subquery to build and plan
        return Q(**{f"{prefix}managed_by__in": sorted(known)})
    staff = Membership.objects.filter(user=user.pk, role=Membership.Role.STAFF).values(
        "organisation"
    )
    return Q(**{f"{prefix}managed_by__in": staff})


def fund_of(obj):
    """The fund a record belongs to: the fund itself, or its `.fund` (proposal, meeting, ...)."""
    return getattr(obj, "fund", obj)


@rules.predicate
def is_fund_staff(user, obj=None) -> bool:
    """TWO staff of the organisation that manages obj's fund. Without an object (a page that lists,
    or national data such as circulars): TWO staff of any organisation."""
    if not is_two(user):
        return False
    if obj is None:
        return True
    fund = fund_of(obj)
    return fund is not None and fund.managed_by_id in staff_organisation_ids(user)


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
