"""Issue 12 (the bad-input corpus): beside the PxQ request's texts, the allocations' and BREN's free
texts (a PxQ decision's note, a transfer's reason, a BSN reveal's reason, a plan assessment's
motivation) take at most 5,000 characters; one more is refused in Dutch."""

import pytest
from django.core.exceptions import ValidationError

from allocations.forms import DecisionForm, ReasonForm, TransferForm
from bren.forms import AssessmentForm

OVER = "Zorg dat deze waarde niet meer dan 5000 tekens bevat (het zijn er nu 5001)."
SENTENCE = "Ik bel de ouders van deze jongere over de intake van morgen. "


def test_the_texts_take_5000_characters_and_refuse_one_more():
    for field in (
        DecisionForm.base_fields["note"],
        TransferForm.base_fields["reason"],
        ReasonForm.base_fields["reason"],
        AssessmentForm.base_fields["motivation"],
    ):
        assert field.clean("x" * 5000) == "x" * 5000
        assert field.max_length == 5000
        assert field.widget_attrs(field.widget)["maxlength"] == "5000"
        with pytest.raises(ValidationError) as refused:
            field.clean("x" * 5001)
        assert refused.value.messages == [OVER]
    form = ReasonForm(
        {
            "category": ReasonForm.base_fields["category"].choices[1][0],
            "reason": (SENTENCE * 100)[:5001],
        }
    )
    assert not form.is_valid()
    assert form.errors["reason"] == [OVER]
    form = ReasonForm(
        {
            "category": ReasonForm.base_fields["category"].choices[1][0],
            "reason": (SENTENCE * 100)[:5000],
        }
    )
    assert form.is_valid(), form.errors
