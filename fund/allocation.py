"""Dividing money pro rata: the one function that splits an amount (STYLE.md, django-hordak).

Largest-remainder rounding: every part is the exact pro-rata share rounded down to the unit,
and the units left over go to the parts with the largest remainders. The parts add up exactly
to the total, and each part is within one unit of its exact share.
"""

from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction


class AllocationError(ValueError):
    """The split cannot be made; the message says why."""


def _fraction(value) -> Fraction:
    if isinstance(value, float):
        raise AllocationError("Gewichten en bedragen zijn Decimal of int, geen float.")
    return Fraction(value)


def split_pro_rata(total, weights: Mapping[Hashable, object], unit=Decimal("1")) -> dict:
    """Split `total` over the keys of `weights`, pro rata, in multiples of `unit`.

    Returns a dict with the same keys (in the same order) and `Decimal` amounts summing to
    `total`. Ties in the remainder go to the larger weight, then to the earlier key.
    """
    total = getattr(total, "amount", total)  # accept django-money Money
    unit_f = _fraction(unit)
    if unit_f <= 0:
        raise AllocationError("De afrondingseenheid moet groter dan nul zijn.")
    total_units = _fraction(total) / unit_f
    if total_units.denominator != 1:
        raise AllocationError(f"Het bedrag {total} is geen veelvoud van de eenheid {unit}.")
    keys = list(weights)
    if not keys:
        raise AllocationError("Er is niets om over te verdelen: geen deelnemers.")
    fractions = {}
    for key in keys:
        weight = _fraction(weights[key])
        if weight < 0:
            raise AllocationError(f"Het gewicht van {key} is negatief ({weights[key]}).")
        fractions[key] = weight
    weight_sum = sum(fractions.values(), Fraction(0))
    if weight_sum == 0:
        raise AllocationError(
            "Alle gewichten zijn nul: er is geen grondslag om naar rato te verdelen."
        )

    sign = -1 if total_units < 0 else 1
    units = abs(total_units.numerator)
    shares = {key: units * w / weight_sum for key, w in fractions.items()}
    floors = {key: share.numerator // share.denominator for key, share in shares.items()}
    left = units - sum(floors.values())
    order = sorted(
        range(len(keys)),
        key=lambda i: (-(shares[keys[i]] - floors[keys[i]]), -fractions[keys[i]], i),
    )
    for i in order[:left]:
        floors[keys[i]] += 1
    unit_d = Decimal(str(unit)) if not isinstance(unit, Decimal) else unit
    return {key: (sign * floors[key]) * unit_d for key in keys}
