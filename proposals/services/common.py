"""What the areas of proposals.services share: the statuses, the numbering of proposals and the fund lock."""

from collections.abc import Iterable

from fund.models import Fund
from proposals.models import (
    Proposal,
)

S = Proposal.Status


def fund_prefix(fund: Fund) -> str:
    """TF for the Tijdelijk Fonds (and other regional funds), EK for one-off, SPUK for a SPUK."""
    return {Fund.Kind.REGIONAL: "TF", Fund.Kind.ONE_OFF: "EK", Fund.Kind.SPUK: "SPUK"}[fund.kind]


def lock_fund(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


def next_number(prefix: str, existing: Iterable[str]) -> str:
    highest = 0
    for number in existing:
        tail = number.rsplit("-", 1)[-1]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return f"{prefix}-{highest + 1:03d}"
