"""Who may see and keep the books (object-level rules with the `rules` library).

TWO staff manage the books of the funds their organisation manages (core.permissions.is_fund_staff); the coordinating municipality its SPUK (division, payments,
verantwoording); a portefeuillehouder sees the fund overview of its region's funds and its own
municipality's settlement statement; a jeugdhulpregio sees and delivers its own project reports.
"""

import rules

from core.permissions import (
    is_coordinator,
    is_fund_staff,
    is_portfolio_holder,
    is_provider_user,
    is_region_user,
    is_two,
    user_municipality_id,
    user_provider_id,
    user_region_id,
)
from fund.permissions import coordinates_spuk, in_fund_region


@rules.predicate
def own_municipality(user, municipality) -> bool:
    return municipality is not None and municipality.pk == user_municipality_id(user)


@rules.predicate
def filed_by_own_region(user, proposal) -> bool:
    return (
        proposal is not None
        and proposal.filing_region_id is not None
        and proposal.filing_region_id == user_region_id(user)
    )


@rules.predicate
def applies_for(user, proposal) -> bool:
    provider_id = user_provider_id(user)
    return (
        proposal is not None
        and provider_id is not None
        and proposal.applicants.filter(pk=provider_id).exists()
    )


rules.add_perm("accounting.view_books_index", is_two | is_portfolio_holder | is_coordinator)
rules.add_perm(
    "accounting.view_overview",
    is_fund_staff | (is_portfolio_holder & in_fund_region) | (is_coordinator & coordinates_spuk),
)
rules.add_perm("accounting.manage_books", is_fund_staff | (is_coordinator & coordinates_spuk))
rules.add_perm("accounting.manage_spuk", is_fund_staff | (is_coordinator & coordinates_spuk))
rules.add_perm("accounting.view_settlement", is_fund_staff | (is_portfolio_holder & in_fund_region))
rules.add_perm("accounting.view_statement", is_two | (is_portfolio_holder & own_municipality))
rules.add_perm("accounting.view_region_reports", is_two | is_coordinator | is_region_user)
rules.add_perm(
    "accounting.view_region_report",
    is_fund_staff | (is_coordinator & coordinates_spuk) | (is_region_user & filed_by_own_region),
)
rules.add_perm(
    "accounting.deliver_region_report", (is_region_user & filed_by_own_region) | is_fund_staff
)
# Delivered values: TWO, a provider for the projects it runs, and for SPUK projects the filing region
# (the project's region reports on its results) and the coordinating municipality.
rules.add_perm(
    "accounting.enter_results",
    is_fund_staff
    | (is_provider_user & applies_for)
    | (is_region_user & filed_by_own_region)
    | (is_coordinator & coordinates_spuk),
)
