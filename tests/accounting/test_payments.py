"""Payments to a project never exceed its awards; a fund never pays out more than it gets."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from djmoney.money import Money

from accounting import services
from accounting.exceptions import AccountingError, FundOverdrawn, PaymentExceedsAward
from accounting.models import EntryKind, JournalEntry
from accounting.selectors import fund_overview
from tests.accounting.factories import AwardFactory, ProposalFactory, funded


def _award(fund, amount="100000", year=2016):
    award = AwardFactory(proposal=ProposalFactory(fund=fund), year=year, amount=Money(Decimal(amount), "EUR"))
    services.award_commit(award=award, user=None)
    return award


@pytest.mark.django_db
def test_advance_and_final_payment_up_to_the_award_and_the_rest_is_released():
    fund, _ = funded()
    award = _award(fund)
    services.payment_make(award=award, amount=Decimal("40000"), final=False, user=None)
    services.payment_make(award=award, amount=Decimal("50000"), final=True, user=None)
    project = fund_overview(fund).projects[0]
    assert (project.awarded, project.committed, project.paid, project.outstanding) == (
        Decimal("100000"), Decimal("90000"), Decimal("90000"), Decimal("0"))
    with pytest.raises(PaymentExceedsAward, match="eindbetaling al gehad"):
        services.payment_make(award=award, amount=Decimal("1"), final=False, user=None)


@pytest.mark.django_db
def test_a_payment_above_what_is_left_of_the_award_is_refused_with_the_amount_left():
    fund, _ = funded()
    award = _award(fund)
    services.payment_make(award=award, amount=Decimal("70000"), final=False, user=None)
    before = JournalEntry.objects.count()
    with pytest.raises(PaymentExceedsAward, match=r"ten hoogste € 30\.000,00"):
        services.payment_make(award=award, amount=Decimal("30000.01"), final=False, user=None)
    assert JournalEntry.objects.count() == before


@pytest.mark.django_db
def test_an_award_cannot_be_committed_twice_nor_beyond_what_the_fund_receives():
    fund, _ = funded(amounts={2016: Decimal("100000")})
    award = _award(fund, "80000")
    with pytest.raises(AccountingError, match="al als verplichting geboekt"):
        services.award_commit(award=award, user=None)
    second = AwardFactory(proposal=ProposalFactory(fund=fund), year=2016, amount=Money(Decimal("20000.01"), "EUR"))
    with pytest.raises(FundOverdrawn, match="past niet"):
        services.award_commit(award=second, user=None)


@pytest.mark.django_db
def test_the_fund_never_pays_out_more_than_it_received_plus_may_still_receive():
    fund, _ = funded(amounts={2016: Decimal("100000")}, receive=False)
    award = _award(fund, "100000")
    charge = JournalEntry.objects.get(fund=fund, kind=EntryKind.CONTRIBUTION_CHARGED)
    services.entry_reverse(entry=charge, user=None, reason="Bijdragebesluit ingetrokken")
    with pytest.raises(FundOverdrawn, match="meer uitbetalen dan het fonds krijgt"):
        services.payment_make(award=award, amount=Decimal("10"), final=False, user=None)


@pytest.mark.django_db
def test_a_refund_comes_back_to_the_fund_but_never_more_than_was_paid():
    fund, _ = funded()
    award = _award(fund)
    services.payment_make(award=award, amount=Decimal("60000"), final=False, user=None)
    before = fund_overview(fund).total.remaining
    services.refund_receive(award=award, amount=Decimal("15000"), user=None, reason="Niet besteed")
    overview = fund_overview(fund)
    assert overview.total.remaining == before + Decimal("15000")
    assert overview.projects[0].refunded == Decimal("15000")
    with pytest.raises(AccountingError, match="netto € 45.000,00 betaald"):
        services.refund_receive(award=award, amount=Decimal("45000.01"), user=None, reason="te veel")


@pytest.mark.django_db(transaction=True)
def test_two_payments_at_the_same_moment_cannot_both_pass_the_award_limit():
    fund, _ = funded()
    award = _award(fund)
    results = []

    def pay():
        try:
            services.payment_make(award=award, amount=Decimal("60000"), final=False, user=None)
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
