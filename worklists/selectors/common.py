"""What the worklists share: items, sections, fund bars, and how counts and months are written."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Window
from django.urls import reverse

from accounting import rules as accounting_rules
from core.templatetags.nl import format_date
from fund.models import Fund

SISA_DEADLINE = (7, 15)  # SiSa: sent to CBS by 15 July of the next year


@dataclass
class Item:
    text: str  # what is to be done or seen, with the record it is about
    url: str  # the page where it is done
    detail: str = ""
    state: str = ""  # a short status label
    tone: str = ""  # "ok", "warning", "error" or "" (neutral)


SHOWN = 25  # the items a section lists; the rest are counted (national scale has thousands)


@dataclass
class Section:
    key: str
    title: str
    empty: str  # the sentence shown when nothing waits
    items: list[Item] = field(default_factory=list)
    hidden: int = 0  # items that wait too but are not listed (beyond SHOWN)

    @property
    def count(self) -> int:
        return len(self.items) + self.hidden

    def add(self, rows, make_item, *, by_id: bool = False) -> None:
        """List `rows` (a queryset, the oldest or most urgent first, or a list) after the items
        there are, up to SHOWN in all, and count the rest. A queryset costs one query at any size:
        its first SHOWN rows, each with the number of all its rows (a window count).

        `by_id`: the count and the order are read on the rows' ids alone, then the first SHOWN rows
        with what they join (select_related): one query more, for a long list of wide rows, which
        the window count would otherwise carry whole through the sort (TWO's awards without a
        beschikking at national scale: 25 ms in one query, 11 in two)."""
        if isinstance(rows, QuerySet) and by_id:
            head = list(
                rows.annotate(worklist_total=Window(Count("pk"))).values_list(
                    "pk", "worklist_total"
                )[:SHOWN]
            )
            total = head[0][1] if head else 0
            found = rows.order_by().in_bulk([pk for pk, _ in head])
            rows = [found[pk] for pk, _ in head]
        elif isinstance(rows, QuerySet):
            rows = list(rows.annotate(worklist_total=Window(Count("pk")))[:SHOWN])
            total = rows[0].worklist_total if rows else 0
        else:
            total = len(rows)
        listed = rows[: max(SHOWN - len(self.items), 0)]
        self.items.extend(make_item(row) for row in listed)
        self.hidden += total - len(listed)


@dataclass
class FundBar:
    """A fund's money over its whole term: tranches, committed, paid, and what is free to commit."""

    name: str
    url: str
    tranche: Decimal
    committed: Decimal
    paid: Decimal
    free: Decimal

    def share(self, amount: Decimal) -> Decimal:
        """Part of the tranches, in percent, for the width of a bar (0 when there are none)."""
        if self.tranche <= 0:
            return Decimal(0)
        return max(
            Decimal(0), min(Decimal(100), (amount / self.tranche * 100).quantize(Decimal("0.1")))
        )

    @property
    def committed_share(self) -> Decimal:
        return self.share(self.committed)

    @property
    def paid_share(self) -> Decimal:
        return self.share(self.paid)


@dataclass
class Worklist:
    role: str  # Role value
    title: str
    sections: list[Section]
    funds: list[FundBar] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(s.count for s in self.sections)


def count_label(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def regional_only(qs, path: str = "fund__kind"):
    """Regional funds are managed by TWO; the SPUK by its coordinating municipality."""
    return qs.exclude(**{path: Fund.Kind.SPUK})


def report_items(section: Section, rows, *, with_region: bool) -> None:
    states = accounting_rules.ReportState

    def item(row) -> Item:
        overdue = row.state == states.OVERDUE
        return Item(
            f"{row.proposal.reference} {row.proposal.title}",
            reverse("accounting:region_report", args=[row.proposal.pk]),
            detail=(f"{row.region_name}; " if with_region else "")
            + f"project eindigt {format_date(row.project_end)}; verslag vóór {format_date(row.deadline)}",
            state=row.state_label,
            tone="error" if overdue else ("warning" if row.state == states.DUE else ""),
        )

    section.add(
        [row for row in rows if row.state not in (states.RECEIVED, states.RECEIVED_LATE)], item
    )
