"""Which part of a municipality's budget counts is data (participation rules), not code."""

from decimal import Decimal

import pytest
from djmoney.money import Money

from fund.models import ParticipationRule
from fund.selectors import counted_budgets
from tests.factories import (
    BudgetAmountFactory,
    BudgetCircularFactory,
    BudgetDomainFactory,
    FundFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    fund = FundFactory()
    circular = BudgetCircularFactory()
    regional, safety = BudgetDomainFactory(code="regionaal"), BudgetDomainFactory(code="veiligheid")
    a, b = (
        MunicipalityFactory(region=fund.region, name="A"),
        MunicipalityFactory(region=fund.region, name="B"),
    )
    for year in (2016, 2017):
        for m in (a, b):
            BudgetAmountFactory(
                circular=circular,
                municipality=m,
                budget_year=year,
                domain=regional,
                amount=Money(1000, "EUR"),
            )
            BudgetAmountFactory(
                circular=circular,
                municipality=m,
                budget_year=year,
                domain=safety,
                amount=Money(300, "EUR"),
            )
    rule = ParticipationRule.objects.create(fund=fund, municipality=b, from_year=2017)
    rule.domains.set([safety])
    return fund, circular, a, b


def test_without_a_rule_the_whole_budget_counts(setting):
    fund, circular, a, _ = setting
    assert counted_budgets(fund=fund, circular=circular, year=2017)[a] == Decimal(1300)


def test_a_rule_counts_only_its_domains_from_its_year(setting):
    fund, circular, _, b = setting
    assert counted_budgets(fund=fund, circular=circular, year=2016)[b] == Decimal(1300)
    assert counted_budgets(fund=fund, circular=circular, year=2017)[b] == Decimal(300)


def test_municipalities_outside_the_region_do_not_take_part(setting):
    fund, circular, a, b = setting
    outsider = MunicipalityFactory()
    BudgetAmountFactory(circular=circular, municipality=outsider, budget_year=2017)
    assert set(counted_budgets(fund=fund, circular=circular, year=2017)) == {a, b}
