"""Every demo proposal that has been submitted (or got further) answers all its fund's criteria."""

import pytest

from proposals.criteria import criteria_for
from proposals.models import Proposal


@pytest.mark.django_db
def test_submitted_demo_proposals_answer_every_criterion(demo):
    past_draft = Proposal.objects.exclude(status="draft").select_related("fund")
    assert {p.fund.kind for p in past_draft} == {"regional", "spuk"}
    for proposal in past_draft.prefetch_related("criterion_answers"):
        answered = {a.criterion for a in proposal.criterion_answers.all() if a.text.strip()}
        assert answered == {c.key for c in criteria_for(proposal.fund.kind)}, proposal.reference
