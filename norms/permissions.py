"""Who may see and enter the norms (object-level rules with the `rules` library).

One function builds the filter of visible areas (`areas_visible_to`); the predicates use it.
- a jeugdhulpregio: its own region's area (counts and actions), and enters its counts;
- the coordinating municipality of a supra-regional area: that area and its regions;
- TWO staff: the areas of the regions whose offices they work for (core.models.Membership) and the
  supra-regional areas those belong to (issue 13: the organisation is the unit of access);
- a provider: nothing of an area; only the actions that name it as owner.
"""

import rules
from django.db.models import Q

from core.models import Organisation
from core.permissions import (
    is_coordinator,
    is_provider_user,
    is_region_user,
    is_two,
    staff_organisation_ids,
    user_municipality_id,
    user_provider_id,
    user_region_id,
)
from norms.models import Action, Area


def areas_visible_to(user):
    """The areas `user` may see: one queryset, used by every view, export and predicate."""
    if not user.is_authenticated:
        return Area.objects.none()
    if user.is_superuser:
        return Area.objects.all()
    condition = Q(pk__in=[])
    if is_two(user):
        offices = Organisation.objects.filter(
            pk__in=staff_organisation_ids(user), region__isnull=False
        ).values("region")
        condition |= Q(region__in=offices) | Q(children__region__in=offices)
    if is_region_user(user) and user_region_id(user) is not None:
        condition |= Q(region_id=user_region_id(user))
    if is_coordinator(user) and user_municipality_id(user) is not None:
        municipality_id = user_municipality_id(user)
        condition |= Q(coordinating_municipality_id=municipality_id) | Q(
            parent__coordinating_municipality_id=municipality_id
        )
    return Area.objects.filter(condition).distinct()


def actions_visible_to(user):
    """Actions of visible areas, and for a provider the actions that name it as owner."""
    condition = Q(plan__area__in=areas_visible_to(user))
    provider_id = user_provider_id(user)
    if is_provider_user(user) and provider_id is not None:
        condition |= Q(owner_provider_id=provider_id)
    return Action.objects.filter(condition)


def _area(obj):
    return obj if isinstance(obj, Area) else getattr(obj, "area", None) or obj.plan.area


def _sees_every_area(user) -> bool:
    return user.is_authenticated and user.is_superuser


@rules.predicate
def sees_area(user, obj) -> bool:
    if obj is None:
        return False
    if _sees_every_area(user):  # the same answer as areas_visible_to, without a query
        return True
    return areas_visible_to(user).filter(pk=_area(obj).pk).exists()


@rules.predicate
def enters_area(user, obj) -> bool:
    """Counts and actions are kept by TWO, the region itself, and the supra-regional coordinator."""
    if obj is None or not (
        is_two(user) or is_region_user(user) or is_coordinator(user) or user.is_superuser
    ):
        return False
    return sees_area(user, obj)


@rules.predicate
def owns_action(user, action) -> bool:
    provider_id = user_provider_id(user)
    return (
        action is not None and provider_id is not None and action.owner_provider_id == provider_id
    )


rules.add_perm("norms.view_index", rules.is_authenticated)
rules.add_perm("norms.view_area", sees_area)
rules.add_perm("norms.enter_counts", enters_area)
rules.add_perm("norms.manage_actions", enters_area)
rules.add_perm("norms.view_action", sees_area | (is_provider_user & owns_action))
rules.add_perm("norms.update_action_status", enters_area | (is_provider_user & owns_action))
