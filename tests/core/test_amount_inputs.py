"""Every money and quantity input of the web forms reads numbers with core.forms.AmountField
(issue 12, hole 6; issue 14): the Dutch notation is accepted, the English one and other digits are
refused with a Dutch message, and nothing is booked."""

import inspect
from decimal import Decimal

import pytest
from django import forms

import accounting.forms
import allocations.forms
import proposals.forms
from accounting.models import EntryKind, JournalEntry
from core.forms import AmountField
from tests.accounting.test_provider_payments import _funded_world, _grant


def _form_classes():
    for module in (accounting.forms, allocations.forms, proposals.forms):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


@pytest.mark.parametrize("form_class", list(_form_classes()), ids=lambda c: c.__name__)
def test_no_form_reads_a_decimal_any_other_way(form_class):
    plain = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DecimalField) and not isinstance(field, AmountField)
    ]
    assert plain == []


def _payments():
    return JournalEntry.objects.filter(
        kind__in=[EntryKind.PAYMENT_ADVANCE, EntryKind.PAYMENT_FINAL]
    ).count()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("45.000,00", None),
        ("45000,5", None),
        ("12,500.50", "schrijf het getal op zijn Nederlands"),
        ("١٠٠", "gebruik alleen de cijfers 0 tot en met 9"),
        ("1_000", "is geen getal"),
        ("99999999999999999999,99", "is te groot"),
    ],
)
def test_the_payment_form_reads_dutch_amounts_and_refuses_others(client_as, typed, message):
    world = _funded_world()
    request = _grant(world)
    client = client_as(world.two)
    before = _payments()
    response = client.post(
        f"/boekhouding/{world.fund.slug}/aanbieders/{request.pk}/betaling/",
        {"payment-kind": "advance", "payment-amount": typed, "payment-booked_on": "2016-08-01"},
    )
    if message is None:
        assert response.status_code == 302 and _payments() == before + 1
    else:
        assert response.status_code == 200 and message in response.content.decode()
        assert _payments() == before


@pytest.mark.parametrize(
    ("bounds", "typed", "message"),
    [
        ({"min_value": Decimal("0.01")}, "0,00", "Zorg ervoor dat deze waarde minstens 0,01 is."),
        ({"min_value": 0}, "-5", "Zorg ervoor dat deze waarde minstens 0 is."),
        (
            {"max_value": Decimal("12500.5")},
            "12.500,51",
            "Zorg ervoor dat deze waarde hoogstens 12.500,50 is.",
        ),
    ],
)
def test_an_amount_out_of_bounds_is_told_with_the_bound_written_the_dutch_way(
    bounds, typed, message
):
    with pytest.raises(forms.ValidationError) as refused:
        AmountField(**bounds).clean(typed)
    assert refused.value.messages == [message]
    assert AmountField(**bounds).clean("1") == Decimal("1")
