"""What the norms app adds to pages of lower apps (core.panels): the latest counts of the fund's
area on a meeting's page, and on a project's page the actions its money pays for."""

from django.db.models import Q
from django.template.loader import render_to_string

from norms import selectors
from norms.permissions import actions_visible_to


def meeting_counts(request, meeting) -> str:
    areas = selectors.areas_for_fund(meeting.fund)
    if not areas:
        return ""
    blocks = [(area, selectors.latest_counts(area, until=meeting.date)) for area in areas]
    return render_to_string(
        "norms/_meeting_counts.html",
        {"blocks": blocks, "fund": meeting.fund, "meeting": meeting},
        request=request,
    )


def proposal_actions(request, proposal) -> str:
    actions = list(
        actions_visible_to(request.user)
        .filter(Q(proposal=proposal) | Q(award__proposal=proposal))
        .select_related("plan__area", "award")
        .order_by("plan__area__name", "number")
    )
    if not actions:
        return ""
    return render_to_string("norms/_paid_actions.html", {"actions": actions}, request=request)


PANELS = {"meeting": meeting_counts, "proposal": proposal_actions}
