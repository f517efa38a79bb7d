"""Settling a fund with its municipalities; once it is settled in full, its BSNs are purged."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from djmoney.money import Money

from accounting.exceptions import SettlementError
from accounting.models import EntryKind, Settlement, SettlementGroup, SettlementLine
from accounting.selectors.settlement import settlement_preview
from accounting.services.ledger import A, Line, _check_fund, _lock_fund, _post
from allocations.services import clients as client_services
from core.templatetags.nl import format_date
from fund.models import Fund


@transaction.atomic
def settlement_confirm(*, group: SettlementGroup, user, today: dt.date | None = None) -> Settlement:
    """Book the settlement of a group: final. Then, once the whole fund is settled, purge BSNs."""
    fund = _lock_fund(group.fund)
    group = SettlementGroup.objects.select_related("fund").get(pk=group.pk)
    today = today or timezone.localdate()
    if Settlement.objects.filter(group=group).exists():
        raise SettlementError(
            f"{group} is al afgerekend; een vastgestelde afrekening is definitief."
        )
    if today <= group.settle_after:
        raise SettlementError(
            f"{group} kan pas na {format_date(group.settle_after)} worden afgerekend."
        )
    preview = settlement_preview(group)
    lines = []
    for row in preview.lines:
        if row.amount:
            lines.append(Line(A.INCOME, row.amount, row.year, row.municipality))
            lines.append(Line(A.BANK, -row.amount, row.year, row.municipality))
    # nothing to pay back (all spent): the settlement is still final, but there is nothing to book
    entry = (
        _post(
            fund=fund,
            kind=EntryKind.SETTLEMENT,
            lines=lines,
            user=user,
            description=f"Afrekening {group}",
        )
        if lines
        else None
    )
    settlement = Settlement.objects.create(
        group=group, entry=entry, confirmed_by=user, total=Money(preview.total, "EUR")
    )
    SettlementLine.objects.bulk_create(
        SettlementLine(
            settlement=settlement,
            municipality=row.municipality,
            year=row.year,
            contributed=Money(row.contributed, "EUR"),
            unspent_year=Money(row.unspent_year, "EUR"),
            amount=Money(row.amount, "EUR"),
        )
        for row in preview.lines
    )
    _check_fund(fund)
    if not SettlementGroup.objects.filter(fund=fund, settlement__isnull=True).exists():
        _purge_bsn(fund=fund, user=user)
    return settlement


def _purge_bsn(*, fund: Fund, user) -> bool:
    """Once a fund is settled the BSNs of its above-budget clients are no longer needed (AVG)."""
    client_services.bsn_purge_for_fund(fund=fund, user=user)
    return True
