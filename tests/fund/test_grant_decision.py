"""A SPUK's yearly grant is a decision of the ministry (beschikking) with a number and a date: the
key of the grant's row in the SiSa appendix (issue 6)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from djmoney.money import Money

from fund.exceptions import FundError
from fund.models import Tranche
from fund.services import tranche_decision_record
from tests.factories import FundFactory, TrancheFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2019, 12, 17)


def refused(update):
    with pytest.raises(IntegrityError), transaction.atomic():
        update()


def _spuk_tranches():
    fund = FundFactory(spuk=True)
    return [
        TrancheFactory(fund=fund, year=y, amount=Money(Decimal("1000"), "EUR"))
        for y in (2020, 2021)
    ]


def test_the_database_refuses_a_decision_number_without_a_date_or_a_date_without_a_number():
    first, _ = _spuk_tranches()
    refused(lambda: Tranche.objects.filter(pk=first.pk).update(grant_decision_number="VWS-1"))
    refused(lambda: Tranche.objects.filter(pk=first.pk).update(grant_decision_date=DAY))


def test_the_database_refuses_one_decision_number_for_two_years_of_a_fund():
    first, second = _spuk_tranches()
    Tranche.objects.filter(pk=first.pk).update(
        grant_decision_number="VWS-1", grant_decision_date=DAY
    )
    refused(
        lambda: Tranche.objects.filter(pk=second.pk).update(
            grant_decision_number="VWS-1", grant_decision_date=DAY
        )
    )
    other = TrancheFactory(fund=FundFactory(spuk=True), year=2020)
    Tranche.objects.filter(pk=other.pk).update(
        grant_decision_number="VWS-1", grant_decision_date=DAY
    )  # another fund


def test_recording_a_decision_keeps_it_in_the_history():
    first, second = _spuk_tranches()
    tranche_decision_record(tranche=first, number="  VWS-1 ", date=DAY, user=None)
    first.refresh_from_db()
    assert (first.grant_decision_number, first.grant_decision_date) == ("VWS-1", DAY)
    assert first.history.first().grant_decision_number == "VWS-1"
    with pytest.raises(FundError, match="hoort al bij een ander jaar"):
        tranche_decision_record(tranche=second, number="VWS-1", date=DAY, user=None)
    with pytest.raises(FundError, match="beschikkingsnummer"):
        tranche_decision_record(tranche=second, number=" ", date=DAY, user=None)


def test_only_a_spuk_has_a_decision_of_the_state():
    tranche = TrancheFactory()
    with pytest.raises(FundError, match="geen SPUK"):
        tranche_decision_record(tranche=tranche, number="VWS-1", date=DAY, user=None)


def test_several_years_are_recorded_all_or_none_and_a_refusal_names_its_year():
    from fund.exceptions import GrantDecisionRefused
    from fund.services import tranche_decisions_record

    first, second = _spuk_tranches()
    with pytest.raises(
        GrantDecisionRefused, match="Beschikking VWS-7 hoort al bij een ander jaar"
    ) as refusal:
        tranche_decisions_record(
            fund=first.fund, user=None, decisions=[(first, "VWS-7", DAY), (second, " VWS-7 ", DAY)]
        )
    assert refusal.value.tranche == second
    first.refresh_from_db()
    assert not first.grant_decision_number  # the first year was not kept either
    tranche_decisions_record(
        fund=first.fund, user=None, decisions=[(first, "VWS-7", DAY), (second, "VWS-8", DAY)]
    )
    assert sorted(
        Tranche.objects.filter(fund=first.fund).values_list("grant_decision_number", flat=True)
    ) == ["VWS-7", "VWS-8"]
