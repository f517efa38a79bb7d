"""The fund's figures per year from its journal lines, what it can still award (the one rule),
its journal entries with what the journal page offers to book, and what a payment must know
(payment_figures)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import DecimalField, Exists, OuterRef, Q, Subquery, Sum

from accounting.models import Account, EntryKind, FundYearTotals, JournalEntry, JournalLine
from core.models import Municipality
from core.search import search
from fund.models import Fund, Tranche
from proposals.selectors import awards_for_fund

ZERO = Decimal(0)
A = Account.Code
K = EntryKind
PAYMENTS = [K.PAYMENT_ADVANCE, K.PAYMENT_FINAL]


CENT = Decimal("0.01")


def _q(value) -> Decimal:
    """SUMs come back with the database's scale (SQLite: 9 places); money has cents."""
    return (value or ZERO).quantize(CENT)


def _account_ids() -> dict[str, int]:
    return dict(Account.objects.values_list("code", "pk"))


def _s(account_id, kinds):
    kinds = [kinds] if isinstance(kinds, str) else kinds
    return Sum("amount", filter=Q(account_id=account_id, entry__kind__in=kinds), default=ZERO)


@dataclass
class YearFigures:
    year: int
    tranche: Decimal = ZERO
    charged: Decimal = ZERO
    received: Decimal = ZERO
    exchanged: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    refunded: Decimal = ZERO
    direct: Decimal = ZERO
    settled: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        """Free to commit: charged (+/- exchanged) minus commitments, direct costs and settlements."""
        return (
            self.charged
            + self.exchanged
            - self.committed
            - self.direct
            - self.settled
            + self.refunded
        )

    @property
    def outstanding(self) -> Decimal:
        """Committed to projects, not paid yet."""
        return self.committed - self.paid

    @property
    def to_receive(self) -> Decimal:
        return self.charged - self.received

    @property
    def unspent(self) -> Decimal:
        """Cash of the year that is neither paid out nor held for open commitments."""
        return (
            self.received
            + self.exchanged
            - self.paid
            + self.refunded
            - self.direct
            - self.settled
            - self.outstanding
        )

    FIELDS = (
        "tranche",
        "charged",
        "received",
        "exchanged",
        "committed",
        "paid",
        "refunded",
        "direct",
        "settled",
    )

    def __add__(self, other: "YearFigures") -> "YearFigures":
        total = YearFigures(year=0)
        for name in self.FIELDS:
            setattr(total, name, getattr(self, name) + getattr(other, name))
        return total


def fund_year_figures(fund: Fund) -> list[YearFigures]:
    """Per budget year of the fund its figures: the sums of its journal lines, kept as running totals
    by the database (FundYearTotals). Two queries."""
    return funds_year_figures([fund.pk])[fund.pk]


def funds_year_figures(fund_ids) -> dict[int, list[YearFigures]]:
    """fund_year_figures of several funds at once: per fund its years. Two queries, whatever the
    number of funds (the home page shows a bar per fund) and however long their journals: the sums
    are the running totals the database keeps per fund and year (FundYearTotals, migration 0019)."""
    fund_ids = list(fund_ids)
    years: dict[int, dict[int, YearFigures]] = {fund_id: {} for fund_id in fund_ids}
    for fund_id, year, amount in Tranche.objects.filter(fund__in=fund_ids).values_list(
        "fund_id", "year", "amount"
    ):
        years[fund_id][year] = YearFigures(year=year, tranche=_q(amount))
    for row in FundYearTotals.objects.filter(fund__in=fund_ids).values():
        figures = years[row["fund_id"]].setdefault(row["year"], YearFigures(year=row["year"]))
        figures.charged = -_q(row["charged"])
        figures.received = _q(row["received"])
        figures.exchanged = -_q(row["exchanged"])
        figures.committed = -_q(row["committed"])
        figures.paid = -_q(row["paid"])
        figures.refunded = _q(row["refunded"])
        figures.direct = -_q(row["direct"])
        figures.settled = -_q(row["settled"])
    return {fund_id: [by_year[y] for y in sorted(by_year)] for fund_id, by_year in years.items()}


@dataclass(frozen=True)
class AwardRoom:
    """What a fund can still award (seed 002 §3.2: never award more than the fund holds), the one
    rule for the award form and service, the PxQ grants, the fund overview and the meeting
    overview: the fund's tranches, minus what the books commit (awards and provider budgets, net
    of what they released), minus what was spent without an award (direct costs, settlements)
    plus what projects paid back."""

    tranches: Decimal
    committed: Decimal  # committed minus released
    spent_otherwise: Decimal  # direct costs + settlements - refunds

    @property
    def remaining(self) -> Decimal:
        return self.tranches - self.committed - self.spent_otherwise

    @classmethod
    def of(cls, total: YearFigures) -> "AwardRoom":
        """From the fund's figures summed over its years (fund_year_figures)."""
        return cls(total.tranche, total.committed, total.direct + total.settled - total.refunded)


def fund_award_room(fund: Fund) -> AwardRoom:
    """What the fund can still award, from its tranches and its books: the same figures as
    AwardRoom.of(the sum of fund_year_figures), read from the running totals the database keeps per
    fund (FundMeans, migration 0016) instead of summing the journal, so the check on a new
    commitment costs the same however long the journal grows. One query."""
    tranches = Tranche.objects.filter(fund=fund.pk).values("fund")
    row = (
        Fund.objects.filter(pk=fund.pk)
        .annotate(
            tranche_total=Subquery(
                tranches.annotate(total=Sum("amount")).values("total")[:1],
                output_field=DecimalField(max_digits=16, decimal_places=2),
            )
        )
        .values_list("tranche_total", "means__committed", "means__spent_otherwise")
        .first()
    )
    tranches_total, committed, spent_otherwise = row or (None, None, None)
    return AwardRoom(_q(tranches_total), _q(committed), _q(spent_otherwise))


