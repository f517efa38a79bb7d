"""The proposal page shows the answers; for the SPUK beside the assessors' verdicts."""

import html
import re

import pytest
from django.urls import reverse

from core.roles import Role
from proposals.services import screening as screening_services
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import make_proposal, regional_fund_with_municipalities, spuk_fund

pytestmark = pytest.mark.django_db


def _row(page: str, key: str) -> str:
    match = re.search(rf'<tr data-criterion="{key}">(.*?)</tr>', page, re.S)
    assert match, key
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def test_regional_page_shows_every_answer_and_what_is_open(client_as):
    fund, _ = regional_fund_with_municipalities(2)
    two = make_user("two-page", Role.TWO)
    proposal = make_proposal(fund, user=two, answers={"innovation": "Gezinscoach & <JGT> samen."})
    page = client_as(two).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Gezinscoach &amp; &lt;JGT&gt; samen." in page  # escaped
    assert "Gezinscoach & <JGT> samen." in _row(page, "innovation")
    assert "nog niet beantwoord" in _row(page, "transformation_goals")
    assert "nog niet beantwoord" in _row(page, "integrated_care")


def test_spuk_assessor_sees_answer_and_verdict_in_one_row(client_as):
    fund = spuk_fund()
    user = make_user("rdam-page", Role.COORDINATOR, municipality=fund.coordinating_municipality)
    answers = {
        key: f"Onderbouwing {key}."
        for key in (
            "content_1",
            "content_2",
            "content_3",
            "lawful_1",
            "lawful_2",
            "lawful_3",
            "lawful_4",
        )
    }
    proposal = make_proposal(fund, user=user, answers=answers)
    screening_services.proposal_transition(user=user, proposal=proposal, to_status="submitted")
    screening_services.screening_record(
        user=user,
        proposal=proposal,
        criterion="lawful_2",
        verdict="not_met",
        motivation="Middelen sluiten niet aan op de activiteiten.",
        assessor_name="C. de Groot",
        assessor_capacity="expert_chair",
    )
    page = client_as(user).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    row = _row(page, "lawful_2")
    assert "Rechtmatig 2" in row
    assert "Onderbouwing lawful_2." in row
    assert "Voldoet niet" in row and "Middelen sluiten niet aan" in row and "C. de Groot" in row
    other = _row(page, "content_1")
    assert "Onderbouwing content_1." in other and "nog niet beoordeeld" in other


def test_a_provider_never_sees_another_providers_answers(client_as):
    fund, _ = regional_fund_with_municipalities(2)
    mine, theirs = ProviderFactory(), ProviderFactory()
    me = make_user("aanbieder-page", Role.PROVIDER, provider=mine)
    own = make_proposal(fund, user=me, applicants=[mine], answers={"innovation": "Ons antwoord."})
    foreign = make_proposal(
        fund, applicants=[theirs], answers={"innovation": "Geheim antwoord van een ander."}
    )
    client = client_as(me)
    assert (
        "Ons antwoord." in client.get(reverse("proposals:detail", args=[own.pk])).content.decode()
    )
    for url in (
        reverse("proposals:detail", args=[foreign.pk]),
        reverse("proposals:edit", args=[foreign.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Geheim antwoord" not in response.content.decode()
    assert "Geheim antwoord" not in client.get(reverse("proposals:list")).content.decode()
