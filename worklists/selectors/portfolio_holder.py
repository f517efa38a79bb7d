"""The worklist of a portefeuillehouder: votes waiting, the fund overview and what the municipality pays."""

import datetime as dt

from django.db.models import Exists, F, OuterRef, Value
from django.urls import reverse
from django.utils import timezone

from core.permissions import user_municipality_id
from core.roles import Role
from core.templatetags.nl import format_date
from fund.selectors import funds_visible_to
from proposals.meeting_selectors import VoteChoice
from proposals.models import (
    AgendaItem,
    Decision,
    FundOverviewSnapshot,
    Meeting,
    Vote,
)
from proposals.selectors import proposals_visible_to
from worklists.selectors.common import Item, Section, Worklist


def portfolio_holder_worklist(user, *, today: dt.date | None = None) -> Worklist:
    today = today or timezone.localdate()
    funds = funds_visible_to(user).values("pk")
    municipality_id = user_municipality_id(user)

    votes = Section("votes", "Open stemmingen", "Er staat geen stemming voor u open.")
    items = (
        AgendaItem.objects.filter(
            closed_at__isnull=True,
            meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ,
            meeting__fund__in=funds,
            proposal__in=proposals_visible_to(user),
        )
        .select_related("meeting__fund", "proposal")
        .annotate(own_choice=VoteChoice(Value(municipality_id), F("pk")))
        .order_by("meeting__date", "position", "pk")
    )
    labels = dict(Vote.Choice.choices)
    for item in items:
        meeting = item.meeting
        votes.items.append(
            Item(
                f"{item.proposal.reference} {item.proposal.title}",
                reverse("proposals:item", args=[item.pk]),
                detail=(
                    f"{meeting.title or meeting.get_kind_display()}, {format_date(meeting.date)}; "
                    f"besluit in deze vergadering (uiterste datum {format_date(meeting.date)})"
                ),
                state=(
                    f"U stemde {labels[item.own_choice].lower()}"
                    if item.own_choice
                    else f"Stemmen vanaf {format_date(meeting.date)}"
                    if meeting.date > today
                    else "Nog niet gestemd"
                ),
                tone="ok" if item.own_choice else "" if meeting.date > today else "warning",
            )
        )

    upcoming = Section("meetings", "Komende vergaderingen", "Er is geen vergadering gepland.")
    meetings = (
        Meeting.objects.filter(fund__in=funds, date__gte=today)
        .select_related("fund")
        .annotate(has_overview=Exists(FundOverviewSnapshot.objects.filter(meeting=OuterRef("pk"))))
        .order_by("date", "pk")
    )
    for m in meetings:
        upcoming.items.append(
            Item(
                m.title or str(m),
                reverse("proposals:meeting", args=[m.pk]),
                detail=f"{m.get_kind_display()}, {format_date(m.date)}, {m.fund.name}"
                + ("; met fondsoverzicht" if m.has_overview else ""),
            )
        )

    last = (
        Meeting.objects.filter(
            fund__in=funds,
            kind=Meeting.Kind.PHO_MAATSCHAPPIJ,
            date__lte=today,
            items__decision__isnull=False,
        )
        .order_by("-date", "-pk")
        .first()
    )
    decided = Section(
        "decisions", "Besluiten van de laatste vergadering", "Er zijn nog geen besluiten genomen."
    )
    if last is not None:
        decided.title = f"Besluiten van de laatste vergadering ({last.get_kind_display()} {format_date(last.date)})"
        for d in (
            Decision.objects.filter(agenda_item__meeting=last)
            .select_related("proposal", "agenda_item")
            .order_by("agenda_item__position", "pk")
        ):
            decided.items.append(
                Item(
                    f"{d.proposal.reference} {d.proposal.title}",
                    reverse("proposals:item", args=[d.agenda_item_id]),
                    detail=d.get_rule_display(),
                    state=d.get_outcome_display(),
                    tone="ok" if d.outcome == Decision.Outcome.ADOPTED else "error",
                )
            )
    return Worklist(
        Role.PORTFOLIO_HOLDER, "Werklijst portefeuillehouder", [votes, upcoming, decided]
    )
