"""The database keeps one answer per criterion per proposal, only known criteria, never blank."""

import pytest
from django.db import IntegrityError, transaction

from proposals.criteria import REGIONAL_CRITERIA, SPUK_CRITERIA
from proposals.models import CriterionAnswer, ScreeningItem
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_second_answer_to_the_same_criterion_is_refused():
    proposal = ProposalFactory()
    CriterionAnswer.objects.create(proposal=proposal, criterion="innovation", text="Nieuw.")
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionAnswer.objects.create(proposal=proposal, criterion="innovation", text="Ook nieuw.")
    # another proposal may answer the same criterion
    CriterionAnswer.objects.create(proposal=ProposalFactory(), criterion="innovation", text="Ja.")
    assert CriterionAnswer.objects.count() == 2


def test_an_unknown_criterion_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionAnswer.objects.create(
            proposal=ProposalFactory(), criterion="waiting_list", text="x"
        )


def test_a_blank_answer_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionAnswer.objects.create(proposal=ProposalFactory(), criterion="innovation", text="")


def test_the_spuk_screening_checks_the_criteria_the_applicant_answers():
    # one definition: the assessors screen exactly the list the applicant answers, same labels
    assert ScreeningItem.Criterion.choices == [(c.key, c.label) for c in SPUK_CRITERIA]
    assert ScreeningItem.Criterion.CONTENT_1 == "content_1"
    # the regional list does not repeat the waiting-list declaration, which is a field of its own
    assert [c.key for c in REGIONAL_CRITERIA] == [
        "innovation",
        "transformation_goals",
        "integrated_care",
    ]
