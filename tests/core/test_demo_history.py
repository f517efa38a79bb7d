"""`load_demo` replays the story on its own dates: nothing a user sees in the demo is dated today,
and every timestamp falls where the story puts it (dates as shown, in Europe/Amsterdam)."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from accounting.models import JournalEntry, RegionReport, Settlement, SpukBudgetDivision
from allocations.models import BudgetRequest, ClientRegistration, ForecastSubmission, IntakeStop
from fund.models import TrancheEvent
from proposals.models import (
    AgendaItem,
    AmbassadorAdvice,
    Award,
    Decision,
    DecisionLetter,
    Meeting,
    Proposal,
    Transition,
    Vote,
    VoteRecord,
)

pytestmark = pytest.mark.django_db


def day(moment) -> dt.date:
    return timezone.localtime(moment).date()


def test_no_demo_timestamp_lies_after_the_story(demo):
    """The story ends with the SPUK term (2022); only the demo users are made today."""
    end = timezone.make_aware(dt.datetime(2023, 1, 1))
    late = []
    for app in ("core", "fund", "proposals", "allocations", "accounting"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.DateTimeField):
                    rows = model._default_manager.filter(**{f"{field.name}__gte": end})
                    late += [f"{model._meta.label}.{field.name}" for _ in rows[:1]]
    assert late == []
    # the only booking after 2021 is the charge of the SPUK tranche 2022, on its booking date
    after_2021 = JournalEntry.objects.filter(created_at__year__gte=2022)
    assert [(e.kind, e.booked_on, day(e.created_at)) for e in after_2021] == [
        ("contribution_charged", dt.date(2022, 1, 15), dt.date(2022, 1, 15))
    ]


def test_forecasts_are_sent_early_the_next_month_and_bsns_registered_at_intake(demo):
    submissions = ForecastSubmission.objects.all()
    assert submissions.count() == 18  # three providers, July to December 2016
    for s in submissions:
        month_end = dt.date(s.year + s.month // 12, s.month % 12 + 1, 1) - dt.timedelta(days=1)
        assert month_end < day(s.submitted_at) <= month_end + dt.timedelta(days=45), s
    for request in BudgetRequest.objects.all():
        # a request comes before the forecasts of its year (Midden-Holland's, issue 13, is for 2017: none yet)
        first = (
            submissions.filter(provider=request.provider_id, year=request.year)
            .order_by("submitted_at")
            .first()
        )
        assert day(request.submitted_at).year == 2016 and (
            first is None or request.submitted_at < first.submitted_at
        )
    # the stop starts the day the forecast that turned red was sent: the September forecast, in October
    stop = IntakeStop.objects.get(provider__slug="lvb-zorg-bollenstreek")
    assert stop.started_by.month == 9 and stop.started_on == day(
        stop.started_by.submitted_at
    ) == dt.date(2016, 10, 3)
    for registration in ClientRegistration.objects.all():
        assert day(registration.registered_at) == registration.intake_on
        assert registration.intake_on.year == 2016


def test_proposals_move_before_their_meetings_and_votes_fall_on_the_meeting_day(demo):
    for meeting in Meeting.objects.all():
        assert day(meeting.created_at) < meeting.date
    for item in AgendaItem.objects.select_related("meeting", "proposal"):
        on_agenda = Transition.objects.get(proposal=item.proposal, to_status="on_agenda")
        assert day(on_agenda.at) < item.meeting.date, item
        assert item.proposal.created_at < on_agenda.at
        if item.closed_at:
            assert day(item.closed_at) == item.meeting.date
    assert Vote.objects.exists()
    for vote in Vote.objects.select_related("agenda_item__meeting"):
        assert day(vote.cast_at) == vote.agenda_item.meeting.date
    for record in VoteRecord.objects.select_related("agenda_item__meeting"):
        assert day(record.at) == record.agenda_item.meeting.date
    for proposal in Proposal.objects.all():
        moments = list(proposal.transitions.order_by("pk").values_list("at", flat=True))
        assert moments == sorted(moments) and all(proposal.created_at < m for m in moments)
    # seed 004 H10: the ambassadors advise at their meetings, the first on 16-7-2021
    assert AmbassadorAdvice.objects.exists()
    for advice in AmbassadorAdvice.objects.select_related("proposal", "meeting"):
        ao = advice.proposal.agenda_items.get(meeting__kind="ao_jeugd").meeting
        assert ao.date <= advice.meeting.date == day(
            advice.recorded_at
        ) and advice.meeting.date >= dt.date(2021, 7, 16)
    spuk = Proposal.objects.filter(fund__slug="spuk-bren-zuid-west")
    assert {day(p.created_at).year for p in spuk} == {2020, 2021}


def test_decisions_awards_and_letters_follow_the_meeting_and_the_books_their_dates(demo):
    for decision in Decision.objects.select_related("agenda_item__meeting", "proposal"):
        if decision.agenda_item:  # PHO vote: decided in the meeting
            assert day(decision.decided_at) == decision.agenda_item.meeting.date
        elif day(decision.decided_at) >= dt.date(
            2021, 7, 16
        ):  # SPUK: Rotterdam decides after the ambassadors advised
            assert decision.decided_at > decision.proposal.ambassador_advice.recorded_at
        else:  # before their first meeting Rotterdam decided alone, and the decision says so
            assert not AmbassadorAdvice.objects.filter(proposal=decision.proposal).exists()
            assert "Besluit van de gemeente Rotterdam alleen" in decision.note
    for award in Award.objects.select_related("proposal"):
        decision = award.proposal.decision
        assert decision.decided_at < award.awarded_at
        assert day(award.awarded_at).year in (award.year - 1, award.year)
    letters = DecisionLetter.objects.select_related("award")
    assert letters.count() == 7
    for letter in letters:
        assert day(letter.issued_at) == day(letter.award.awarded_at)
        assert day(letter.issued_at).year in (letter.award.year, letter.award.year + 1)
    for event in TrancheEvent.objects.select_related("tranche", "new_basis"):
        if event.kind == TrancheEvent.Kind.MADE_DEFINITIVE:
            if (
                event.tranche.fund.slug == "tijdelijk-fonds-holland-rijnland"
                and event.tranche.year >= 2018
            ):
                # seed 002 besluitpunt 3b: definitive once the next year's circular is read
                assert (
                    event.new_basis.loaded_at < event.at
                    and day(event.at).year == event.tranche.year - 1
                )
            else:
                assert day(event.at).year == event.tranche.year
        elif event.new_basis is not None:  # computed once the circular was read
            assert event.new_basis.loaded_at < event.at
    for entry in JournalEntry.objects.all():  # made on its booking date, or a few days after it
        assert 0 <= (day(entry.created_at) - entry.booked_on).days <= 10, entry
    settlement = Settlement.objects.select_related("group").get()
    assert settlement.group.settle_after < day(settlement.confirmed_at) < dt.date(2017, 12, 31)
    assert day(SpukBudgetDivision.objects.get(year=2020).adopted_at) == dt.date(2020, 3, 30)
    assert day(SpukBudgetDivision.objects.get(year=2021).adopted_at) == dt.date(
        2021, 7, 22
    )  # after 16-7-2021
    assert sorted(day(r.delivered_at) for r in RegionReport.objects.all()) == [
        dt.date(2021, 2, 15),
        dt.date(2021, 3, 20),
        dt.date(2022, 2, 21),  # the 2021 expert pool, on time: due but not late on 1 February 2022
    ]
