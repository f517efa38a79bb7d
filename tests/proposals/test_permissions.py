import datetime as dt

import pytest
from django.urls import reverse

from core.roles import Role
from proposals.models import Vote
from proposals.services import meetings as meeting_services
from tests.factories import MunicipalityFactory, ProviderFactory, RegionFactory, make_user
from tests.proposals.factories import (
    make_proposal,
    on_pho_agenda,
    pho,
    regional_fund_with_municipalities,
    screened,
    spuk_fund,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    two = make_user("two-perm", Role.TWO)
    fund, municipalities = regional_fund_with_municipalities(3)
    mine, other = ProviderFactory(name="Eigen Zorg"), ProviderFactory(name="Andere Zorg")
    provider_user = make_user("aanbieder-perm", Role.PROVIDER, provider=mine)
    own = make_proposal(fund, user=provider_user, applicants=[mine], title="Eigen voorstel")
    foreign = make_proposal(fund, user=two, applicants=[other], title="Voorstel van een ander")
    return two, fund, municipalities, provider_user, own, foreign


def test_provider_sees_only_its_own_proposals(client_as, world):
    _, _, _, provider_user, own, foreign = world
    client = client_as(provider_user)
    listing = client.get(reverse("proposals:list")).content.decode()
    assert "Eigen voorstel" in listing and "Voorstel van een ander" not in listing
    assert client.get(reverse("proposals:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("proposals:detail", args=[foreign.pk])).status_code == 404


def test_provider_prepares_and_submits_its_own_then_cannot_edit(client_as, world):
    _, fund, _, provider_user, own, _ = world
    client = client_as(provider_user)
    response = client.post(
        reverse("proposals:create", args=[fund.slug]),
        {
            "title": "Nieuw plan",
            "summary": "Samen",
            "contact": "A",
            "cells": ["1-1", "2-2"],
            "no_waiting_list_declaration": "on",
            "amount_2018": "1000,00",
        },
        follow=True,
    )
    assert "is aangemaakt als concept" in response.content.decode()
    created = fund.proposals.get(title="Nieuw plan")
    assert list(created.applicants.values_list("name", flat=True)) == ["Eigen Zorg"]
    client.post(reverse("proposals:transition", args=[own.pk]), {"to_status": "submitted"})
    own.refresh_from_db()
    assert own.status == "submitted"
    assert client.get(reverse("proposals:edit", args=[own.pk])).status_code == 403
    # screening is not the provider's to do
    assert (
        client.post(
            reverse("proposals:transition", args=[own.pk]), {"to_status": "screened"}
        ).status_code
        == 403
    )


def test_provider_cannot_file_for_spuk(client_as, world):
    _, _, _, provider_user, _, _ = world
    fund = spuk_fund()
    assert (
        client_as(provider_user).get(reverse("proposals:create", args=[fund.slug])).status_code
        == 403
    )


def test_portfolio_holder_sees_no_drafts_and_votes_only_for_own_municipality(client_as, world):
    two, fund, (a, b, c), _, own, foreign = world
    user = pho(a)
    client = client_as(user)
    assert (
        client.get(reverse("proposals:detail", args=[own.pk])).status_code == 404
    )  # still a draft
    proposal = screened(fund, two)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, proposal, meeting)
    # an extra municipality field is ignored: the vote is always for the user's own municipality
    response = client.post(
        reverse("proposals:item", args=[item.pk]),
        {"choice": "no", "municipality": b.pk},
        follow=True,
    )
    assert "Uw stem is vastgelegd" in response.content.decode()
    assert list(Vote.objects.values_list("municipality_id", "choice")) == [(a.pk, "no")]
    assert client.post(reverse("proposals:item_close", args=[item.pk])).status_code == 403


def test_portfolio_holder_of_another_region_sees_nothing(client_as, world):
    two, fund, _, _, _, _ = world
    proposal = screened(fund, two)
    meeting = meeting_services.meeting_create(
        user=two, fund=fund, kind="pho_maatschappij", date=dt.date(2017, 6, 1)
    )
    item = on_pho_agenda(two, proposal, meeting)
    client = client_as(pho(MunicipalityFactory(region=RegionFactory())))
    assert client.get(reverse("proposals:detail", args=[proposal.pk])).status_code == 404
    assert (
        client.post(reverse("proposals:item", args=[item.pk]), {"choice": "yes"}).status_code == 404
    )
    assert not Vote.objects.exists()


def test_region_user_sees_own_spuk_requests_only(client_as):
    fund = spuk_fund()
    region, other = RegionFactory(landsdeel="Zuid-West"), RegionFactory(landsdeel="Zuid-West")
    user = make_user("regio-perm", Role.REGION, region=region)
    coordinator = make_user(
        "rdam-perm", Role.COORDINATOR, municipality=fund.coordinating_municipality
    )
    mine = make_proposal(fund, user=coordinator, filing_region=region)
    theirs = make_proposal(fund, user=coordinator, filing_region=other)
    client = client_as(user)
    assert client.get(reverse("proposals:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("proposals:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("proposals:create", args=[fund.slug])).status_code == 200


def test_two_cannot_take_the_spuk_decision(client_as):
    fund = spuk_fund()
    coordinator = make_user(
        "rdam-perm", Role.COORDINATOR, municipality=fund.coordinating_municipality
    )
    proposal = make_proposal(fund, user=coordinator)
    two = make_user("two-perm", Role.TWO)
    response = client_as(two).post(
        reverse("proposals:decide", args=[proposal.pk]), {"dec-outcome": "adopted", "dec-note": "x"}
    )
    assert response.status_code == 403
