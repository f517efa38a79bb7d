"""Who may see and manage funds (object-level rules with the `rules` library)."""

import rules

from core.permissions import (
    is_coordinator,
    is_fund_staff,
    is_portfolio_holder,
    is_region_user,
    is_two,
    user_municipality_id,
    user_region_id,
)


@rules.predicate
def in_fund_region(user, fund) -> bool:
    if fund is None:
        return False
    municipality_id = user_municipality_id(user)
    if municipality_id is None or fund.region_id is None:
        return False
    return fund.region.municipalities.filter(pk=municipality_id).exists()


@rules.predicate
def coordinates_fund(user, fund) -> bool:
    return fund is not None and fund.coordinating_municipality_id is not None and (
        fund.coordinating_municipality_id == user_municipality_id(user)
    )


@rules.predicate
def region_of_fund(user, fund) -> bool:
    region_id = user_region_id(user)
    if fund is None or region_id is None:
        return False
    if fund.region_id == region_id:
        return True
    return fund.kind == "spuk" and user.profile.region.landsdeel == fund.landsdeel


# TWO staff see and manage the funds their organisation manages (core.permissions.is_fund_staff);
# without a fund (circulars are national data) every TWO staff member.
rules.add_perm("fund.view_fund", is_fund_staff | (is_portfolio_holder & in_fund_region) | (is_coordinator & coordinates_fund) | (is_region_user & region_of_fund))
rules.add_perm("fund.view_fund_list", is_two | is_portfolio_holder | is_coordinator | is_region_user)
rules.add_perm("fund.manage_fund", is_fund_staff)
