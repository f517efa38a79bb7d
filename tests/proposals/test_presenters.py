from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from core.templatetags.nl import format_euro, percent
from proposals.presenters import euro_whole, percent_of, share_percent


def test_share_percent_examples():
    assert share_percent(Fraction(2, 3)) == "66,67%"
    assert share_percent(Fraction(1)) == "100,00%"
    assert share_percent(Fraction(0)) == "0,00%"
    assert share_percent(Fraction(1, 800)) == "0,13%"  # 0.125% rounds half up


@given(st.fractions(min_value=0, max_value=1))
def test_share_percent_agrees_with_the_template_filter(share):
    assert share_percent(share) == percent(share, 2)


@given(
    st.decimals(
        min_value=-(10**9), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_whole_euros_read_as_the_template_filter(amount):
    assert euro_whole(amount) == format_euro(amount, 0)


def test_whole_euros_round_half_up():
    assert euro_whole(Decimal("1234.50")) == "€ 1.235"
    assert euro_whole(Decimal("1234.49")) == "€ 1.234"
    assert euro_whole(Decimal("0")) == "€ 0"


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=1, max_value=10**15))
def test_percent_of_two_integers_is_the_share_percent(part, whole):
    assert percent_of(part, whole) == share_percent(Fraction(part, whole))
