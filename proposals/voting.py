"""Weighted voting in the PHO Maatschappij (seed 002 §3.2), in exact arithmetic.

The seed: a binding advice by consensus; without consensus a two-thirds majority of the votes,
each portfolio holder's vote weighted by the municipality's share in the youth-care budget. The
seed defines neither consensus nor the base of "two thirds"; our rule (DOMAIN.md §1):

- the members are every municipality that takes part in the fund in the weighing year, each with
  its weight; a member that did not vote stays away;
- basis ALL_MEMBERS (the default): consensus is every member voting yes (an abstention or staying
  away is no consent); otherwise adopted when the yes weight is at least two thirds of the weight
  of all members, so staying away never lets a minority decide;
- basis CAST: the yes weight is counted against the yes + no weight, and nothing is adopted
  (consensus included) unless the members who took part hold at least the quorum of the weight.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from core.templatetags.nl import format_number

TWO_THIRDS = Fraction(2, 3)
CHOICES = ("yes", "no", "abstain")
ALL_MEMBERS = "all_members"
CAST = "cast"
BASES = (ALL_MEMBERS, CAST)


@dataclass(frozen=True)
class Tally:
    adopted: bool
    consensus: bool
    # the yes weight as a share of the basis: of all members' weight (ALL_MEMBERS) or of the
    # yes + no weight (CAST); abstentions never count for yes
    yes_share: Fraction
    yes_weight: Fraction
    no_weight: Fraction
    abstain_weight: Fraction
    votes_cast: int  # members who voted (yes, no or abstain)
    members: int = 0  # every member of the vote
    total_weight: Fraction = Fraction(0)  # the weight of all members
    basis: str = ALL_MEMBERS
    quorum: Fraction | None = None  # CAST: the share of the members' weight that must take part

    @property
    def rule(self) -> str:
        """Which rule decided: "consensus", "two_thirds" or "rejected"."""
        if self.consensus:
            return "consensus"
        return "two_thirds" if self.adopted else "rejected"

    @property
    def turnout_weight(self) -> Fraction:
        """The weight of the members who voted (an abstention is taking part)."""
        return self.yes_weight + self.no_weight + self.abstain_weight

    @property
    def turnout_share(self) -> Fraction:
        """The members who voted, as a share of the weight of all members."""
        return self.turnout_weight / self.total_weight if self.total_weight else Fraction(0)

    @property
    def quorum_met(self) -> bool:
        """CAST: enough of the members' weight took part; ALL_MEMBERS needs no quorum."""
        if self.basis != CAST:
            return True
        return self.total_weight > 0 and self.turnout_share >= (self.quorum or 0)

    @property
    def not_voted(self) -> int:
        return self.members - self.votes_cast


def _exact(key, weight) -> int | Fraction:
    if type(weight) is not int:  # whole numbers (cents) add up exactly and fast as they are
        weight = Fraction(weight)
    if weight < 0:
        raise ValueError(f"Negatief stemgewicht voor {key!r}.")
    return weight


def tally(
    votes: Mapping[Hashable, str],
    weights: Mapping[Hashable, Decimal | int | Fraction],
    *,
    basis: str = ALL_MEMBERS,
    quorum: Fraction | Decimal | int | None = None,
) -> Tally:
    """`weights` holds every member (key -> weight), `votes` the members who voted (key -> "yes",
    "no" or "abstain"); a member missing from `votes` did not vote. Exactly two thirds adopts.

    A vote of a key that is not a member is a ValueError, as is an unknown choice or basis.
    """
    if basis not in BASES:
        raise ValueError(f"Onbekende grondslag {basis!r}.")
    if basis == CAST:
        if quorum is None:
            raise ValueError("Bij stemmen over de uitgebrachte stemmen hoort een quorum.")
        quorum = Fraction(quorum)
        if not 0 <= quorum <= 1:
            raise ValueError(f"Een quorum is een aandeel tussen 0 en 1, niet {quorum}.")
    else:
        quorum = None
    sums: dict[str, int | Fraction] = {choice: 0 for choice in CHOICES}
    for key, choice in votes.items():
        if choice not in sums:
            raise ValueError(f"Onbekende stem {choice!r} voor {key!r}.")
        if key not in weights:
            raise ValueError(f"{key!r} is geen lid van deze stemming en heeft geen stemgewicht.")
        sums[choice] += _exact(key, weights[key])
    total: int | Fraction = 0
    for key, weight in weights.items():
        total += _exact(key, weight)
    yes, no, abstain = (Fraction(sums[c]) for c in CHOICES)
    total = Fraction(total)
    if basis == ALL_MEMBERS:
        yes_share = yes / total if total else Fraction(0)
        # every member voted (each key of votes is a member), and voted yes
        consensus = (
            bool(weights)
            and len(votes) == len(weights)
            and all(choice == "yes" for choice in votes.values())
        )
        adopted = consensus or (total > 0 and yes_share >= TWO_THIRDS)
    else:
        counted = yes + no
        yes_share = yes / counted if counted else Fraction(0)
        quorum_met = total > 0 and (yes + no + abstain) / total >= quorum
        consensus = quorum_met and bool(votes) and all(choice == "yes" for choice in votes.values())
        adopted = consensus or (quorum_met and counted > 0 and yes_share >= TWO_THIRDS)
    return Tally(
        adopted=adopted,
        consensus=consensus,
        yes_share=yes_share,
        yes_weight=yes,
        no_weight=no,
        abstain_weight=abstain,
        votes_cast=len(votes),
        members=len(weights),
        total_weight=total,
        basis=basis,
        quorum=quorum,
    )


def fund_basis(fund) -> dict:
    """The keyword arguments of `tally` for a fund's basis (fund.models.Fund.vote_basis)."""
    if fund.vote_basis == CAST:
        return {"basis": CAST, "quorum": fund.quorum}
    return {"basis": ALL_MEMBERS}


def basis_label(basis: str, quorum: Fraction | None = None) -> str:
    """The basis in words, for the vote page, the decision record and the letter."""
    if basis == CAST:
        percent = format_number(Fraction(quorum) * 100, 2) if quorum is not None else "?"
        return (
            "tweederde van de gewogen voor- en tegenstemmen, bij een quorum van "
            f"{percent}% van het stemgewicht van alle leden"
        )
    return "tweederde van het stemgewicht van alle leden (wie niet stemt, telt niet als voor)"
