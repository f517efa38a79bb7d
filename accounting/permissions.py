"""Who may see and keep the books (object-level rules with the `rules` library).

TWO staff manage the books of the funds their organisation manages (core.permissions.is_fund_staff); the coordinating municipality its SPUK (division, payments,
verantwoording); a portefeuillehouder sees the fund overview of its region's funds and its own
municipality's settlement statement; a jeugdhulpregio sees and delivers its own project reports.
"""

import rules

from accounting.selectors.monitoring import region_reports_visible_to, results_reported_by_q
from core.permissions import (
    is_coordinator,
    is_fund_staff,
    is_portfolio_holder,
    is_region_user,
    is_two,
    user_municipality_id,
    user_region_id,
)
from fund.permissions import coordinates_spuk, in_fund_region
from proposals.models import Proposal


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
def reports_results(user, proposal) -> bool:
    """The list rule (accounting.selectors.monitoring.results_reported_by_q) asked of one project."""
    scope = results_reported_by_q(user)
    return (
        proposal is not None
        and scope is not None
        and Proposal.objects.filter(scope, pk=proposal.pk).exists()
    )


@rules.predicate
def sees_region_report(user, proposal) -> bool:
    """The list rule (accounting.selectors.monitoring.region_reports_visible_to) asked of one
    project. TWO staff of its fund's organisation see it by that rule without a query."""
    if proposal is None or not user.is_authenticated:
        return False
    if is_fund_staff(user, proposal):
        return True
    return Proposal.objects.filter(region_reports_visible_to(user), pk=proposal.pk).exists()


rules.add_perm("accounting.view_books_index", is_two | is_portfolio_holder | is_coordinator)
rules.add_perm(
    "accounting.view_overview",
    is_fund_staff | (is_portfolio_holder & in_fund_region) | (is_coordinator & coordinates_spuk),
)
rules.add_perm("accounting.manage_books", is_fund_staff | (is_coordinator & coordinates_spuk))
rules.add_perm("accounting.manage_spuk", is_fund_staff | (is_coordinator & coordinates_spuk))
rules.add_perm("accounting.view_settlement", is_fund_staff | (is_portfolio_holder & in_fund_region))
rules.add_perm("accounting.view_statement", is_two | (is_portfolio_holder & own_municipality))
REGION_REPORT_ROLES = is_two | is_coordinator | is_region_user
rules.add_perm("accounting.view_region_reports", REGION_REPORT_ROLES)
rules.add_perm("accounting.view_region_report", REGION_REPORT_ROLES & sees_region_report)
rules.add_perm(
    "accounting.deliver_region_report", (is_region_user & filed_by_own_region) | is_fund_staff
)
# Delivered values: TWO staff of the fund's organisation, a provider for the projects it runs, and
# for SPUK projects the filing region (the project's region reports on its results) and the
# coordinating municipality (accounting.selectors.monitoring.results_reported_by_q).
rules.add_perm("accounting.enter_results", is_fund_staff | reports_results)
