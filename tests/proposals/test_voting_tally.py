from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proposals.voting import tally


def test_all_yes_is_consensus():
    result = tally({"a": "yes", "b": "yes"}, {"a": 1, "b": 5})
    assert result.consensus and result.adopted
    assert result.rule == "consensus"
    assert result.yes_share == 1


def test_exactly_two_thirds_adopts_without_consensus():
    result = tally({"a": "yes", "b": "yes", "c": "no"}, {"a": 1, "b": 1, "c": 1})
    assert result.yes_share == Fraction(2, 3)
    assert result.adopted and not result.consensus
    assert result.rule == "two_thirds"


def test_just_below_two_thirds_rejects():
    result = tally({"a": "yes", "c": "no"}, {"a": Decimal("1.9999999999"), "c": Decimal("1")})
    assert result.yes_share < Fraction(2, 3)
    assert not result.adopted
    assert result.rule == "rejected"


def test_decimal_weights_that_are_two_thirds_exactly_adopt():
    # 0.2 + 0.4 = 0.6 against 0.3: floats would give 0.6666666666666666 < 2/3 problems
    result = tally(
        {"a": "yes", "b": "yes", "c": "no"},
        {"a": Decimal("0.2"), "b": Decimal("0.4"), "c": Decimal("0.3")},
    )
    assert result.yes_share == Fraction(2, 3)
    assert result.adopted


def test_abstain_does_not_count_but_breaks_consensus():
    result = tally({"a": "yes", "b": "abstain"}, {"a": 1, "b": 100})
    assert result.yes_share == 1
    assert result.adopted and not result.consensus
    assert result.rule == "two_thirds"


def test_only_abstentions_reject():
    result = tally({"a": "abstain"}, {"a": 1})
    assert not result.adopted and not result.consensus
    assert result.yes_share == 0


def test_no_votes_reject():
    result = tally({}, {"a": 1})
    assert not result.adopted and not result.consensus


def test_heavy_no_vote_rejects_majority_of_heads():
    result = tally({"a": "yes", "b": "yes", "c": "no"}, {"a": 1, "b": 1, "c": 2})
    assert result.yes_share == Fraction(1, 2)
    assert not result.adopted


def test_unknown_choice_and_missing_weight_are_refused():
    with pytest.raises(ValueError, match="Onbekende stem"):
        tally({"a": "maybe"}, {"a": 1})
    with pytest.raises(ValueError, match="Geen stemgewicht"):
        tally({"a": "yes"}, {})


def test_fraction_weights_are_accepted():
    result = tally({"a": "yes", "b": "no"}, {"a": Fraction(2, 3), "b": Fraction(1, 3)})
    assert result.yes_share == Fraction(2, 3) and result.adopted


weights = st.integers(min_value=1, max_value=10**12)


@given(weights, st.integers(min_value=0, max_value=10**6))
def test_exact_two_thirds_edge_for_any_weight(unit, extra_abstain):
    # yes = 2u, no = u: exactly two thirds, always adopted; one less yes weight is never enough.
    votes = {"y": "yes", "n": "no", "x": "abstain"}
    assert tally(votes, {"y": 2 * unit, "n": unit, "x": extra_abstain}).adopted
    assert not tally(votes, {"y": 2 * unit - 1, "n": unit, "x": extra_abstain}).adopted


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=3),
        st.tuples(st.sampled_from(["yes", "no", "abstain"]), weights),
        max_size=12,
    )
)
def test_adopted_iff_consensus_or_yes_share_at_least_two_thirds(data):
    votes = {k: v[0] for k, v in data.items()}
    w = {k: Decimal(v[1]) / 1000 for k, v in data.items()}
    result = tally(votes, w)
    yes = sum((Fraction(w[k]) for k, c in votes.items() if c == "yes"), Fraction(0))
    no = sum((Fraction(w[k]) for k, c in votes.items() if c == "no"), Fraction(0))
    assert result.consensus == (bool(votes) and set(votes.values()) == {"yes"})
    expected_share = yes / (yes + no) if yes + no else Fraction(0)
    assert result.yes_share == expected_share
    assert result.adopted == (result.consensus or (yes + no > 0 and 3 * yes >= 2 * (yes + no)))


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=3),
        st.tuples(
            st.sampled_from(["yes", "no", "abstain"]), st.integers(min_value=0, max_value=10**12)
        ),
        min_size=1,
        max_size=12,
    )
)
def test_whole_cents_tally_as_the_shares_they_stand_for(data):
    votes = {k: v[0] for k, v in data.items()}
    cents = {k: v[1] for k, v in data.items()}
    total = sum(cents.values()) or 1
    in_cents, in_shares = (
        tally(votes, cents),
        tally(votes, {k: Fraction(c, total) for k, c in cents.items()}),
    )
    assert (in_cents.yes_share, in_cents.adopted, in_cents.rule) == (
        in_shares.yes_share,
        in_shares.adopted,
        in_shares.rule,
    )
    assert in_cents.yes_weight / total == in_shares.yes_weight
    assert in_cents.no_weight / total == in_shares.no_weight


def test_negative_whole_weight_is_refused():
    with pytest.raises(ValueError, match="Negatief"):
        tally({"a": "yes"}, {"a": -1})
