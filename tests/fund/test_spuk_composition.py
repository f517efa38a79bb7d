"""seed 004 H7: a SPUK year's composition (a fixed percentage, the rest by the number of young
people up to 23) is both or neither, within 0-100%; its two parts add up to the grant exactly."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from djmoney.money import Money

from fund import services
from fund.exceptions import FundError
from tests.factories import FundFactory, TrancheFactory

pytestmark = pytest.mark.django_db


def test_the_two_parts_add_up_to_the_grant():
    fund = FundFactory(spuk=True)
    tranche = services.tranche_create(
        fund=fund,
        year=2021,
        amount=Decimal("4680381"),
        basis=None,
        fixed_percentage=75,
        young_people=964582,
    )
    fixed, by_young_people = tranche.composition
    assert (fixed, by_young_people) == (Decimal("3510286"), Decimal("1170095"))
    assert fixed + by_young_people == tranche.amount.amount


def test_half_a_composition_is_refused_by_the_service_and_the_database():
    fund = FundFactory(spuk=True)
    with pytest.raises(FundError, match="zowel het vaste percentage"):
        services.tranche_create(
            fund=fund, year=2021, amount=Decimal("100"), basis=None, fixed_percentage=75
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        TrancheFactory(fund=fund, year=2022, amount=Money(100, "EUR"), fixed_percentage=75)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrancheFactory(
            fund=fund, year=2022, amount=Money(100, "EUR"), fixed_percentage=101, young_people=1
        )
