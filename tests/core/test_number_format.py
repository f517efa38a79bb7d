"""Dutch amounts: `€ 1.234.567,89`, half-up rounding, the fast whole-cents path equal to the general one."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.templatetags.nl import format_cents, format_euro, format_number, format_quantity, percent


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (Decimal("0.005"), 2, "0,01"),  # half up, not half even
        (Decimal("2.5"), 0, "3"),
        (Decimal("1E+3"), 2, "1.000,00"),
        (Fraction(2, 3), 2, "0,67"),
        (1000, 0, "1.000"),
        (None, 2, ""),
    ],
)
def test_format_number(value, places, expected):
    assert format_number(value, places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("12500.50"), "12.500,50"),
        (Decimal("12500.00"), "12.500"),
        (Decimal("6000"), "6.000"),
        (Decimal("0.25"), "0,25"),
        (None, ""),
    ],
)
def test_a_quantity_shows_its_cents_only_when_it_has_them(value, expected):
    # issue 14: a PxQ quantity of 12500,50 was shown as "12.501"
    assert format_quantity(value) == expected


def test_format_euro_puts_the_sign_before_the_euro_sign():
    assert format_euro(Decimal("-1234.5")) == "-€ 1.234,50"
    assert format_cents(-123450) == "-€ 1.234,50"
    assert format_cents(5) == "€ 0,05"


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_format_cents_equals_format_euro(cents):
    assert format_cents(cents) == format_euro(Decimal(cents).scaleb(-2))


def test_percent():
    assert percent(Fraction(2, 3)) == "66,7%"


@given(
    st.decimals(
        min_value=Decimal("-99999999.999"),
        max_value=Decimal("99999999.999"),
        places=3,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_a_quantity_is_written_as_floatformat_minus_2g_wrote_it(value):
    """The forecast's detail rows (allocations.presenters) use format_quantity where the template
    used floatformat:"-2g": whole without decimals, else two, half up, with thousands points."""
    with translation.override("nl"):
        expected = floatformat(value, "-2g")
    assert format_quantity(value) == expected
