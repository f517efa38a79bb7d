"""The database itself refuses data that breaks the fund's invariants."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from djmoney.money import Money

from fund.models import BudgetAmount, Contribution, Fund, ParticipationRule, Tranche
from tests.factories import (
    BudgetAmountFactory,
    BudgetDomainFactory,
    FundFactory,
    MunicipalityFactory,
    TrancheFactory,
    default_organisation,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_one_tranche_per_fund_and_year():
    tranche = TrancheFactory()
    refused(
        lambda: Tranche.objects.create(fund=tranche.fund, year=tranche.year, amount=Money(1, "EUR"))
    )


def test_tranche_amount_must_be_positive():
    fund = FundFactory()
    refused(lambda: Tranche.objects.create(fund=fund, year=2017, amount=Money(0, "EUR")))


def test_tranche_rounding_unit_is_euro_or_cent():
    fund = FundFactory()
    refused(
        lambda: Tranche.objects.create(
            fund=fund, year=2017, amount=Money(10, "EUR"), rounding_unit="0.5"
        )
    )


def test_fund_term_must_be_ordered():
    refused(lambda: FundFactory(term_start=dt.date(2020, 1, 1), term_end=dt.date(2019, 1, 1)))


def test_spuk_needs_a_coordinating_municipality():
    refused(
        lambda: Fund.objects.create(
            name="S",
            slug="s",
            kind="spuk",
            landsdeel="Zuid-West",
            managed_by=default_organisation(),
            term_start=dt.date(2020, 1, 1),
            term_end=dt.date(2020, 12, 31),
        )
    )


def test_regional_fund_needs_a_region():
    refused(
        lambda: Fund.objects.create(
            name="R",
            slug="r",
            kind="regional",
            managed_by=default_organisation(),
            term_start=dt.date(2020, 1, 1),
            term_end=dt.date(2020, 12, 31),
        )
    )


def test_one_budget_amount_per_cell_and_never_negative():
    amount = BudgetAmountFactory()
    refused(
        lambda: BudgetAmount.objects.create(
            circular=amount.circular,
            municipality=amount.municipality,
            budget_year=amount.budget_year,
            domain=amount.domain,
            amount=Money(5, "EUR"),
        )
    )
    refused(lambda: BudgetAmountFactory(amount=Money(Decimal("-0.01"), "EUR")))


def test_one_contribution_per_municipality_and_tranche_never_negative():
    tranche = TrancheFactory()
    municipality = MunicipalityFactory(region=tranche.fund.region)
    Contribution.objects.create(
        tranche=tranche,
        municipality=municipality,
        counted_budget=Money(1, "EUR"),
        amount=Money(1, "EUR"),
    )
    refused(
        lambda: Contribution.objects.create(
            tranche=tranche,
            municipality=municipality,
            counted_budget=Money(1, "EUR"),
            amount=Money(1, "EUR"),
        )
    )
    other = MunicipalityFactory(region=tranche.fund.region)
    refused(
        lambda: Contribution.objects.create(
            tranche=tranche,
            municipality=other,
            counted_budget=Money(1, "EUR"),
            amount=Money(-1, "EUR"),
        )
    )


def test_one_participation_rule_per_municipality_and_start_year():
    fund = FundFactory()
    municipality = MunicipalityFactory(region=fund.region)
    ParticipationRule.objects.create(fund=fund, municipality=municipality, from_year=2017)
    refused(
        lambda: ParticipationRule.objects.create(
            fund=fund, municipality=municipality, from_year=2017
        )
    )


def test_cbs_code_format():
    refused(lambda: MunicipalityFactory(cbs_code="0484"))


def test_budget_domain_code_unique():
    BudgetDomainFactory(code="veiligheid")
    from fund.models import BudgetDomain

    refused(lambda: BudgetDomain.objects.create(code="veiligheid", name="x"))
