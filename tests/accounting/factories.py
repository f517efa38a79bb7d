import datetime as dt
from decimal import Decimal

import factory
from djmoney.money import Money

from accounting.services.awards import _award_commit
from accounting.services.ledger import contribution_receive, contributions_charge
from fund.models import Contribution
from proposals.models import Award, Goal, PerformanceIndicator, Proposal
from tests.factories import FundFactory, MunicipalityFactory, RegionFactory, TrancheFactory
from tests.proposals.factories import ProposalFactory


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    proposal = factory.SubFactory(ProposalFactory, status=Proposal.Status.AWARDED)
    number = factory.Sequence(lambda n: f"TF-2017-{n:03d}")
    year = 2017
    amount = Money(Decimal("100000"), "EUR")
    period_start = dt.date(2017, 1, 1)
    period_end = dt.date(2017, 12, 31)


def committed(award: Award) -> Award:
    """Book a factory-made award as accounting.services.awards.award_make books the awards it makes (the
    factory stands in for the service; in the application no award is booked by hand)."""
    _award_commit(fund=award.proposal.fund, award=award, user=None)
    return award


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    proposal = factory.SubFactory(ProposalFactory, status=Proposal.Status.AWARDED)
    description = factory.Sequence(lambda n: f"Doel {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceIndicator

    goal = factory.SubFactory(GoalFactory)
    indicator = factory.Sequence(lambda n: f"Indicator {n}")
    target_value = Decimal("20")
    unit = "jongeren"
    target_date = dt.date(2017, 12, 31)


def funded(
    *, weights=(Decimal(600), Decimal(300), Decimal(100)), amounts=None, user=None, receive=True
):
    """A regional fund, its municipalities, contributions per year charged (and received)."""
    amounts = amounts or {2016: Decimal("1000000"), 2017: Decimal("3000000")}
    region = RegionFactory()
    fund = FundFactory(region=region)
    municipalities = [
        MunicipalityFactory(region=region, name=f"Gemeente {chr(65 + i)}")
        for i in range(len(weights))
    ]
    total_weight = sum(weights)
    for year, amount in amounts.items():
        tranche = TrancheFactory(fund=fund, year=year, amount=Money(amount, "EUR"))
        for m, w in zip(municipalities, weights, strict=True):
            Contribution.objects.create(
                tranche=tranche,
                municipality=m,
                counted_budget=Money(w, "EUR"),
                amount=Money(amount * w / total_weight, "EUR"),
            )
        contributions_charge(tranche=tranche, user=user)
        if receive:
            for c in tranche.contributions.all():
                contribution_receive(
                    fund=fund,
                    year=year,
                    municipality=c.municipality,
                    amount=c.amount.amount,
                    user=user,
                    booked_on=dt.date(year, 3, 1),
                )
    return fund, municipalities
