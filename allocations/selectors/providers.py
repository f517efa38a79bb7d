"""Who sees which provider, and which fund's budget records: the one rule the pages, the API and the
`rules` predicates (allocations.permissions) use.
"""

from django.db.models import Q

from allocations.models import BudgetLine, BudgetRequest, ClientRegistration
from core.models import Provider
from core.permissions import is_provider_user, is_two, staff_funds_q, user_provider_id
from fund.models import Fund


def providers_visible_q(user) -> Q:
    """Which providers a user sees budgets of: a provider its own organisation; TWO staff the
    providers of a region whose fund their organisation manages, and every provider that has
    requests, budgets or registered clients in such a fund. The one rule for lists and objects."""
    if user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    provider_id = user_provider_id(user)
    if is_provider_user(user) and provider_id:
        query |= Q(pk=provider_id)
    if is_two(user):
        query |= (
            Q(region__funds__in=Fund.objects.filter(staff_funds_q(user)).values("pk"))
            | Q(pk__in=BudgetRequest.objects.filter(staff_funds_q(user, "fund")).values("provider"))
            | Q(pk__in=BudgetLine.objects.filter(staff_funds_q(user, "fund")).values("provider"))
            | Q(
                pk__in=ClientRegistration.objects.filter(staff_funds_q(user, "fund")).values(
                    "provider"
                )
            )
        )
    return query


def providers_visible_to(user):
    return Provider.objects.filter(
        pk__in=Provider.objects.filter(providers_visible_q(user)).values("pk")
    )


def fund_records_q(user, fund_path: str = "fund") -> Q:
    """A provider's records that belong to a fund (requests, BSN registrations): its own users see
    all of them, TWO staff those of their organisations' funds only."""
    if user.is_superuser or (is_provider_user(user) and user_provider_id(user)):
        return Q()
    return staff_funds_q(user, fund_path)
