"""The worklists of a youth-care region and of an organisation's functional administrator."""

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounting.selectors.monitoring import region_report_rows
from core.permissions import user_region_id
from core.roles import Role
from core.selectors import organisations_administered_by
from proposals.models import (
    Proposal,
)
from proposals.selectors import proposals_visible_to
from worklists.selectors.common import Item, Section, Worklist, report_items


def region_worklist(user, *, today: dt.date | None = None) -> Worklist:
    today = today or timezone.localdate()
    region_id = user_region_id(user)
    visible = proposals_visible_to(user).filter(filing_region=region_id)
    reports = Section(
        "reports", "Projectverslagen (vóór 1 maart)", "Er is geen projectverslag te leveren."
    )
    report_items(
        reports,
        region_report_rows(region_id=region_id, today=today, among=visible),
        with_region=False,
    )
    requests = Section(
        "requests", "Uw bestedingsverzoeken", "U heeft geen bestedingsverzoeken ingediend."
    )
    tones = {
        Proposal.Status.AWARDED: "ok",
        Proposal.Status.RUNNING: "ok",
        Proposal.Status.COMPLETED: "ok",
        Proposal.Status.REJECTED: "error",
        Proposal.Status.DRAFT: "warning",
    }
    requests.add(  # the newest first
        visible.select_related("fund").order_by("-created_at", "-pk"),
        lambda p: Item(
            f"{p.reference} {p.title}",
            reverse("proposals:detail", args=[p.pk]),
            detail=p.fund.name,
            state=p.get_status_display(),
            tone=tones.get(p.status, ""),
        ),
    )
    return Worklist(Role.REGION, "Werklijst jeugdhulpregio", [reports, requests])


def administrator_worklist(user, *, today: dt.date | None = None) -> Worklist:
    """A functional administrator: the organisations whose users they manage (one query)."""
    section = Section(
        "organisations", "Gebruikers en rollen", "U beheert de gebruikers van geen organisatie."
    )
    for organisation in (
        organisations_administered_by(user).annotate(members=Count("memberships")).order_by("name")
    ):
        section.items.append(
            Item(
                str(organisation),
                reverse("core:organisation", args=[organisation.slug]),
                detail=f"{organisation.members} {'gebruiker' if organisation.members == 1 else 'gebruikers'}",
            )
        )
    return Worklist(Role.ADMINISTRATOR, "Werklijst functioneel beheerder", [section])
