"""Payments to a project never exceed its awards; a fund never pays out more than it gets."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from djmoney.money import Money

from accounting.exceptions import AccountingError, FundOverdrawn, PaymentExceedsAward
from accounting.models import EntryKind, JournalEntry
from accounting.selectors.ledger import fund_award_room
from accounting.selectors.overview import fund_overview
from accounting.services.awards import award_make, payment_make, refund_receive
from accounting.services.ledger import award_outstanding, entry_reverse
from proposals.models import Award
from tests.accounting.factories import AwardFactory, committed, funded
from tests.proposals.factories import ProposalFactory


def _award(fund, amount="100000", year=2016):
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="awarded"),
        year=year,
        amount=Money(Decimal(amount), "EUR"),
    )
    committed(award)
    return award


@pytest.mark.django_db
def test_advance_and_final_payment_up_to_the_award_and_the_rest_is_released():
    fund, _ = funded()
    award = _award(fund)
    payment_make(award=award, amount=Decimal("40000"), final=False, user=None)
    payment_make(award=award, amount=Decimal("50000"), final=True, user=None)
    project = fund_overview(fund).projects[0]
    assert (project.awarded, project.committed, project.paid, project.outstanding) == (
        Decimal("100000"),
        Decimal("90000"),
        Decimal("90000"),
        Decimal("0"),
    )
    with pytest.raises(PaymentExceedsAward, match="eindbetaling al gehad"):
        payment_make(award=award, amount=Decimal("1"), final=False, user=None)


@pytest.mark.django_db
def test_a_payment_above_what_is_left_of_the_award_is_refused_with_the_amount_left():
    fund, _ = funded()
    award = _award(fund)
    payment_make(award=award, amount=Decimal("70000"), final=False, user=None)
    before = JournalEntry.objects.count()
    with pytest.raises(PaymentExceedsAward, match=r"ten hoogste € 30\.000,00"):
        payment_make(award=award, amount=Decimal("30000.01"), final=False, user=None)
    assert JournalEntry.objects.count() == before


@pytest.mark.django_db
def test_an_award_is_committed_when_it_is_made_and_never_beyond_what_the_fund_can_award():
    fund, _ = funded(amounts={2016: Decimal("100000")})
    proposal = ProposalFactory(fund=fund, status="adopted")
    period = {"period_start": dt.date(2016, 7, 1), "period_end": dt.date(2016, 12, 31)}
    award = award_make(user=None, proposal=proposal, year=2016, amount=Decimal("80000"), **period)
    assert award_outstanding(award) == Decimal("80000.00")  # committed in the same service
    entries = JournalEntry.objects.filter(
        kind=EntryKind.AWARD_COMMITTED, lines__award=award
    ).distinct()
    assert entries.count() == 1
    before = (Award.objects.count(), JournalEntry.objects.count())
    with pytest.raises(FundOverdrawn) as refused:
        award_make(user=None, proposal=proposal, year=2016, amount=Decimal("20000.01"), **period)
    assert refused.value.message == (
        "Het fonds kan nog € 20.000,00 toekennen; een toekenning van € 20.000,01 past daar niet in. "
        "Er is niets vastgelegd."
    )
    assert (Award.objects.count(), JournalEntry.objects.count()) == before
    award_make(user=None, proposal=proposal, year=2016, amount=Decimal("20000.00"), **period)
    assert fund_award_room(fund).remaining == 0


@pytest.mark.django_db
def test_the_fund_never_pays_out_more_than_it_received_plus_may_still_receive():
    fund, _ = funded(amounts={2016: Decimal("100000")}, receive=False)
    award = _award(fund, "100000")
    charge = JournalEntry.objects.get(fund=fund, kind=EntryKind.CONTRIBUTION_CHARGED)
    entry_reverse(entry=charge, user=None, reason="Bijdragebesluit ingetrokken")
    with pytest.raises(FundOverdrawn, match="meer uitbetalen dan het fonds krijgt"):
        payment_make(award=award, amount=Decimal("10"), final=False, user=None)


@pytest.mark.django_db
def test_a_refund_comes_back_to_the_fund_but_never_more_than_was_paid():
    fund, _ = funded()
    award = _award(fund)
    payment_make(award=award, amount=Decimal("60000"), final=False, user=None)
    before = fund_overview(fund).total.remaining
    refund_receive(award=award, amount=Decimal("15000"), user=None, reason="Niet besteed")
    overview = fund_overview(fund)
    assert overview.total.remaining == before + Decimal("15000")
    assert overview.projects[0].refunded == Decimal("15000")
    with pytest.raises(AccountingError, match="netto € 45.000,00 betaald"):
        refund_receive(award=award, amount=Decimal("45000.01"), user=None, reason="te veel")


@pytest.mark.django_db(transaction=True)
def test_two_payments_at_the_same_moment_cannot_both_pass_the_award_limit():
    fund, _ = funded()
    award = _award(fund)
    results = []

    def pay():
        try:
            payment_make(award=award, amount=Decimal("60000"), final=False, user=None)
            results.append("ok")
        except PaymentExceedsAward:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=pay) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert fund_overview(fund).projects[0].paid == Decimal("60000")


@pytest.mark.django_db
def test_a_reversed_final_payment_no_longer_counts_and_the_project_can_be_paid_its_final_part():
    fund, _ = funded()
    award = _award(fund)
    payment_make(award=award, amount=Decimal("40000"), final=False, user=None)
    final = payment_make(award=award, amount=Decimal("50000"), final=True, user=None)
    entry_reverse(entry=final, user=None, reason="Verkeerd bedrag")
    # 100,000 awarded, 40,000 paid, 10,000 released after the final payment: 50,000 left
    with pytest.raises(PaymentExceedsAward, match=r"ten hoogste € 50\.000,00"):
        payment_make(award=award, amount=Decimal("50000.01"), final=True, user=None)
    payment_make(award=award, amount=Decimal("50000"), final=True, user=None)
    assert fund_overview(fund).projects[0].paid == Decimal("90000")
    with pytest.raises(PaymentExceedsAward, match="eindbetaling al gehad"):
        payment_make(award=award, amount=Decimal("1"), final=False, user=None)


@pytest.mark.django_db
def test_what_is_left_of_an_award_after_many_small_payments_is_exact_to_the_cent():
    fund, _ = funded()
    award = _award(fund)
    for _ in range(7):
        payment_make(award=award, amount=Decimal("0.10"), final=False, user=None)
    with pytest.raises(PaymentExceedsAward, match=r"ten hoogste € 99\.999,30"):
        payment_make(award=award, amount=Decimal("99999.31"), final=False, user=None)
    payment_make(award=award, amount=Decimal("99999.30"), final=False, user=None)
    assert award_outstanding(award) == Decimal("0.00")
