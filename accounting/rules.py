"""Pure rules of the books: no ORM, no request (seed 002 §3.2, seed 004 §6.4)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from accounting.models import BudgetPart  # TextChoices only, no queries
from core.templatetags.nl import format_euro
from fund.allocation import split_pro_rata

TEN_PERCENT = Fraction(1, 10)


@dataclass(frozen=True)
class Finding:
    """A check on a SPUK division. `blocking` ones stop adoption; the others need a justification."""

    rule: str
    message: str
    blocking: bool


def division_findings(
    *, grant: Decimal, lines: Iterable[tuple[str, Decimal]], unit: Decimal = Decimal("1")
) -> list[Finding]:
    """seed 004 §6.4: the division adds up to the grant; themes keep 10% unforeseen; 10% unforeseen.

    A 10% rule is met when the amount is within one rounding unit of exactly 10%.
    """
    lines = list(lines)
    total = sum((a for _, a in lines), Decimal(0))
    findings = []
    if total != grant:
        findings.append(
            Finding(
                "total",
                f"De verdeling telt op tot {format_euro(total)}, de uitkering is {format_euro(grant)} "
                f"(verschil {format_euro(grant - total)}).",
                True,
            )
        )
    themes = sum(
        (a for p, a in lines if p in (BudgetPart.THEME, BudgetPart.THEME_UNFORESEEN)), Decimal(0)
    )
    theme_unforeseen = sum((a for p, a in lines if p == BudgetPart.THEME_UNFORESEEN), Decimal(0))
    if themes:
        expected = Fraction(themes) * TEN_PERCENT
        if abs(Fraction(theme_unforeseen) - expected) >= unit:
            findings.append(
                Finding(
                    "theme_unforeseen",
                    f"Van de thema's ({format_euro(themes)}) is {format_euro(theme_unforeseen)} onvoorzien; "
                    f"de regel is 10% ({format_euro(_decimal(expected))}).",
                    False,
                )
            )
    unforeseen = sum((a for p, a in lines if p == BudgetPart.UNFORESEEN), Decimal(0))
    expected = Fraction(grant) * TEN_PERCENT
    if abs(Fraction(unforeseen) - expected) >= unit:
        findings.append(
            Finding(
                "unforeseen",
                f"Onvoorzien (onderdeel 4) is {format_euro(unforeseen)}; de regel is 10% van de uitkering "
                f"({format_euro(_decimal(expected))}).",
                False,
            )
        )
    return findings


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def report_deadline(project_end: dt.date) -> dt.date:
    """seed 004 §6.4 (4.3): the report is due before 1 March of the year after the project ends.

    Returns 1 March itself: the report is on time when received *before* that day.
    """
    return dt.date(project_end.year + 1, 3, 1)


class ReportState:
    RUNNING = "running"
    DUE = "due"
    OVERDUE = "overdue"
    RECEIVED = "received"
    RECEIVED_LATE = "received_late"

    LABELS = {
        RUNNING: "Project loopt nog",
        DUE: "Te verwachten",
        OVERDUE: "Te laat",
        RECEIVED: "Ontvangen",
        RECEIVED_LATE: "Te laat ontvangen",
    }
    BADGES = {RUNNING: "", DUE: "amber", OVERDUE: "red", RECEIVED: "green", RECEIVED_LATE: "amber"}


def report_state(
    *,
    project_end: dt.date,
    delivered_on: dt.date | None,
    today: dt.date,
    deadline: dt.date | None = None,
) -> str:
    """`deadline` is the day on which the report is late; by default 1 March after the project."""
    deadline = deadline or report_deadline(project_end)
    if delivered_on is not None:
        return ReportState.RECEIVED if delivered_on < deadline else ReportState.RECEIVED_LATE
    if today >= deadline:
        return ReportState.OVERDUE
    if today > project_end:
        return ReportState.DUE
    return ReportState.RUNNING


def settlement_split(
    *, unspent: Decimal, received: dict, members: set, unit: Decimal = Decimal("0.01")
) -> dict:
    """One year of a settlement: split what is unspent over every contributor not yet settled,
    pro rata what each actually paid, and return the parts of `members` (seed 002 §3.2.6-7).

    Splitting over all open contributors first keeps a group's part independent of when the
    others settle, and the parts of all groups together add up exactly to the unspent amount.
    """
    weights = {m: amount for m, amount in received.items() if amount > 0}
    if not weights or unspent == 0:
        return {m: Decimal(0) for m in members if m in received}
    parts = split_pro_rata(unspent, weights, unit=unit)
    return {m: parts.get(m, Decimal(0)) for m in members if m in received}
