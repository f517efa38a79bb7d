"""Proposals are put on an agenda from a pick list of those that may go there: for a PHO Maatschappij
only what an AO Jeugd discussed on or before its date is offered."""

import datetime as dt

from proposals.models import AgendaItem, Meeting, Proposal


def test_the_pho_offers_what_the_ao_discussed_before_it(demo_client):
    from proposals import services

    client = demo_client("two")
    from django.contrib.auth import get_user_model

    two = get_user_model().objects.get(username="two")
    screened = Proposal.objects.get(fund__slug="tijdelijk-fonds-holland-rijnland", status="screened")
    fund = screened.fund
    ao = services.meeting_create(user=two, fund=fund, kind=Meeting.Kind.AO_JEUGD, date=dt.date(2030, 3, 1))
    pho = services.meeting_create(user=two, fund=fund, kind=Meeting.Kind.PHO_MAATSCHAPPIJ, date=dt.date(2030, 3, 15))
    html = client.get(f"/voorstellen/vergaderingen/{pho.pk}/").content.decode()
    assert f'<option value="{screened.reference}">' not in html  # not discussed by an AO Jeugd yet
    html = client.get(f"/voorstellen/vergaderingen/{ao.pk}/").content.decode()
    assert f'<option value="{screened.reference}">{screened.reference} {screened.title}</option>' in html
    client.post(f"/voorstellen/vergaderingen/{ao.pk}/", {"reference": screened.reference})
    assert AgendaItem.objects.filter(meeting=ao, proposal=screened).exists()
    html = client.get(f"/voorstellen/vergaderingen/{pho.pk}/").content.decode()
    assert f'<option value="{screened.reference}">' in html
    client.post(f"/voorstellen/vergaderingen/{pho.pk}/", {"reference": screened.reference})
    assert AgendaItem.objects.filter(meeting=pho, proposal=screened).exists()
