"""Who may see and act on proposals (object-level rules with the `rules` library).

An aanbieder sees only proposals it applies for; a jeugdhulpregio those it filed; a
portefeuillehouder the non-draft proposals of its region's funds; the coordinating municipality
the non-draft proposals of the SPUK it coordinates; TWO staff those of the funds their organisation
manages (core.permissions.is_fund_staff). TWO staff manage their organisation's regional funds,
the coordinating municipality its SPUK. Must agree with proposals.selectors._visibility_filter.
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

SPUK = "spuk"


def _municipality_region_id(user):
    profile = getattr(user, "profile", None)
    municipality = getattr(profile, "municipality", None)
    return municipality.region_id if municipality else None


def manages_fund(user, fund) -> bool:
    if fund is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if fund.kind == SPUK:
        return is_coordinator(user) and fund.coordinating_municipality_id == user_municipality_id(
            user
        )
    return is_fund_staff(user, fund)


@rules.predicate
def fund_manager(user, obj) -> bool:
    fund = getattr(obj, "fund", obj)
    return manages_fund(user, fund)


@rules.predicate
def owns_proposal(user, proposal) -> bool:
    """The aanbieder applying for it, or (SPUK) the region that filed it."""
    if proposal is None:
        return False
    provider_id = user_provider_id(user)
    if is_provider_user(user) and provider_id:
        return proposal.applicants.filter(pk=provider_id).exists()
    region_id = user_region_id(user)
    return is_region_user(user) and region_id is not None and proposal.filing_region_id == region_id


@rules.predicate
def sees_as_government(user, proposal) -> bool:
    if proposal is None or proposal.status == "draft":
        return False
    fund = proposal.fund
    if is_portfolio_holder(user):
        return fund.region_id is not None and fund.region_id == _municipality_region_id(user)
    if is_coordinator(user):
        return (
            fund.coordinating_municipality_id is not None
            and fund.coordinating_municipality_id == user_municipality_id(user)
        )
    return False


@rules.predicate
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == "draft"


@rules.predicate
def is_editable_stage(user, proposal) -> bool:
    return proposal is not None and proposal.status in ("draft", "submitted")


@rules.predicate
def may_file_in_fund(user, fund) -> bool:
    if fund is None:
        return False
    if fund.kind == SPUK:
        region_id = user_region_id(user)
        return (
            is_region_user(user)
            and region_id is not None
            and user.profile.region.landsdeel == fund.landsdeel
        )
    return is_provider_user(user) and user_provider_id(user) is not None


@rules.predicate
def votes_on_item(user, item) -> bool:
    if item is None or not is_portfolio_holder(user):
        return False
    return (
        item.meeting.kind == "pho_maatschappij"
        and item.meeting.fund.region_id == _municipality_region_id(user)
    )


@rules.predicate
def sees_meeting(user, meeting) -> bool:
    if meeting is None:
        return False
    fund = meeting.fund
    if manages_fund(user, fund) or is_fund_staff(user, fund):
        return True
    if is_portfolio_holder(user):
        return fund.region_id is not None and fund.region_id == _municipality_region_id(user)
    return False


rules.add_perm("proposals.view_proposal_list", rules.is_authenticated)
rules.add_perm(
    "proposals.view_proposal",
    is_fund_staff | rules.is_superuser | owns_proposal | sees_as_government,
)
rules.add_perm("proposals.create_proposal", fund_manager | may_file_in_fund)
rules.add_perm(
    "proposals.edit_proposal", (fund_manager & is_editable_stage) | (owns_proposal & is_draft)
)
rules.add_perm("proposals.submit_proposal", (fund_manager | owns_proposal) & is_draft)
rules.add_perm("proposals.manage_proposal", fund_manager)
rules.add_perm(
    "proposals.decide_spuk",
    fund_manager & rules.predicate(lambda user, p: p is not None and p.fund.kind == SPUK),
)
rules.add_perm("proposals.vote", votes_on_item)
rules.add_perm(
    "proposals.view_meeting_list",
    is_two | is_portfolio_holder | is_coordinator | rules.is_superuser,
)
rules.add_perm("proposals.view_meeting", sees_meeting)
rules.add_perm("proposals.manage_meeting", fund_manager)
