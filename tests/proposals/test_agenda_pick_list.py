"""Proposals are put on an agenda from a pick list of those that may go there: for a PHO Maatschappij
only what an AO Jeugd discussed on or before its date is offered."""

import datetime as dt

from proposals.models import AgendaItem, Meeting, Proposal


def test_the_pho_offers_what_the_ao_discussed_before_it(demo_client):
    from proposals.services import meetings as meeting_services

    client = demo_client("two")
    from django.contrib.auth import get_user_model

    two = get_user_model().objects.get(username="two")
    screened = Proposal.objects.get(
        fund__slug="tijdelijk-fonds-holland-rijnland", status="screened"
    )
    fund = screened.fund
    ao = meeting_services.meeting_create(
        user=two, fund=fund, kind=Meeting.Kind.AO_JEUGD, date=dt.date(2030, 3, 1)
    )
    pho = meeting_services.meeting_create(
        user=two, fund=fund, kind=Meeting.Kind.PHO_MAATSCHAPPIJ, date=dt.date(2030, 3, 15)
    )
    html = client.get(f"/voorstellen/vergaderingen/{pho.pk}/").content.decode()
    assert f'<option value="{screened.reference}">' not in html  # not discussed by an AO Jeugd yet
    html = client.get(f"/voorstellen/vergaderingen/{ao.pk}/").content.decode()
    assert (
        f'<option value="{screened.reference}">{screened.reference} {screened.title}</option>'
        in html
    )
    client.post(f"/voorstellen/vergaderingen/{ao.pk}/", {"reference": screened.reference})
    assert AgendaItem.objects.filter(meeting=ao, proposal=screened).exists()
    html = client.get(f"/voorstellen/vergaderingen/{pho.pk}/").content.decode()
    assert f'<option value="{screened.reference}">' in html
    client.post(f"/voorstellen/vergaderingen/{pho.pk}/", {"reference": screened.reference})
    assert AgendaItem.objects.filter(meeting=pho, proposal=screened).exists()


def test_the_matrix_is_entered_as_a_3x3_grid_of_checkboxes(db, client_as):
    import re

    from core.roles import Role
    from tests.factories import FundFactory, ProviderFactory, make_user

    fund = FundFactory()
    user = make_user("aanbieder-grid", Role.PROVIDER, provider=ProviderFactory())
    html = client_as(user).get(f"/voorstellen/nieuw/{fund.slug}/").content.decode()
    grid = re.search(r'data-testid="matrix-grid">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r'<th scope="col">([^<]+)</th>', grid) == [
        "Ambulant",
        "Residentieel",
        "Veiligheid",
    ]
    rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th>(.*?)</tr>", grid, re.S)
    assert [label for label, _ in rows] == [
        "Jeugd- en opvoedhulp / gedragsproblematiek",
        "GGZ / psychiatrie",
        "LVG/VB / licht verstandelijke beperking",
    ]
    assert [cells.count('type="checkbox"') for _, cells in rows] == [3, 3, 3]
    assert 'value="2-3"' in rows[1][1] and ">GGZ / psychiatrie × Veiligheid</label>" in rows[1][1]
