"""Issue 12 (the bad-input corpus): an action's activity, result and status notes (TextFields, without
a limit in the database) take at most 5,000 characters on the forms; one more is refused in Dutch."""

import pytest

from norms.forms import ActionForm, ActionStatusForm

OVER = "Zorg dat deze waarde niet meer dan 5000 tekens bevat (het zijn er nu 5001)."


@pytest.mark.parametrize("field", ["activity", "result", "status_notes"])
def test_an_action_text_takes_5000_characters_and_refuses_one_more(db, field):
    form = ActionForm({field: "x" * 5000})
    form.is_valid()
    assert field not in form.errors
    form = ActionForm({field: "x" * 5001})
    assert not form.is_valid()
    assert form.errors[field] == [OVER]
    assert form.fields[field].widget.attrs["maxlength"] == "5000"


def test_the_owners_status_notes_take_5000_characters_and_refuse_one_more(db):
    assert ActionStatusForm({"status_notes": "x" * 5000}).is_valid()
    form = ActionStatusForm({"status_notes": "x" * 5001})
    assert not form.is_valid()
    assert form.errors["status_notes"] == [OVER]
