"""Settlement: what is unspent goes back pro rata actual contributions, adding up exactly; groups
settle their own years at their own time (seed 002 §3.2.6-7)."""

import datetime as dt
from decimal import Decimal

import pytest
from djmoney.money import Money

from accounting.exceptions import AccountingError, SettlementError
from accounting.models import EntryKind, JournalEntry, SettlementGroup, SettlementGroupMember
from accounting.selectors.ledger import fund_year_figures
from accounting.selectors.settlement import settlement_preview
from accounting.services.awards import payment_make
from accounting.services.ledger import budget_exchange, entry_reverse
from accounting.services.settlement import settlement_confirm
from tests.accounting.factories import AwardFactory, committed, funded
from tests.factories import make_user
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db
AFTER = dt.date(2020, 1, 2)


def _spend(fund, year, amount, paid):
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, status="awarded"),
        year=year,
        amount=Money(Decimal(amount), "EUR"),
    )
    committed(award)
    payment_make(award=award, amount=Decimal(paid), final=True, user=None)
    return award


def _group(fund, name, settle_after, members):
    group = SettlementGroup.objects.create(fund=fund, name=name, settle_after=settle_after)
    for municipality, first, last in members:
        SettlementGroupMember.objects.create(
            group=group, municipality=municipality, from_year=first, to_year=last
        )
    return group


@pytest.fixture
def user(db):
    from core.roles import Role

    return make_user("two-settle", Role.TWO)


def test_the_unspent_money_goes_back_pro_rata_and_adds_up_exactly(user):
    fund, (a, b, c) = funded(
        weights=(Decimal(1), Decimal(1), Decimal(1)),
        amounts={2016: Decimal("1200000"), 2017: Decimal("3000000")},
    )
    _spend(fund, 2016, "600000", "599999.99")
    _spend(fund, 2017, "1000000", "900000")
    group = _group(
        fund, "Eindafrekening", dt.date(2019, 12, 31), [(m, 2016, 2019) for m in (a, b, c)]
    )
    preview = settlement_preview(group)
    assert preview.total == Decimal("600000.01") + Decimal("2100000")
    assert sorted(s.amount for s in preview.statements()) == [
        Decimal("900000"),
        Decimal("900000"),
        Decimal("900000.01"),
    ]
    settlement = settlement_confirm(group=group, user=user, today=AFTER)
    assert settlement.total.amount == preview.total
    total = sum(fund_year_figures(fund), fund_year_figures(fund)[0].__class__(year=0))
    assert total.unspent == Decimal(0) and total.remaining == Decimal(0)
    with pytest.raises(SettlementError, match="al afgerekend"):
        settlement_confirm(group=group, user=user, today=AFTER)
    with pytest.raises(AccountingError, match="definitief"):
        entry_reverse(entry=settlement.entry, user=user, reason="toch niet")
    assert settlement_preview(group).total == preview.total  # the statement is the booked one now


def test_alphen_and_kaag_settle_2016_early_and_the_rest_after_the_full_term(user):
    fund, (big, middle, small) = funded()  # weights 600 / 300 / 100
    _spend(fund, 2016, "500000", "500000")
    early = _group(
        fund,
        "Alphen aan den Rijn en Kaag en Braassem 2016",
        dt.date(2016, 12, 31),
        [(small, 2016, 2016)],
    )
    final = _group(
        fund,
        "Eindafrekening",
        dt.date(2019, 12, 31),
        [(big, 2016, 2019), (middle, 2016, 2019), (small, 2017, 2019)],
    )
    with pytest.raises(SettlementError, match="pas na 31-12-2016"):
        settlement_confirm(group=early, user=user, today=dt.date(2016, 12, 31))
    early_settlement = settlement_confirm(group=early, user=user, today=dt.date(2017, 1, 2))
    assert early_settlement.total.amount == Decimal("50000")  # 10% of the 500,000 left of 2016
    _spend(fund, 2017, "1000000", "1000000")
    preview = settlement_preview(final)
    by = {(row.municipality, row.year): row.amount for row in preview.lines}
    assert by[(big, 2016)] == Decimal("300000") and by[(middle, 2016)] == Decimal("150000")
    assert (small, 2016) not in by
    assert by[(small, 2017)] == Decimal("200000")
    settlement_confirm(group=final, user=user, today=AFTER)
    assert sum(fund_year_figures(fund), fund_year_figures(fund)[0].__class__(year=0)).unspent == 0


def test_a_year_that_spent_more_than_it_received_asks_for_a_budget_exchange_first(user):
    fund, municipalities = funded(amounts={2016: Decimal("100000"), 2017: Decimal("300000")})
    _spend(fund, 2016, "150000", "150000")
    group = _group(fund, "Eind", dt.date(2019, 12, 31), [(m, 2016, 2019) for m in municipalities])
    with pytest.raises(SettlementError, match="budgetuitwisseling"):
        settlement_preview(group)
    budget_exchange(fund=fund, from_year=2017, to_year=2016, amount=Decimal("50000"), user=user)
    assert settlement_preview(group).total == Decimal("250000")  # 400,000 received, 150,000 paid


def test_confirming_the_last_group_purges_the_bsns_of_the_fund(user, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "allocations.services.clients.bsn_purge_for_fund",
        lambda *, fund, user: calls.append((fund.pk, user.pk)),
    )
    fund, municipalities = funded(amounts={2016: Decimal("100000")})
    group = _group(fund, "Eind", dt.date(2019, 12, 31), [(m, 2016, 2019) for m in municipalities])
    settlement_confirm(group=group, user=user, today=AFTER)
    assert calls == [(fund.pk, user.pk)]
    assert JournalEntry.objects.filter(fund=fund, kind=EntryKind.SETTLEMENT).count() == 1


def test_two_confirms_a_settlement_on_the_page_and_a_portfolio_holder_cannot(user, client_as):
    from core.roles import Role

    fund, municipalities = funded(amounts={2016: Decimal("100000")})
    group = _group(fund, "Eind", dt.date(2016, 12, 31), [(m, 2016, 2019) for m in municipalities])
    pho = make_user("pho-settle", Role.PORTFOLIO_HOLDER, municipality=municipalities[0])
    url = f"/boekhouding/{fund.slug}/afrekening/{group.pk}/vaststellen/"
    assert client_as(pho).post(url).status_code == 403
    page = client_as(user).post(url, follow=True).content.decode()
    assert "De afrekening is vastgesteld en geboekt" in page
    assert "Afrekening vaststellen en boeken" not in page  # final: no second confirmation
    assert JournalEntry.objects.filter(fund=fund, kind=EntryKind.SETTLEMENT).count() == 1


def test_a_fully_spent_fund_settles_with_nothing_to_pay_back(user):
    from django.db import IntegrityError, transaction
    from djmoney.money import Money as M

    from accounting.models import Settlement

    fund, municipalities = funded(amounts={2016: Decimal("100000")})
    _spend(fund, 2016, "100000", "100000")
    group = _group(fund, "Eind", dt.date(2019, 12, 31), [(m, 2016, 2019) for m in municipalities])
    settlement = settlement_confirm(group=group, user=user, today=AFTER)
    assert settlement.total.amount == 0 and settlement.entry is None
    assert [line.amount.amount for line in settlement.lines.all()] == [Decimal("0.00")] * 3
    other = _group(fund, "Nog een", dt.date(2019, 12, 31), [])
    with pytest.raises(IntegrityError), transaction.atomic():
        Settlement.objects.create(
            group=other, entry=None, confirmed_by=user, total=M(Decimal("1"), "EUR")
        )