JOURNAL_SEARCH_FIELDS = (
    "description",
    "lines__municipality__name",
    "lines__award__number",
    "lines__award__proposal__reference",
    "lines__award__proposal__title",
)


def journal_entries(fund: Fund, *, query: str = "", kind: str = "", year: int | None = None):
    """The fund's journal entries, newest first, searched (core.search) and filtered by kind and by
    the budget year of a line; whether each was reversed is annotated (one query per page)."""
    entries = JournalEntry.objects.filter(fund=fund)
    if kind:
        entries = entries.filter(kind=kind)
    if year is not None:
        entries = entries.filter(
            pk__in=JournalLine.objects.filter(entry__fund=fund, year=year).values("entry_id")
        )
    return (
        search(entries, query, JOURNAL_SEARCH_FIELDS)
        .select_related("created_by", "reverses")
        .annotate(reversed=Exists(JournalEntry.objects.filter(reverses=OuterRef("pk"))))
        .order_by("-pk")
    )


def journal_lines_to(entries) -> None:
    """Give each journal entry of a page its lines (`entry.line_list`, in booking order): one query."""
    by_entry: dict[int, list[JournalLine]] = defaultdict(list)
    for line in (
        JournalLine.objects.filter(entry__in=[e.pk for e in entries])
        .select_related("account", "municipality", "award")
        .order_by("entry_id", "pk")
    ):
        by_entry[line.entry_id].append(line)
    for entry in entries:
        entry.line_list = by_entry.get(entry.pk, [])


def tranche_years(fund: Fund) -> list[int]:
    """The years of the fund's tranches, in order."""
    return list(fund.tranches.values_list("year", flat=True))


def journal_years(fund: Fund) -> list[int]:
    """The years the journal filters on: every tranche's year and every year a line is booked on."""
    booked = JournalLine.objects.filter(entry__fund=fund).values_list("year", flat=True).distinct()
    return sorted(set(tranche_years(fund)) | set(booked))


def committed_awards(fund: Fund):
    """The fund's awards whose commitment is booked: those a payment or refund can be booked on."""
    committed = JournalLine.objects.filter(
        entry__fund=fund, entry__kind=EntryKind.AWARD_COMMITTED
    ).values("award_id")
    return awards_for_fund(fund).filter(pk__in=committed)


def contributing_municipalities(fund: Fund):
    """The municipalities that contribute to the fund (in any of its tranches)."""
    return Municipality.objects.filter(contributions__tranche__fund=fund).distinct()


# What a payment must know, in one read, as it costs the same however long the fund's journal is
# (issue 17: a payment's ratio to bare INSERTs; accounting.services.awards.payment_make reads it
# with the fund's row locked): the award's commitments not yet paid (its own
# lines, by an index), whether its final payment (not reversed, not a reversal) was booked, each
# line's entry looked up by its key (EXISTS: with a join, SQLite planned under statistics of a
# small journal a scan of every entry), the fund's means (the running total the database keeps,
# FundMeans) and the ids of the two accounts a payment books on. Plain SQL: as a Django
# aggregate, building this query cost more than running it.
PAYMENT_FIGURES_SQL = """
    SELECT
      (SELECT SUM(l.amount) FROM accounting_journalline l
       WHERE l.award_id = %s AND l.account_id = (SELECT id FROM accounting_account WHERE code = %s)),
      (SELECT COUNT(*) FROM accounting_journalline l
       WHERE l.award_id = %s AND EXISTS (
         SELECT 1 FROM accounting_journalentry e
         WHERE e.id = l.entry_id AND e.kind = %s AND e.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM accounting_journalentry r WHERE r.reverses_id = e.id))),
      (SELECT amount FROM accounting_fundmeans WHERE fund_id = %s),
      (SELECT id FROM accounting_account WHERE code = %s),
      (SELECT id FROM accounting_account WHERE code = %s)
"""


@dataclass(frozen=True)
class PaymentFigures:
    outstanding: Decimal  # committed to the award and not paid
    paid_final: bool
    position: Decimal  # the fund's means: received plus still to receive, minus paid out
    accounts: dict[str, int] | None  # COMMITMENTS and BANK by code; None before the chart exists


def payment_figures(fund, award) -> PaymentFigures:
    with connection.cursor() as cursor:
        cursor.execute(
            PAYMENT_FIGURES_SQL,
            [
                award.pk,
                A.COMMITMENTS,
                award.pk,
                EntryKind.PAYMENT_FINAL,
                fund.pk,
                A.COMMITMENTS,
                A.BANK,
            ],
        )
        committed, finals, means, commitments_id, bank_id = cursor.fetchone()
    return PaymentFigures(
        outstanding=-_decimal(committed),
        paid_final=bool(finals),
        position=_decimal(means),
        accounts={A.COMMITMENTS: commitments_id, A.BANK: bank_id}
        if commitments_id and bank_id
        else None,
    )


def _decimal(value) -> Decimal:
    """A sum of amounts as plain SQL gives it (SQLite: a float or an int) in cents."""
    if value is None:
        return ZERO
    return (value if isinstance(value, Decimal) else Decimal(str(value))).quantize(CENT)
