"""Every entry balances; booked rows are never changed or deleted; mistakes are reversed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Sum
from djmoney.money import Money

from accounting.exceptions import AccountingError, FundOverdrawn, UnbalancedEntry
from accounting.models import Account, EntryKind, JournalEntry, JournalLine
from accounting.selectors.ledger import fund_year_figures
from accounting.services.awards import payment_make
from accounting.services.ledger import Line, entry_post, entry_reverse
from core.exceptions import WriteOnceError
from tests.accounting.factories import committed, funded

pytestmark = pytest.mark.django_db


def unbalanced_entries():
    return list(
        JournalLine.objects.values("entry_id").annotate(total=Sum("amount")).exclude(total=0)
    )


def test_every_booked_entry_balances_and_balances_come_from_the_lines():
    fund, municipalities = funded()
    assert JournalEntry.objects.filter(fund=fund).count() == 2 + 6  # two charges, six receipts
    assert unbalanced_entries() == []
    figures = {y.year: y for y in fund_year_figures(fund)}
    assert figures[2016].charged == figures[2016].received == Decimal("1000000")
    assert figures[2017].charged == Decimal("3000000")
    assert figures[2017].remaining == Decimal("3000000")


def test_an_unbalanced_entry_is_refused_and_nothing_is_saved():
    fund, municipalities = funded()
    before = JournalEntry.objects.count()
    with pytest.raises(UnbalancedEntry, match="niet in evenwicht"):
        entry_post(
            fund=fund,
            kind=EntryKind.DIRECT_EXPENSE,
            user=None,
            description="fout",
            lines=[Line("direct_costs", Decimal("10"), 2016), Line("bank", Decimal("-9.99"), 2016)],
        )
    assert JournalEntry.objects.count() == before


def test_booked_rows_cannot_be_edited_or_deleted_through_the_models():
    fund, _ = funded()
    entry = JournalEntry.objects.filter(fund=fund).first()
    line = entry.lines.first()
    entry.description = "gewijzigd"
    with pytest.raises(WriteOnceError):
        entry.save()
    line.amount = Money(1, "EUR")
    with pytest.raises(WriteOnceError):
        line.save()
    with pytest.raises(WriteOnceError):
        line.delete()
    with pytest.raises(WriteOnceError):
        JournalLine.objects.filter(pk=line.pk).update(year=2099)
    with pytest.raises(WriteOnceError):
        JournalEntry.objects.filter(pk=entry.pk).delete()
    assert JournalLine.objects.get(pk=line.pk).amount == entry.lines.get(pk=line.pk).amount


def test_the_database_refuses_an_update_of_a_booked_line():
    fund, _ = funded()
    line = JournalLine.objects.filter(entry__fund=fund).first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounting_journalline SET amount = amount + 1 WHERE id = %s", [line.pk]
        )
    assert unbalanced_entries() == []


def test_a_delete_of_a_booked_line_is_refused_by_the_model_and_on_postgresql_by_the_database():
    fund, _ = funded()
    line = JournalLine.objects.filter(entry__fund=fund).first()
    with pytest.raises(WriteOnceError):
        JournalLine.objects.filter(pk=line.pk).delete()
    if (
        connection.vendor == "postgresql"
    ):  # SQLite has no TRUNCATE: a DELETE trigger would break test flushes
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM accounting_journalline WHERE id = %s", [line.pk])
    assert JournalLine.objects.filter(pk=line.pk).exists()


def test_the_database_refuses_a_zero_line():
    fund, _ = funded()
    entry = JournalEntry.objects.filter(fund=fund).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalLine.objects.create(
            entry=entry, account=Account.objects.get(code="bank"), amount=Money(0, "EUR"), year=2016
        )


def test_a_mistake_is_corrected_by_a_reversing_entry():
    fund, municipalities = funded()
    receipt = JournalEntry.objects.filter(
        fund=fund, kind=EntryKind.CONTRIBUTION_RECEIVED, lines__year=2017
    ).first()
    received_before = {y.year: y.received for y in fund_year_figures(fund)}[2017]
    receipt_amount = receipt.lines.get(account__code="bank").amount.amount
    reversal = entry_reverse(entry=receipt, user=None, reason="Dubbel geboekt")
    assert reversal.reverses == receipt and reversal.kind == receipt.kind
    assert sorted(line.amount.amount for line in reversal.lines.all()) == sorted(
        -line.amount.amount for line in receipt.lines.all()
    )
    assert {y.year: y.received for y in fund_year_figures(fund)}[
        2017
    ] == received_before - receipt_amount
    assert JournalEntry.objects.filter(pk=receipt.pk).exists()  # the original stays
    with pytest.raises(AccountingError, match="al tegengeboekt"):
        entry_reverse(entry=receipt, user=None, reason="nog eens")
    with pytest.raises(AccountingError, match="zelf een tegenboeking"):
        entry_reverse(entry=reversal, user=None, reason="terug")
    assert unbalanced_entries() == []


def test_a_reversal_that_would_overdraw_the_fund_is_refused(django_user_model):
    from tests.accounting.factories import AwardFactory
    from tests.proposals.factories import ProposalFactory

    fund, _ = funded(amounts={2016: Decimal("100000")})
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="awarded"),
        year=2016,
        amount=Money(Decimal("100000"), "EUR"),
    )
    committed(award)
    payment_make(award=award, amount=Decimal("60000"), final=False, user=None)
    charge = JournalEntry.objects.get(fund=fund, kind=EntryKind.CONTRIBUTION_CHARGED)
    with pytest.raises(FundOverdrawn):
        entry_reverse(entry=charge, user=None, reason="Verkeerd", booked_on=dt.date(2016, 5, 1))
    assert not JournalEntry.objects.filter(reverses=charge).exists()


def test_a_one_sided_line_is_refused_by_the_service_and_on_postgresql_by_the_database():
    fund, _ = funded()
    with pytest.raises(UnbalancedEntry):
        entry_post(
            fund=fund,
            kind=EntryKind.DIRECT_EXPENSE,
            lines=[Line("bank", Decimal("1"), 2016)],
            description="eenzijdig",
            user=None,
        )
    entry = JournalEntry.objects.filter(fund=fund).first()
    lines_before = JournalLine.objects.count()
    if connection.vendor == "postgresql":  # a deferred constraint trigger, checked at commit
        with pytest.raises(IntegrityError, match="does not balance"), transaction.atomic():
            JournalLine.objects.create(
                entry=entry,
                account=Account.objects.get(code="bank"),
                amount=Money(1, "EUR"),
                year=2016,
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET CONSTRAINTS journal_entry_balances IMMEDIATE"
                )  # check now, not at commit
    assert JournalLine.objects.count() == lines_before and unbalanced_entries() == []
