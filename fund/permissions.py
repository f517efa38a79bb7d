"""Who may see and manage funds (object-level rules with the `rules` library).

Who sees a fund is one rule, fund.selectors.funds_visible_q; `sees_fund` is derived from it. The
predicates on a fund that other apps combine (accounting, proposals, allocations) live here only;
each takes a fund or a record that belongs to one (core.permissions.fund_of).
"""

import rules

from core.permissions import (
    fund_of,
    is_coordinator,
    is_fund_staff,
    is_portfolio_holder,
    is_region_user,
    is_two,
    user_municipality_id,
)
from fund.models import Fund
from fund.selectors import funds_visible_q


@rules.predicate
def sees_fund(user, obj) -> bool:
    """The list rule (funds_visible_q) asked of one fund. TWO staff of its managing organisation
    and the superuser see it by that rule without a query."""
    fund = fund_of(obj)
    if fund is None or not user.is_authenticated:
        return False
    if user.is_superuser or is_fund_staff(user, fund):
        return True
    return Fund.objects.filter(funds_visible_q(user), pk=fund.pk).exists()


@rules.predicate
def in_fund_region(user, obj) -> bool:
    """The user's municipality takes part in the fund's region."""
    fund = fund_of(obj)
    municipality_id = user_municipality_id(user)
    if fund is None or municipality_id is None or fund.region_id is None:
        return False
    return fund.region.municipalities.filter(pk=municipality_id).exists()


@rules.predicate
def coordinates_fund(user, obj) -> bool:
    """The user's municipality coordinates the fund."""
    fund = fund_of(obj)
    return (
        fund is not None
        and fund.coordinating_municipality_id is not None
        and fund.coordinating_municipality_id == user_municipality_id(user)
    )


@rules.predicate
def coordinates_spuk(user, obj) -> bool:
    """The fund is a SPUK and the user's municipality coordinates it."""
    fund = fund_of(obj)
    return fund is not None and fund.kind == Fund.Kind.SPUK and coordinates_fund(user, fund)


def manages_fund(user, fund) -> bool:
    """Who manages a fund: a SPUK its coordinating municipality, another fund the TWO staff of the
    organisation that manages it; the superuser every fund."""
    if fund is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if fund.kind == Fund.Kind.SPUK:
        return is_coordinator(user) and coordinates_fund(user, fund)
    return is_fund_staff(user, fund)


@rules.predicate
def fund_manager(user, obj) -> bool:
    return manages_fund(user, fund_of(obj))


# TWO staff see and manage the funds their organisation manages (core.permissions.is_fund_staff);
# without a fund (circulars are national data) every TWO staff member.
rules.add_perm("fund.view_fund", sees_fund)
rules.add_perm(
    "fund.view_fund_list", is_two | is_portfolio_holder | is_coordinator | is_region_user
)
rules.add_perm("fund.manage_fund", is_fund_staff)
