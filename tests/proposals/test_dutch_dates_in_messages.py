"""The services' messages name a date the way the screens do (issue 14: one date format on screen,
`1-7-2016`): day and month without a leading zero, never `01-07-2016` or `2016-07-01`."""

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from demo.timeline import at
from proposals.exceptions import ProposalError
from proposals.models import Decision
from proposals.services import letters as letter_services
from proposals.services import meetings as meeting_services
from tests.factories import make_user
from tests.proposals.factories import (
    on_pho_agenda,
    pho,
    regional_fund_with_municipalities,
    screened,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2030, 6, 3)
MEETING = dt.date(2030, 7, 1)


@contextmanager
def today_is(day):
    moment = at(day)
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


def _item():
    two = make_user("two-dates", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(3)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=MEETING
    )
    return two, municipalities, on_pho_agenda(two, screened(fund, two), meeting)


def test_a_vote_before_the_meeting_is_refused_with_dutch_dates_on_the_page(client_as):
    with today_is(TODAY):
        two, (a, b, _c), item = _item()
        with pytest.raises(ProposalError) as refused:
            meeting_services.vote_cast(user=pho(a), agenda_item=item, choice="yes")
        response = client_as(pho(b)).post(
            reverse("proposals:item", args=[item.pk]), {"choice": "yes"}, follow=True
        )
    expected = (
        "Er wordt gestemd in de vergadering van 1-7-2030; stemmen kan vanaf die dag, niet eerder "
        "(vandaag is het 3-6-2030)."
    )
    assert str(refused.value.message) == expected
    assert expected in response.content.decode()


def test_closing_a_vote_too_early_names_the_dates_the_dutch_way():
    with today_is(TODAY):
        two, _municipalities, item = _item()
        with pytest.raises(ProposalError) as refused:
            meeting_services.agenda_item_close(user=two, agenda_item=item)
    assert refused.value.message == (
        "De stemming hoort bij de vergadering van 1-7-2030; sluit haar op of na die dag, "
        "niet eerder (vandaag is het 3-6-2030)."
    )


def test_a_letter_before_its_decision_names_the_dates_the_dutch_way():
    with today_is(TODAY):
        two, _municipalities, item = _item()
        proposal = item.proposal
        proposal.status = "adopted"
        proposal.save()
        Decision.objects.create(
            proposal=proposal,
            outcome="adopted",
            rule="coordinator",
            decision_date=MEETING,
            decided_by=two,
        )
        award = letter_services.award_create(
            user=two,
            proposal=proposal,
            year=2017,
            amount=Decimal("1000"),
            period_start=dt.date(2017, 7, 1),
            period_end=dt.date(2017, 12, 31),
        )
        with pytest.raises(ProposalError) as refused:
            letter_services.letter_issue(user=two, award=award, addressee="A", signatory="B")
    assert refused.value.message.startswith(
        "Het besluit is van 1-7-2030; een beschikking wordt gedateerd"
    )
    assert refused.value.message.endswith("(vandaag is het 3-6-2030).")
