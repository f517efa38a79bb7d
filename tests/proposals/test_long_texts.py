"""Issue 12 (the bad-input corpus): the proposals' free texts (the summary and the criteria answers,
the screening motivation, the ambassadors' advice, the SPUK decision's motivation, the rejection
letter's reason) take at most 5,000 characters, and the one-line notes (a status change, a consent,
a letter's correction reason) 500; a text at the limit is accepted, one character more is refused
in Dutch."""

import pytest

from proposals.forms import (
    AdviceForm,
    ConsentForm,
    LetterForm,
    ProposalForm,
    RejectionLetterForm,
    ScreeningForm,
    SpukDecisionForm,
    TransitionForm,
)
from tests.proposals.factories import ProposalFactory


def over(limit: int) -> str:
    return f"Zorg dat deze waarde niet meer dan {limit} tekens bevat (het zijn er nu {limit + 1})."


LETTER = {"addressee": "Aanbieder", "signatory": "A. de Vries"}


@pytest.fixture
def proposal(db):
    return ProposalFactory()


@pytest.mark.parametrize(
    ("form", "data", "field", "limit"),
    [
        (RejectionLetterForm, LETTER, "reason", 5000),
        (RejectionLetterForm, {**LETTER, "reason": "Niet vernieuwend."}, "correction_reason", 500),
        (AdviceForm, {"advice": "positive", "ambassadors": "De ambassadeurs"}, "text", 5000),
        (SpukDecisionForm, {"outcome": "adopted"}, "note", 5000),
        (
            ScreeningForm,
            {"criterion": "innovation", "verdict": "met", "assessor_name": "A"},
            "motivation",
            5000,
        ),
        (TransitionForm, {"to_status": "withdrawn"}, "note", 500),
        (ConsentForm, {"given_by": "Wethouder", "given_on": "2017-01-02"}, "note", 500),
        (LetterForm, LETTER, "reason", 500),
        (ProposalForm, {"title": "Thuis", "contact": "Jan"}, "summary", 5000),
    ],
)
def test_a_text_at_its_limit_is_accepted_and_one_character_more_refused_in_dutch(
    proposal, form, data, field, limit
):
    kwargs = {"proposal": proposal} if form in (AdviceForm, ConsentForm) else {}
    if form is ProposalForm:
        kwargs = {"fund": proposal.fund}
    at_limit = form({**data, field: "x" * limit}, **kwargs)
    at_limit.is_valid()
    assert field not in at_limit.errors
    refused = form({**data, field: "x" * (limit + 1)}, **kwargs)
    assert not refused.is_valid()
    assert refused.errors[field] == [over(limit)]


def test_a_criterion_answer_takes_5000_characters_and_refuses_one_more(proposal):
    form = ProposalForm({"title": "Thuis", "summary": "Kort", "contact": "Jan"}, fund=proposal.fund)
    answers = [name for name in form.fields if name.startswith("answer_")]
    assert answers
    data = {"title": "Thuis", "summary": "Kort", "contact": "Jan"}
    at_limit = ProposalForm({**data, **{name: "x" * 5000 for name in answers}}, fund=proposal.fund)
    at_limit.is_valid()
    assert not set(answers) & set(at_limit.errors)
    refused = ProposalForm({**data, answers[0]: "x" * 5001}, fund=proposal.fund)
    assert not refused.is_valid()
    assert refused.errors[answers[0]] == [over(5000)]
