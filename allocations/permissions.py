"""Who sees and changes provider budgets: a provider only its own organisation; TWO staff the
providers that work in a region whose fund their organisation manages, and of those only what
belongs to their organisation's funds (allocations.selectors.providers.providers_visible_q)."""

import rules

from allocations.selectors.providers import providers_visible_q
from core.models import Provider
from core.permissions import is_fund_staff, is_provider_user, is_two, user_provider_id


@rules.predicate
def is_own_provider(user, provider) -> bool:
    return provider is not None and user_provider_id(user) == provider.pk


@rules.predicate
def sees_provider_as_staff(user, provider) -> bool:
    """Derived from the list rule: one query, cached per user and provider for the request."""
    if provider is None:
        return False
    cache = user.__dict__.setdefault("_visible_providers", {})
    if provider.pk not in cache:
        cache[provider.pk] = Provider.objects.filter(
            providers_visible_q(user), pk=provider.pk
        ).exists()
    return cache[provider.pk]


rules.add_perm(
    "allocations.view_provider",
    (is_two & sees_provider_as_staff) | (is_provider_user & is_own_provider),
)
rules.add_perm("allocations.act_for_provider", is_provider_user & is_own_provider)
# Without an object: TWO staff (their pages list only their organisations' records); with a request
# or a client registration: staff of the organisation that manages its fund.
rules.add_perm("allocations.manage", is_fund_staff)
rules.add_perm("allocations.view_start", is_two | is_provider_user)
