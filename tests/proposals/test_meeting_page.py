import datetime as dt

import pytest
from django.urls import reverse

from core.roles import Role
from proposals.services import meetings as meeting_services
from tests.factories import make_user
from tests.proposals.factories import pho, regional_fund_with_municipalities, screened

pytestmark = pytest.mark.django_db


def agenda(page: str) -> str:
    return page.split('data-testid="agenda"')[1].split("</table>")[0]


def test_agendas_link_each_proposal_and_on_the_pho_its_vote(client_as):
    two = make_user("two-mp", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(2)
    first, second = screened(fund, two, title="Eerste <voorstel>"), screened(fund, two)
    ao = meeting_services.meeting_create(
        user=two, fund=fund, kind="ao_jeugd", date=dt.date(2017, 5, 1)
    )
    pho_meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    for p in (first, second):
        meeting_services.agenda_item_add(user=two, meeting=ao, proposal=p)
    items = [
        meeting_services.agenda_item_add(user=two, meeting=pho_meeting, proposal=p)
        for p in (first, second)
    ]
    for m in municipalities:
        meeting_services.vote_cast(user=pho(m), agenda_item=items[0], choice="yes")
    meeting_services.agenda_item_close(user=two, agenda_item=items[0])
    client = client_as(two)

    ao_rows = agenda(client.get(reverse("proposals:meeting", args=[ao.pk])).content.decode())
    detail = reverse("proposals:detail", args=[first.pk])
    assert (
        f'<td>1</td><th scope="row"><a class="utrecht-link" href="{detail}">{first.reference} Eerste &lt;voorstel&gt;</a></th>'
        in ao_rows
    )
    assert (
        '<td><span class="jf-badge jf-badge--green">Aangenomen</span></td><td>Aangenomen</td>'
        in ao_rows
    )

    pho_rows = agenda(
        client.get(reverse("proposals:meeting", args=[pho_meeting.pk])).content.decode()
    )
    assert f'href="{reverse("proposals:item", args=[items[0].pk])}">Uitslag: aangenomen' in pho_rows
    assert (
        f'href="{reverse("proposals:item", args=[items[1].pk])}">Stemming open'
        f'<span class="jf-visually-hidden"> {second.reference}</span></a>'
    ) in pho_rows


def test_empty_agenda_says_so(client_as):
    two = make_user("two-mp", Role.TWO)
    fund, _ = regional_fund_with_municipalities(1)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="ao_jeugd", date=dt.date(2017, 5, 1)
    )
    assert "Nog geen agendapunten." in agenda(
        client_as(two).get(reverse("proposals:meeting", args=[meeting.pk])).content.decode()
    )
