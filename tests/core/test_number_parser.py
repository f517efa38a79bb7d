"""One reader of numbers (core.numbers.parse_number) and the form field over it (core.forms.AmountField):
ASCII digits in the Dutch or the plain notation, within the field's digits; everything else is
refused with a Dutch message (issue 12, hole 6; issue 14)."""

from decimal import Decimal

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from core.forms import AmountField
from core.numbers import NumberError, parse_number
from core.templatetags.nl import format_number

AMOUNTS = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.500,50", Decimal("12500.50")),
        ("75.000", Decimal("75000")),
        ("12500,50", Decimal("12500.50")),
        ("12500.50", Decimal("12500.50")),
        ("12500", Decimal("12500")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("0,5", Decimal("0.5")),
        ("1.5", Decimal("1.5")),
        (" € 1.000 ", Decimal("1000")),
        ("12,500", Decimal("12.50")),
    ],
)
def test_dutch_and_plain_notation_are_read(text, value):
    assert parse_number(text, max_digits=14, decimal_places=2) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12,500.50", "op zijn Nederlands"),
        ("1.2.3", "geen getal"),
        ("1_000", "geen getal"),
        ("١٢٣", "alleen de cijfers 0 tot en met 9"),
        ("１２３", "alleen de cijfers 0 tot en met 9"),
        ("12a", "geen getal"),
        ("1e5", "geen getal"),
        ("NaN", "geen getal"),
        ("Infinity", "geen getal"),
        ("", "Vul een getal in"),
        ("   ", "Vul een getal in"),
        ("-", "geen getal"),
        ("12.50.1", "geen getal"),
        ("99999999999999999999,99", "te groot"),
        ("1,001", "te veel cijfers achter de komma"),
        ("-5", "negatief"),
        ("=1+1", "geen getal"),
        ("12\x00", "geen getal"),
        ("1 000", "geen getal"),
        ("0x10", "geen getal"),
    ],
)
def test_other_text_is_refused_with_a_dutch_reason(text, reason):
    with pytest.raises(NumberError) as refused:
        parse_number(text, max_digits=14, decimal_places=2)
    assert reason in refused.value.message


def test_spreadsheet_numbers_obey_the_same_digits():
    assert parse_number(12500.5, max_digits=14, decimal_places=2) == Decimal("12500.5")
    assert parse_number(7, max_digits=14, decimal_places=2) == Decimal(7)
    for too_big in (1e20, float("inf"), float("nan"), True):
        with pytest.raises(NumberError):
            parse_number(too_big, max_digits=14, decimal_places=2)


@given(AMOUNTS)
def test_the_dutch_text_of_an_amount_reads_back_as_the_amount(amount):
    assert parse_number(format_number(amount, 2), max_digits=14, decimal_places=2) == amount


@given(AMOUNTS)
def test_the_plain_text_of_an_amount_reads_back_as_the_amount(amount):
    assert parse_number(f"{amount:f}", max_digits=14, decimal_places=2) == amount


@given(st.integers(min_value=1000, max_value=10**11))
def test_english_thousands_are_never_read_as_a_number(whole):
    english = f"{whole:,}.50"
    with pytest.raises(NumberError):
        parse_number(english, max_digits=14, decimal_places=2)


@given(
    st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=6).filter(
        lambda t: not t.isascii()
    )
)
def test_digits_other_than_ascii_are_refused(text):
    with pytest.raises(NumberError, match="0 tot en met 9"):
        parse_number(text)


@given(st.integers(min_value=13, max_value=40))
def test_more_whole_digits_than_the_field_holds_are_refused(length):
    with pytest.raises(NumberError, match="te groot"):
        parse_number("9" * length, max_digits=14, decimal_places=2)


class Form(forms.Form):
    amount = AmountField(label="Bedrag", min_value=Decimal("0.01"))


def test_amount_field_reads_the_dutch_notation():
    assert AmountField().clean("12.500,50") == Decimal("12500.50")
    assert AmountField().clean("75.000") == Decimal("75000")


@pytest.mark.parametrize("text", ["12,500.50", "1.2.3", "tien euro", "1_000", "٣"])
def test_amount_field_refuses_other_text_in_dutch(text):
    with pytest.raises(forms.ValidationError) as refused:
        AmountField().clean(text)
    assert any(
        word in refused.value.messages[0]
        for word in ("Nederlands", "geen getal", "cijfers 0 tot en met 9")
    )


def test_a_redisplayed_form_shows_the_amount_the_dutch_way():
    form = Form(data={"amount": "12500.5"})
    assert form.is_valid()
    assert 'value="12.500,50"' in str(form["amount"])
    assert 'value="1.000,00"' in str(Form(initial={"amount": Decimal("1000.00")})["amount"])
    refused = Form(data={"amount": "12,500.50"})
    assert not refused.is_valid() and 'value="12,500.50"' in str(
        refused["amount"]
    )  # what was typed, to correct
    assert 'inputmode="decimal"' in str(refused["amount"]) and 'type="text"' in str(
        refused["amount"]
    )
