from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from core.templatetags.nl import percent
from proposals.presenters import share_percent


def test_share_percent_examples():
    assert share_percent(Fraction(2, 3)) == "66,67%"
    assert share_percent(Fraction(1)) == "100,00%"
    assert share_percent(Fraction(0)) == "0,00%"
    assert share_percent(Fraction(1, 800)) == "0,13%"  # 0.125% rounds half up


@given(st.fractions(min_value=0, max_value=1))
def test_share_percent_agrees_with_the_template_filter(share):
    assert share_percent(share) == percent(share, 2)
