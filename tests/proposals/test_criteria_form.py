"""The proposal form asks every criterion of the fund by its question, per fund kind."""

import html

import pytest
from django.urls import reverse

from core.roles import Role
from proposals.criteria import REGIONAL_CRITERIA, SPUK_CRITERIA
from tests.factories import ProviderFactory, RegionFactory, make_user
from tests.proposals.factories import regional_fund_with_municipalities, spuk_fund

pytestmark = pytest.mark.django_db


def test_the_regional_form_asks_the_regional_criteria(client_as):
    fund, _ = regional_fund_with_municipalities(2)
    provider_user = make_user("aanbieder-form", Role.PROVIDER, provider=ProviderFactory())
    page = html.unescape(
        client_as(provider_user).get(reverse("proposals:create", args=[fund.slug])).content.decode()
    )
    for criterion in REGIONAL_CRITERIA:
        assert criterion.question in page
        assert f'name="answer_{criterion.key}"' in page
    for criterion in SPUK_CRITERIA:
        assert f'name="answer_{criterion.key}"' not in page
    # the waiting-list declaration stays the one checkbox it was
    assert page.count("geen wachtlijsten financiert") == 1


def test_the_spuk_form_asks_content_criteria_and_lawfulness_conditions(client_as):
    fund = spuk_fund()
    region = RegionFactory(landsdeel=fund.landsdeel)
    page = html.unescape(
        client_as(make_user("regio-form", Role.REGION, region=region))
        .get(reverse("proposals:create", args=[fund.slug]))
        .content.decode()
    )
    for criterion in SPUK_CRITERIA:
        assert criterion.question in page
        assert criterion.label in page
    for criterion in REGIONAL_CRITERIA:
        assert f'name="answer_{criterion.key}"' not in page


def test_a_draft_is_saved_with_some_answers_open(client_as):
    fund, _ = regional_fund_with_municipalities(2)
    provider = ProviderFactory()
    client = client_as(make_user("aanbieder-form", Role.PROVIDER, provider=provider))
    response = client.post(
        reverse("proposals:create", args=[fund.slug]),
        {
            "title": "Half af",
            "summary": "Nog niet alles ingevuld.",
            "contact": "A. Bakker",
            "cells": ["1-1", "2-2"],
            "answer_innovation": "  Eén plan voor het hele gezin.  ",
            "answer_transformation_goals": "",
        },
        follow=True,
    )
    assert "is aangemaakt als concept" in response.content.decode()
    proposal = fund.proposals.get(title="Half af")
    assert dict(proposal.criterion_answers.values_list("criterion", "text")) == {
        "innovation": "Eén plan voor het hele gezin."
    }
    # the edit form shows the stored answer again
    edit = client.get(reverse("proposals:edit", args=[proposal.pk])).content.decode()
    assert "Eén plan voor het hele gezin." in html.unescape(edit)
