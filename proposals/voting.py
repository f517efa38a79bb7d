"""Weighted voting in the PHO Maatschappij (seed 002 §3.2), in exact arithmetic."""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

TWO_THIRDS = Fraction(2, 3)
CHOICES = ("yes", "no", "abstain")


@dataclass(frozen=True)
class Tally:
    adopted: bool
    consensus: bool
    yes_share: Fraction  # yes weight / (yes + no weight); abstentions do not count
    yes_weight: Fraction
    no_weight: Fraction
    abstain_weight: Fraction
    votes_cast: int

    @property
    def rule(self) -> str:
        """Which rule decided: "consensus", "two_thirds" or "rejected"."""
        if self.consensus:
            return "consensus"
        return "two_thirds" if self.adopted else "rejected"


def tally(
    votes: Mapping[Hashable, str], weights: Mapping[Hashable, Decimal | int | Fraction]
) -> Tally:
    """Consensus when every vote cast is yes; otherwise adopted when the yes weight is at least two
    thirds of the yes + no weight. Exactly two thirds adopts, whatever the weights.
    """
    sums: dict[str, int | Fraction] = {choice: 0 for choice in CHOICES}
    for key, choice in votes.items():
        if choice not in sums:
            raise ValueError(f"Onbekende stem {choice!r} voor {key!r}.")
        if key not in weights:
            raise ValueError(f"Geen stemgewicht voor {key!r}.")
        weight = weights[key]
        if type(weight) is not int:  # whole numbers (cents) add up exactly and fast as they are
            weight = Fraction(weight)
        if weight < 0:
            raise ValueError(f"Negatief stemgewicht voor {key!r}.")
        sums[choice] += weight
    sums = {choice: Fraction(total) for choice, total in sums.items()}
    counted = sums["yes"] + sums["no"]
    yes_share = sums["yes"] / counted if counted else Fraction(0)
    consensus = bool(votes) and all(choice == "yes" for choice in votes.values())
    adopted = consensus or (counted > 0 and yes_share >= TWO_THIRDS)
    return Tally(
        adopted=adopted,
        consensus=consensus,
        yes_share=yes_share,
        yes_weight=sums["yes"],
        no_weight=sums["no"],
        abstain_weight=sums["abstain"],
        votes_cast=len(votes),
    )
