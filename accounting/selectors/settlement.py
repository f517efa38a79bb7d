"""What a settlement pays back to each municipality (seed 002 §3.2.6-7)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from accounting import rules
from accounting.exceptions import SettlementError
from accounting.models import JournalLine, Settlement, SettlementGroup, SettlementLine
from accounting.selectors.ledger import ZERO, A, K, _account_ids, _q, fund_year_figures
from core.models import Municipality
from core.templatetags.nl import format_euro


@dataclass
class SettlementRow:
    municipality: Municipality
    year: int
    contributed: Decimal
    unspent_year: Decimal
    amount: Decimal


@dataclass
class SettlementPreview:
    group: SettlementGroup
    lines: list[SettlementRow]
    confirmed: Settlement | None = None
    outstanding: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.lines), ZERO)

    def statements(self) -> list["Statement"]:
        by_municipality: dict[int, Statement] = {}
        for row in self.lines:
            statement = by_municipality.setdefault(
                row.municipality.pk, Statement(row.municipality, [])
            )
            statement.lines.append(row)
        return sorted(by_municipality.values(), key=lambda s: s.municipality.name)


@dataclass
class Statement:
    municipality: Municipality
    lines: list[SettlementRow]

    @property
    def contributed(self) -> Decimal:
        return sum((r.contributed for r in self.lines), ZERO)

    @property
    def amount(self) -> Decimal:
        return sum((r.amount for r in self.lines), ZERO)


def settlement_preview(group: SettlementGroup) -> SettlementPreview:
    """What the group's municipalities get back: per year the unspent money, split over every
    contributor not yet settled pro rata what each actually paid (seed 002 §3.2.6-7)."""
    confirmed = Settlement.objects.filter(group=group).first()
    if confirmed is not None:
        lines = [
            SettlementRow(
                line.municipality,
                line.year,
                line.contributed.amount,
                line.unspent_year.amount,
                line.amount.amount,
            )
            for line in confirmed.lines.select_related("municipality")
        ]
        return SettlementPreview(group=group, lines=lines, confirmed=confirmed)
    members = list(group.members.select_related("municipality"))
    if not members:
        raise SettlementError(f"{group} heeft geen gemeenten.")
    years = {y.year: y for y in fund_year_figures(group.fund)}
    received: dict[int, dict[int, Decimal]] = defaultdict(dict)
    ids = _account_ids()
    for year, municipality_id, amount in (
        JournalLine.objects.filter(
            entry__fund=group.fund,
            account_id=ids.get(A.BANK),
            entry__kind=K.CONTRIBUTION_RECEIVED,
            municipality__isnull=False,
        )
        .values("year", "municipality_id")
        .annotate(total=Sum("amount"))
        .values_list("year", "municipality_id", "total")
    ):
        received[year][municipality_id] = _q(amount)
    settled = set(
        SettlementLine.objects.filter(settlement__group__fund=group.fund).values_list(
            "year", "municipality_id"
        )
    )
    lines = []
    outstanding = ZERO
    first = min(m.from_year for m in members)
    last = max(m.to_year for m in members)
    for year in range(first, last + 1):
        figures = years.get(year)
        in_year = {
            m.municipality_id: m.municipality for m in members if m.from_year <= year <= m.to_year
        }
        if figures is None or not in_year:
            continue
        outstanding += figures.outstanding
        if figures.unspent < 0:
            raise SettlementError(
                f"In {year} is {format_euro(-figures.unspent)} meer uitgegeven of verplicht dan er ontvangen is; "
                f"boek eerst een budgetuitwisseling tussen de jaren."
            )
        open_contributors = {
            m: a for m, a in received.get(year, {}).items() if (year, m) not in settled
        }
        parts = rules.settlement_split(
            unspent=figures.unspent,
            received=open_contributors,
            members=set(in_year),
            unit=Decimal("0.01"),
        )
        for municipality_id, municipality in sorted(in_year.items(), key=lambda kv: kv[1].name):
            if municipality_id in parts:
                lines.append(
                    SettlementRow(
                        municipality,
                        year,
                        open_contributors[municipality_id],
                        figures.unspent,
                        parts[municipality_id],
                    )
                )
    return SettlementPreview(group=group, lines=lines, outstanding=outstanding)
