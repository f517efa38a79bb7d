import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from djmoney.money import Money

from core.roles import Role
from proposals.models import MatrixCell, Proposal, RequestedAmount
from proposals.services import meetings as meeting_services
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import (
    ProposalFactory,
    on_pho_agenda,
    pho,
    regional_fund_with_municipalities,
    screened,
)

pytestmark = pytest.mark.django_db


def add_proposals(fund, n, providers):
    for i in range(n):
        p = ProposalFactory(fund=fund, status=Proposal.Status.SUBMITTED)
        p.applicants.set(providers[: 1 + i % len(providers)])
        MatrixCell.objects.bulk_create(
            [
                MatrixCell(proposal=p, row=1, column=1),
                MatrixCell(proposal=p, row=2, column=1 + i % 3),
            ]
        )
        RequestedAmount.objects.create(
            proposal=p, year=2018, amount=Money(Decimal(1000 + i), "EUR")
        )


# Each count has one query for the user's memberships (issue 13: which organisations' funds they
# manage), once per request whatever the data.
# session, user, roles, memberships, count, page (with each proposal's matrix), applicants, funds to
# create in, profile, funds to filter on
LIST_QUERIES = 10
# session, user, item (meeting, fund, proposal, decision, the proposal's matrix), roles, memberships,
# votes and weights, vote log
VOTE_PAGE_QUERIES = 7
# session, user, roles (with the unread notifications), meeting, memberships, overview snapshot,
# proposals to put on the agenda, agenda, the norms' area (its counts panel)
MEETING_QUERIES = 9


@pytest.mark.parametrize("n", [3, 60])
def test_proposal_list_queries_do_not_grow(client_as, django_assert_max_num_queries, n):
    fund, _ = regional_fund_with_municipalities()
    add_proposals(fund, n, [ProviderFactory(), ProviderFactory()])
    client = client_as(make_user("two-q", Role.TWO))
    client.get(reverse("proposals:list"))  # warm-up: the first request may write the session
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("proposals:list"))
    assert response.content.decode().count('<a class="utrecht-link" href="/voorstellen/') == min(
        n, 50
    )


@pytest.mark.parametrize("n", [3, 60])
def test_proposal_list_of_one_fund_costs_no_query_more(client_as, django_assert_max_num_queries, n):
    """The fund asked for (?fonds=) is one of the filter's funds, read with them: the list of one
    fund runs as many queries as the list of all."""
    fund, _ = regional_fund_with_municipalities()
    add_proposals(fund, n, [ProviderFactory(), ProviderFactory()])
    client = client_as(make_user("two-q", Role.TWO))
    url = f"{reverse('proposals:list')}?fonds={fund.slug}"
    client.get(url)
    with CaptureQueriesContext(connection) as all_funds:
        client.get(reverse("proposals:list"))
    with django_assert_max_num_queries(len(all_funds)):
        response = client.get(url)
    assert response.content.decode().count('<a class="utrecht-link" href="/voorstellen/') == min(
        n, 50
    )
    assert f'<option value="{fund.slug}" selected' in response.content.decode()


@pytest.mark.parametrize("n", [13, 342])  # Holland Rijnland, and every municipality of 2025
def test_vote_page_queries_do_not_grow_with_municipalities(
    client_as, django_assert_max_num_queries, n
):
    two = make_user("two-q", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(n)
    proposal = screened(fund, two)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, proposal, meeting)
    for m in municipalities:
        meeting_services.vote_cast(user=pho(m), agenda_item=item, choice="yes")
    client = client_as(two)
    client.get(
        reverse("proposals:item", args=[item.pk])
    )  # warm-up: the first request may write the session
    with django_assert_max_num_queries(VOTE_PAGE_QUERIES):
        response = client.get(reverse("proposals:item", args=[item.pk]))
    page = response.content.decode()
    votes_table = page.split('data-testid="votes"')[1].split("</table>")[0]
    assert votes_table.count("<td>Voor</td>") == n
    assert (
        page.split('data-testid="vote-records"')[1].split("</table>")[0].count("<td>Voor</td>") == n
    )


@pytest.mark.parametrize("n", [2, 12])
def test_meeting_page_queries_do_not_grow_with_agenda(client_as, django_assert_max_num_queries, n):
    two = make_user("two-q", Role.TWO)
    fund, _ = regional_fund_with_municipalities()
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="ao_jeugd", date=dt.date(2017, 6, 1)
    )
    for _ in range(n):
        meeting_services.agenda_item_add(user=two, meeting=meeting, proposal=screened(fund, two))
    client = client_as(two)
    client.get(
        reverse("proposals:meeting", args=[meeting.pk])
    )  # warm-up: the first request may write the session
    with django_assert_max_num_queries(MEETING_QUERIES):
        response = client.get(reverse("proposals:meeting", args=[meeting.pk]))
    agenda = response.content.decode().split('data-testid="agenda"')[1].split("</table>")[0]
    assert agenda.count("Geagendeerd") == 2 * n  # the status badge and the AO column
