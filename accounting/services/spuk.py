"""The SPUK budget division (seed 004 §6.4), its explanations, and the costs paid from it directly
(process costs, vacatiegeld)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from djmoney.money import Money

from accounting.exceptions import AccountingError, DivisionError
from accounting.models import (
    BudgetPart,
    EntryKind,
    JournalEntry,
    JournalLine,
    SpukBudgetDivision,
    SpukBudgetLine,
    SpukExplanation,
    VacationFee,
)
from accounting.selectors.spuk import division_check
from accounting.services.ledger import (
    A,
    Line,
    _check_booking_date,
    _check_fund,
    _lock_fund,
    _post,
    _sum,
)
from core.templatetags.nl import format_euro
from fund.models import Fund, Tranche


@dataclass(frozen=True)
class DivisionLineInput:
    part: str
    label: str
    amount: Decimal
    region_id: int | None = None
    proposal_id: int | None = None


@transaction.atomic
def spuk_division_save(
    *, fund: Fund, year: int, lines: list[DivisionLineInput], user
) -> SpukBudgetDivision:
    """Replace the lines of a draft division (an adopted division is final)."""
    fund = _lock_fund(fund)
    if fund.kind != Fund.Kind.SPUK:
        raise DivisionError(
            f"{fund} is geen SPUK; een begrotingsverdeling hoort bij een specifieke uitkering."
        )
    if not Tranche.objects.filter(fund=fund, year=year).exists():
        raise DivisionError(f"{fund} heeft geen uitkering voor {year}.")
    division, _ = SpukBudgetDivision.objects.get_or_create(fund=fund, year=year)
    if division.status == SpukBudgetDivision.Status.ADOPTED:
        raise DivisionError(f"De verdeling {year} is vastgesteld en verandert niet meer.")
    labels = [line.label.strip() for line in lines]
    if len(set(labels)) != len(labels):
        raise DivisionError("Elke regel van de verdeling heeft een eigen omschrijving.")
    if any(line.amount < 0 for line in lines):
        raise DivisionError("Een begrotingsregel kan niet negatief zijn.")
    division.lines.all().delete()
    SpukBudgetLine.objects.bulk_create(
        SpukBudgetLine(
            division=division,
            part=line.part,
            label=line.label.strip(),
            amount=Money(line.amount, "EUR"),
            region_id=line.region_id,
            proposal_id=line.proposal_id,
            position=i,
        )
        for i, line in enumerate(lines)
    )
    return division


@transaction.atomic
def spuk_division_adopt(
    *, division: SpukBudgetDivision, user, deviation_note: str = ""
) -> SpukBudgetDivision:
    """seed 004 §6.4: Rotterdam decides. It must add up to the grant; a 10% rule not met needs a reason."""
    _lock_fund(division.fund)
    check = division_check(division)
    blocking = [f.message for f in check.findings if f.blocking]
    if blocking:
        raise DivisionError(" ".join(blocking))
    if check.deviations and not deviation_note.strip():
        raise DivisionError(
            "De verdeling wijkt af van de 10%-regels: "
            + " ".join(f.message for f in check.deviations)
            + " Licht de afwijking toe om de verdeling toch vast te stellen."
        )
    changed = SpukBudgetDivision.objects.filter(
        pk=division.pk, status=SpukBudgetDivision.Status.DRAFT
    ).update(
        status=SpukBudgetDivision.Status.ADOPTED,
        adopted_at=timezone.now(),
        adopted_by=user,
        deviation_note=deviation_note.strip(),
    )
    if changed != 1:
        raise DivisionError("Deze verdeling is zojuist al vastgesteld.")
    division.refresh_from_db()
    return division


EXPLANATION_MAX_LENGTH = 2000


@transaction.atomic
def spuk_explanation_save(*, line: SpukBudgetLine, year: int, text: str, user) -> SpukExplanation:
    """SiSa: the coordinator explains (or explains anew) why a budget line's spending deviates in a
    verantwoording year; one explanation per line and year, the latest text counts."""
    text = text.strip()
    if not text:
        raise AccountingError(
            f"Schrijf een toelichting bij {line.label}; een lege toelichting wordt niet opgeslagen."
        )
    if len(text) > EXPLANATION_MAX_LENGTH:
        raise AccountingError(
            f"Een toelichting is ten hoogste {EXPLANATION_MAX_LENGTH} tekens; deze heeft er {len(text)}."
        )
    if year < line.division.year:
        raise AccountingError(
            f"{line.label} hoort bij de uitkering {line.division.year}; een toelichting over {year} kan niet."
        )
    explanation, _ = SpukExplanation.objects.update_or_create(
        line=line, year=year, defaults={"text": text, "entered_by": user}
    )
    return explanation


# -- costs paid from the division directly (SPUK part 1) -----------------------------------


@transaction.atomic
def direct_expense_book(
    *,
    fund: Fund,
    year: int,
    amount: Decimal,
    description: str,
    user,
    budget_line: SpukBudgetLine | None = None,
    booked_on=None,
) -> JournalEntry:
    """Process and coordination costs paid directly (SPUK part 1), not through a project award."""
    fund = _lock_fund(fund)
    if amount <= 0:
        raise AccountingError("Het bedrag moet groter dan nul zijn.")
    entry = _post(
        fund=fund,
        kind=EntryKind.DIRECT_EXPENSE,
        user=user,
        booked_on=booked_on,
        description=description,
        lines=[
            Line(A.DIRECT_COSTS, amount, year, budget_line=budget_line),
            Line(A.BANK, -amount, year, budget_line=budget_line),
        ],
    )
    _check_fund(fund)
    return entry


@transaction.atomic
def vacation_fee_pay(
    *,
    fund: Fund,
    year: int,
    expert: str,
    meeting: str,
    meeting_date: dt.date,
    hours: Decimal,
    rate: Decimal,
    user,
    building_team=None,
    booked_on=None,
) -> VacationFee:
    """seed 004 §6.4 step 6: experts who work on a building team's plans are paid by the hour
    (vacatiegeld) from part 1d of the year's adopted division; the payment is booked at once and
    may not exceed what is left on that line."""
    fund = _lock_fund(fund)
    if not expert.strip() or not meeting.strip():
        raise AccountingError("Vul de expert en de bijeenkomst in.")
    if hours <= 0 or rate <= 0:
        raise AccountingError("Uren en tarief moeten groter dan nul zijn.")
    _check_booking_date(fund, meeting_date, "datum van de bijeenkomst")
    line = (
        SpukBudgetLine.objects.filter(
            division__fund=fund,
            division__year=year,
            part=BudgetPart.PROCESS_EXPERTS,
            division__status=SpukBudgetDivision.Status.ADOPTED,
        )
        .order_by("position")
        .first()
    )
    if line is None:
        raise AccountingError(
            f"De verdeling {year} is niet vastgesteld of heeft geen post 1d (uren experts, vacatiegeld)."
        )
    amount = (hours * rate).quantize(Decimal("0.01"))
    spent = -_sum(
        JournalLine.objects.filter(entry__fund=fund, budget_line=line, account__code=A.BANK)
    )
    if spent + amount > line.amount.amount:
        raise AccountingError(
            f"Op post 1d ({line.label}) is nog {format_euro(line.amount.amount - spent)} over; "
            f"{format_euro(amount)} past daar niet in."
        )
    entry = direct_expense_book(
        fund=fund,
        year=year,
        amount=amount,
        user=user,
        budget_line=line,
        booked_on=booked_on,
        description=f"Vacatiegeld {expert.strip()}: {hours.normalize():f} uur à "
        f"{format_euro(rate)} ({meeting.strip()}, {meeting_date:%-d-%-m-%Y})",
    )
    return VacationFee.objects.create(
        fund=fund,
        year=year,
        expert=expert.strip(),
        meeting=meeting.strip(),
        meeting_date=meeting_date,
        building_team=building_team,
        hours=hours,
        rate=Money(rate, "EUR"),
        amount=Money(amount, "EUR"),
        budget_line=line,
        entry=entry,
        created_by=user,
    )
