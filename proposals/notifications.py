"""Who hears of what happens to a proposal (notifications.services.notify): submitted, on a PHO
agenda (a vote opens), decided, a decision letter issued; and, daily, votes about to close.

The records are made by proposals.services; these receivers run when such a record is saved, in
the same transaction, so a rollback leaves no notification and sends no mail."""

import datetime as dt

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from core.templatetags.nl import format_date, format_euro
from fund.models import Fund
from notifications.models import Kind
from notifications.services import notify, staff_of, users_in_role
from proposals.models import (
    AgendaItem,
    Decision,
    DecisionLetter,
    Meeting,
    Proposal,
    Transition,
    Vote,
)

VOTE_CLOSING_DAYS = (
    2  # remind a portefeuillehouder who has not voted this many days before the meeting
)


def _managers(fund: Fund):
    if fund.kind == Fund.Kind.SPUK:
        return users_in_role(Role.COORDINATOR, municipality=fund.coordinating_municipality_id)
    return staff_of([fund.managed_by_id])


def _applicants(proposal: Proposal):
    providers = list(proposal.applicants.values_list("pk", flat=True))
    users = list(users_in_role(Role.PROVIDER, provider__in=providers)) if providers else []
    if proposal.filing_region_id:
        users += list(users_in_role(Role.REGION, region=proposal.filing_region_id))
    return users


@receiver(post_save, sender=Transition, dispatch_uid="proposal_submitted_notification")
def proposal_submitted(sender, instance: Transition, created: bool, **kwargs):
    if not created or instance.to_status != Proposal.Status.SUBMITTED:
        return
    proposal = instance.proposal
    notify(
        users=_managers(proposal.fund),
        kind=Kind.PROPOSAL_SUBMITTED,
        title=f"Voorstel {proposal.reference} is ingediend",
        body=f"{proposal.reference} {proposal.title} ({proposal.fund.name}) is ingediend en wacht op toetsing.",
        url=reverse("proposals:detail", args=[proposal.pk]),
    )


@receiver(post_save, sender=AgendaItem, dispatch_uid="vote_opened_notification")
def vote_opened(sender, instance: AgendaItem, created: bool, **kwargs):
    meeting = instance.meeting
    if (
        not created
        or meeting.kind != Meeting.Kind.PHO_MAATSCHAPPIJ
        or meeting.fund.region_id is None
    ):
        return
    proposal = instance.proposal
    notify(
        users=users_in_role(Role.PORTFOLIO_HOLDER, municipality__region=meeting.fund.region_id),
        kind=Kind.VOTE_OPENED,
        title=f"Stemming over {proposal.reference} in de vergadering van {format_date(meeting.date)}",
        body=(
            f"{proposal.reference} {proposal.title} staat op de agenda van {meeting.title or meeting} "
            f"({format_date(meeting.date)}). U kunt stemmen voor uw gemeente."
        ),
        url=reverse("proposals:item", args=[instance.pk]),
    )


@receiver(post_save, sender=Decision, dispatch_uid="proposal_decided_notification")
def proposal_decided(sender, instance: Decision, created: bool, **kwargs):
    if not created:
        return
    proposal = instance.proposal
    notify(
        users=_applicants(proposal),
        kind=Kind.PROPOSAL_DECIDED,
        title=f"Besluit over {proposal.reference}: {instance.get_outcome_display().lower()}",
        body=(
            f"Over {proposal.reference} {proposal.title} is besloten: {instance.get_outcome_display().lower()} "
            f"({instance.get_rule_display().lower()})."
        ),
        url=reverse("proposals:detail", args=[proposal.pk]),
    )


@receiver(post_save, sender=DecisionLetter, dispatch_uid="letter_issued_notification")
def letter_issued(sender, instance: DecisionLetter, created: bool, **kwargs):
    if not created:
        return
    award = instance.award
    proposal = award.proposal
    correction = f" (correctie, versie {instance.version})" if instance.version > 1 else ""
    notify(
        users=_applicants(proposal),
        kind=Kind.LETTER_ISSUED,
        title=f"Beschikking {award.number} is verzonden{correction}",
        body=(
            f"De beschikking {award.number}{correction} over {proposal.reference} {proposal.title} is verzonden: "
            f"{format_euro(award.amount.amount)} voor {award.year}."
        ),
        url=reverse("proposals:letter_pdf", args=[proposal.pk, award.number, instance.version]),
    )


def votes_closing_notify(*, today: dt.date | None = None) -> int:
    """Remind each portefeuillehouder who has not voted on an open PHO item whose meeting is within
    VOTE_CLOSING_DAYS days: once per item and user. Returns the number of notifications made."""
    today = today or timezone.localdate()
    items = AgendaItem.objects.filter(
        closed_at__isnull=True,
        meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ,
        meeting__date__gte=today,
        meeting__date__lte=today + dt.timedelta(days=VOTE_CLOSING_DAYS),
    ).select_related("meeting__fund", "proposal")
    made = 0
    for item in items:
        voted = Vote.objects.filter(agenda_item=item).values("municipality_id")
        users = users_in_role(
            Role.PORTFOLIO_HOLDER, municipality__region=item.meeting.fund.region_id
        ).exclude(Q(profile__municipality__in=voted))
        made += len(
            notify(
                users=users,
                kind=Kind.VOTE_CLOSING,
                key=f"vote-closing-{item.pk}",
                title=f"Stemming over {item.proposal.reference} sluit op {format_date(item.meeting.date)}",
                body=(
                    f"U heeft nog niet gestemd over {item.proposal.reference} {item.proposal.title}. De vergadering "
                    f"{item.meeting.title or item.meeting} is op {format_date(item.meeting.date)}."
                ),
                url=reverse("proposals:item", args=[item.pk]),
            )
        )
    return made
