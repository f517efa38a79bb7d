"""Reads of PxQ budget requests: the waiting lists a request gives as its reason (seed 002 §2.2 rule 6)."""

from dataclasses import dataclass
from decimal import Decimal

from allocations.models import ForecastLine, ForecastSubmission


@dataclass
class WaitingRow:
    """seed 002 §2.2 rules 4 and 6: a product's waiting list in the latest forecast and its trend."""

    product: object
    clients: int
    weeks: Decimal
    previous: int | None

    @property
    def trend(self) -> str:
        if self.previous is None:
            return "eerste prognose"
        if self.clients > self.previous:
            return f"stijgt (was {self.previous})"
        if self.clients < self.previous:
            return f"daalt (was {self.previous})"
        return "gelijk"


@dataclass
class WaitingLists:
    submission: object | None
    previous: object | None
    rows: list[WaitingRow]

    @property
    def total(self) -> int:
        return sum(r.clients for r in self.rows)

    @property
    def previous_total(self) -> int | None:
        return None if self.previous is None else sum(r.previous or 0 for r in self.rows)


def request_waiting_lists(budget_request) -> WaitingLists:
    """The waiting list per product from the provider's latest current forecast of the request's fund and
    year, beside the one before it (the trend). Two queries."""
    submissions = list(
        ForecastSubmission.objects.filter(
            provider=budget_request.provider_id,
            year=budget_request.year,
            fund=budget_request.fund_id,
            is_current=True,
        ).order_by("-month")[:2]
    )
    if not submissions:
        return WaitingLists(None, None, [])
    lines = (
        ForecastLine.objects.filter(submission__in=submissions)
        .select_related("product")
        .order_by("product__code")
    )
    latest, before = {}, {}
    for line in lines:
        (latest if line.submission_id == submissions[0].pk else before)[line.product_id] = line
    rows = [
        WaitingRow(
            line.product,
            line.waiting_list,
            line.waiting_weeks,
            before[pid].waiting_list if pid in before else None,
        )
        for pid, line in latest.items()
    ]
    return WaitingLists(submissions[0], submissions[1] if len(submissions) > 1 else None, rows)
