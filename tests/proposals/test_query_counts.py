import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from djmoney.money import Money

from core.roles import Role
from proposals import services
from proposals.models import MatrixCell, Proposal, RequestedAmount
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import (
    ProposalFactory,
    pho,
    regional_fund_with_municipalities,
    screened,
)

pytestmark = pytest.mark.django_db


def add_proposals(fund, n, providers):
    for i in range(n):
        p = ProposalFactory(fund=fund, status=Proposal.Status.SUBMITTED)
        p.applicants.set(providers[: 1 + i % len(providers)])
        MatrixCell.objects.bulk_create([MatrixCell(proposal=p, row=1, column=1), MatrixCell(proposal=p, row=2, column=1 + i % 3)])
        RequestedAmount.objects.create(proposal=p, year=2018, amount=Money(Decimal(1000 + i), "EUR"))


@pytest.mark.parametrize("n", [3, 30])
def test_proposal_list_queries_do_not_grow(client_as, django_assert_max_num_queries, n):
    fund, _ = regional_fund_with_municipalities()
    add_proposals(fund, n, [ProviderFactory(), ProviderFactory()])
    client = client_as(make_user("two-q", Role.TWO))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("proposals:list"))
    assert response.content.decode().count('href="/voorstellen/') >= n


@pytest.mark.parametrize("n", [3, 20])
def test_vote_page_queries_do_not_grow_with_municipalities(client_as, django_assert_max_num_queries, n):
    two = make_user("two-q", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(n)
    proposal = screened(fund, two)
    meeting = services.meeting_create(user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1))
    item = services.agenda_item_add(user=two, meeting=meeting, proposal=proposal)
    for m in municipalities:
        services.vote_cast(user=pho(m), agenda_item=item, choice="yes")
    client = client_as(two)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("proposals:item", args=[item.pk]))
    votes_table = response.content.decode().split('data-testid="votes"')[1].split("</table>")[0]
    assert votes_table.count("<td>Voor</td>") == n


@pytest.mark.parametrize("n", [2, 12])
def test_meeting_page_queries_do_not_grow_with_agenda(client_as, django_assert_max_num_queries, n):
    two = make_user("two-q", Role.TWO)
    fund, _ = regional_fund_with_municipalities()
    meeting = services.meeting_create(user=two, fund=fund, kind="ao_jeugd", date=dt.date(2017, 6, 1))
    for _ in range(n):
        services.agenda_item_add(user=two, meeting=meeting, proposal=screened(fund, two))
    client = client_as(two)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("proposals:meeting", args=[meeting.pk]))
    assert response.content.decode().count("Geagendeerd") >= n
