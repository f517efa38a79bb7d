"""Who may see and act on proposals (object-level rules with the `rules` library).

Who sees a proposal is one rule, proposals.selectors.proposals_visible_q; `sees_proposal` is derived
from it. Who sees a meeting: the meeting roles, of the funds they see (fund.permissions.sees_fund,
the rule proposals.meeting_selectors.meeting_list filters on). TWO staff manage their organisation's regional
funds, the coordinating municipality its SPUK (fund.permissions.fund_manager).
"""

import rules

from core.permissions import (
    is_coordinator,
    is_fund_staff,
    is_portfolio_holder,
    is_provider_user,
    is_region_user,
    is_two,
    user_provider_id,
    user_region_id,
)
from fund.models import Fund
from fund.permissions import fund_manager, sees_fund
from proposals.models import Meeting, Proposal
from proposals.selectors import proposals_visible_q


def _municipality_region_id(user):
    profile = getattr(user, "profile", None)
    municipality = getattr(profile, "municipality", None)
    return municipality.region_id if municipality else None


@rules.predicate
def sees_proposal(user, proposal) -> bool:
    """The list rule (proposals_visible_q) asked of one proposal. TWO staff of its fund's managing
    organisation and the superuser see it by that rule without a query."""
    if proposal is None or not user.is_authenticated:
        return False
    if user.is_superuser or is_fund_staff(user, proposal):
        return True
    return Proposal.objects.filter(proposals_visible_q(user), pk=proposal.pk).exists()


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
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == Proposal.Status.DRAFT


@rules.predicate
def is_editable_stage(user, proposal) -> bool:
    return proposal is not None and proposal.status in (
        Proposal.Status.DRAFT,
        Proposal.Status.SUBMITTED,
    )


@rules.predicate
def may_file_in_fund(user, fund) -> bool:
    if fund is None:
        return False
    if fund.kind == Fund.Kind.SPUK:
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
        item.meeting.kind == Meeting.Kind.PHO_MAATSCHAPPIJ
        and item.meeting.fund.region_id == _municipality_region_id(user)
    )


rules.add_perm("proposals.view_proposal_list", rules.is_authenticated)
rules.add_perm("proposals.view_proposal", sees_proposal)
rules.add_perm("proposals.create_proposal", fund_manager | may_file_in_fund)
rules.add_perm(
    "proposals.edit_proposal", (fund_manager & is_editable_stage) | (owns_proposal & is_draft)
)
rules.add_perm("proposals.submit_proposal", (fund_manager | owns_proposal) & is_draft)
rules.add_perm("proposals.manage_proposal", fund_manager)
rules.add_perm(
    "proposals.decide_spuk",
    fund_manager & rules.predicate(lambda user, p: p is not None and p.fund.kind == Fund.Kind.SPUK),
)
rules.add_perm("proposals.vote", votes_on_item)
MEETING_ROLES = is_two | is_portfolio_holder | is_coordinator | rules.is_superuser
rules.add_perm("proposals.view_meeting_list", MEETING_ROLES)
rules.add_perm("proposals.view_meeting", MEETING_ROLES & sees_fund)
rules.add_perm("proposals.manage_meeting", fund_manager)
