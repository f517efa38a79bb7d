from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fund.allocation import AllocationError, split_pro_rata

weights_st = st.dictionaries(
    st.text(min_size=1, max_size=6),
    st.integers(min_value=0, max_value=10**9),
    min_size=1,
    max_size=40,
).filter(lambda w: sum(w.values()) > 0)


@given(
    weights=weights_st, total_units=st.integers(min_value=0, max_value=10**10), cents=st.booleans()
)
def test_parts_add_up_exactly_and_stay_within_one_unit(weights, total_units, cents):
    unit = Decimal("0.01") if cents else Decimal("1")
    total = total_units * unit
    parts = split_pro_rata(total, weights, unit=unit)
    assert list(parts) == list(weights)
    assert sum(parts.values()) == total
    weight_sum = sum(weights.values())
    for key, part in parts.items():
        exact = Fraction(total) * weights[key] / weight_sum
        assert abs(Fraction(part) - exact) < Fraction(unit)
        assert part % unit == 0


@given(weights=weights_st, total=st.integers(min_value=1, max_value=10**8))
def test_deterministic(weights, total):
    assert split_pro_rata(Decimal(total), weights) == split_pro_rata(Decimal(total), dict(weights))


def test_equal_weights_tie_goes_to_earlier_key():
    assert split_pro_rata(Decimal("10"), {"a": 1, "b": 1, "c": 1}) == {
        "a": Decimal(4),
        "b": Decimal(3),
        "c": Decimal(3),
    }


def test_tie_goes_to_larger_weight_first():
    # exact shares 1.5 and 1.5 from weights 1 and 1 would tie; with 3 units over weights 1,2: 1 and 2 exact
    assert split_pro_rata(Decimal("1"), {"small": 1, "large": 1, "x": 0}) == {
        "small": 1,
        "large": 0,
        "x": 0,
    }
    assert split_pro_rata(Decimal("1"), {"a": 2, "b": 2, "c": 4}) == {"a": 0, "b": 0, "c": 1}


def test_zero_weight_gets_nothing():
    assert split_pro_rata(Decimal("100"), {"a": 0, "b": 3})["a"] == 0


def test_negative_total_is_split_symmetrically():
    assert split_pro_rata(Decimal("-10"), {"a": 1, "b": 1, "c": 1}) == {"a": -4, "b": -3, "c": -3}


@pytest.mark.parametrize(
    ("total", "weights", "unit", "message"),
    [
        (Decimal("100"), {"a": -1, "b": 2}, Decimal("1"), "negatief"),
        (Decimal("100"), {"a": 0, "b": 0}, Decimal("1"), "Alle gewichten zijn nul"),
        (Decimal("100.5"), {"a": 1}, Decimal("1"), "geen veelvoud"),
        (Decimal("100.005"), {"a": 1}, Decimal("0.01"), "geen veelvoud"),
        (Decimal("100"), {}, Decimal("1"), "geen deelnemers"),
        (Decimal("100"), {"a": 1.5}, Decimal("1"), "geen float"),
    ],
)
def test_bad_input_gets_a_clear_error(total, weights, unit, message):
    with pytest.raises(AllocationError, match=message):
        split_pro_rata(total, weights, unit=unit)


def test_cents():
    parts = split_pro_rata(Decimal("100.00"), {"a": 1, "b": 1, "c": 1}, unit=Decimal("0.01"))
    assert parts == {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}
