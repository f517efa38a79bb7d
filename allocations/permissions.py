"""Who sees and changes provider budgets: a provider only its own organisation, TWO everything."""

import rules

from core.permissions import is_provider_user, is_two, user_provider_id


@rules.predicate
def is_own_provider(user, provider) -> bool:
    return provider is not None and user_provider_id(user) == provider.pk


rules.add_perm("allocations.view_provider", is_two | (is_provider_user & is_own_provider))
rules.add_perm("allocations.act_for_provider", is_provider_user & is_own_provider)
rules.add_perm("allocations.manage", is_two)
rules.add_perm("allocations.view_start", is_two | is_provider_user)
