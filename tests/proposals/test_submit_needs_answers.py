"""Submitting needs an answer to every criterion; afterwards only the fund manager edits them."""

import html

import pytest
from django.urls import reverse

from core.roles import Role
from proposals.exceptions import ProposalError
from proposals.models import CriterionAnswer, Transition
from proposals.services import intake as intake_services
from proposals.services import screening as screening_services
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import (
    full_answers,
    make_proposal,
    regional_fund_with_municipalities,
    spuk_fund,
)

pytestmark = pytest.mark.django_db


def test_submitting_with_missing_answers_is_refused_and_names_them():
    fund, _ = regional_fund_with_municipalities(2)
    two = make_user("two-answers", Role.TWO)
    proposal = make_proposal(fund, user=two, answers={"innovation": "Nieuw."})
    with pytest.raises(ProposalError) as refused:
        screening_services.proposal_transition(user=two, proposal=proposal, to_status="submitted")
    assert "nog geen antwoord op: Transformatiedoelen" in refused.value.message
    assert "Integrale samenwerking" in refused.value.message
    assert "Innovatie" not in refused.value.message
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    assert not Transition.objects.filter(proposal=proposal).exists()


def test_spuk_submit_lists_the_open_conditions():
    fund = spuk_fund()
    user = make_user("rdam-answers", Role.COORDINATOR, municipality=fund.coordinating_municipality)
    answers = full_answers(fund)
    del answers["lawful_4"]
    proposal = make_proposal(fund, user=user, answers=answers)
    with pytest.raises(ProposalError, match="nog geen antwoord op: Rechtmatig 4"):
        screening_services.proposal_transition(user=user, proposal=proposal, to_status="submitted")
    intake_services.proposal_update(
        user=user,
        proposal=proposal,
        title=proposal.title,
        summary=proposal.summary,
        contact=proposal.contact,
        cells=[],
        no_waiting_list_declaration=False,
        answers={"lawful_4": "Inkoopadviseur van de regio denkt mee."},
    )
    screening_services.proposal_transition(user=user, proposal=proposal, to_status="submitted")
    assert proposal.status == "submitted"


def test_the_provider_pressing_submit_sees_what_is_missing_and_nothing_changes(client_as):
    fund, _ = regional_fund_with_municipalities(2)
    provider = ProviderFactory()
    user = make_user("aanbieder-answers", Role.PROVIDER, provider=provider)
    proposal = make_proposal(fund, user=user, applicants=[provider], answers={})
    client = client_as(user)
    page = html.unescape(
        client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    )
    assert "Beantwoord alle criteria van het fonds" in page  # shown before pressing the button
    response = client.post(
        reverse("proposals:transition", args=[proposal.pk]), {"to_status": "submitted"}, follow=True
    )
    text = html.unescape(response.content.decode())
    assert "nog geen antwoord op: Innovatie" in text
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    assert not CriterionAnswer.objects.filter(proposal=proposal).exists()


def _edit(client, proposal, **answers):
    data = {
        "title": proposal.title,
        "summary": proposal.summary,
        "contact": proposal.contact,
        "applicants": [a.pk for a in proposal.applicants.all()],
        "cells": ["1-1", "2-2"],
        "no_waiting_list_declaration": "on",
        "amount_2017": "100000,00",
        **{f"answer_{k}": v for k, v in answers.items()},
    }
    return client.post(reverse("proposals:edit", args=[proposal.pk]), data, follow=True)


def test_after_submission_only_two_changes_the_answers_and_cannot_leave_one_open(client_as):
    fund, _ = regional_fund_with_municipalities(2)
    provider = ProviderFactory()
    owner = make_user("aanbieder-answers", Role.PROVIDER, provider=provider)
    two = make_user("two-answers", Role.TWO)
    proposal = make_proposal(fund, user=owner, applicants=[provider])
    screening_services.proposal_transition(user=owner, proposal=proposal, to_status="submitted")
    before = dict(proposal.criterion_answers.values_list("criterion", "text"))

    # the provider may no longer edit its submitted proposal
    answers = {**before, "innovation": "Door de aanbieder gewijzigd."}
    assert _edit(client_as(owner), proposal, **answers).status_code == 403

    # TWO may, but not leave a criterion unanswered
    client = client_as(two)
    response = _edit(client, proposal, **{**before, "integrated_care": ""})
    assert "Dit veld is verplicht" in response.content.decode()
    assert dict(proposal.criterion_answers.values_list("criterion", "text")) == before

    _edit(client, proposal, **{**before, "innovation": "Aangescherpt na overleg met TWO."})
    assert proposal.criterion_answers.get(criterion="innovation").text == (
        "Aangescherpt na overleg met TWO."
    )


def test_the_service_refuses_to_clear_an_answer_of_a_submitted_proposal():
    fund, _ = regional_fund_with_municipalities(2)
    two = make_user("two-answers", Role.TWO)
    proposal = make_proposal(fund, user=two)
    screening_services.proposal_transition(user=two, proposal=proposal, to_status="submitted")
    with pytest.raises(ProposalError, match="nog geen antwoord op: Innovatie"):
        intake_services.proposal_update(
            user=two,
            proposal=proposal,
            title="Nieuwe titel",
            summary=proposal.summary,
            contact=proposal.contact,
            cells=[(1, 1), (2, 2)],
            no_waiting_list_declaration=True,
            answers={"innovation": "   "},
        )
    proposal.refresh_from_db()
    assert proposal.title != "Nieuwe titel"
    assert proposal.criterion_answers.count() == 3


def test_answers_to_another_fund_kinds_criteria_are_refused():
    fund, _ = regional_fund_with_municipalities(2)
    with pytest.raises(ProposalError, match="Onbekend criterium"):
        make_proposal(fund, answers={"content_1": "SPUK-antwoord in het regionale fonds."})
