"""The database refuses what the vote basis, the decisions, the awards' payment schedule and the
afwijzing must never hold (named constraints)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from djmoney.money import Money

from core.roles import Role
from proposals.models import Award, Decision, RejectionLetter
from tests.factories import FundFactory, make_user
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def refused(make, name):
    with transaction.atomic(), pytest.raises(IntegrityError, match=name):
        make()


def test_a_fund_counting_votes_cast_has_a_quorum_and_the_default_has_none():
    fund = FundFactory()
    for basis, quorum in (
        ("cast", None),
        ("cast", Decimal(0)),
        ("cast", Decimal("100.01")),
        ("all_members", Decimal(50)),
    ):
        fund.vote_basis, fund.vote_quorum = basis, quorum
        refused(fund.save, "fund_vote_basis_with_quorum")
    fund.vote_basis, fund.vote_quorum = "cast", Decimal("50")
    fund.save()


def test_a_decision_on_votes_cast_keeps_its_quorum_and_never_more_voters_than_members():
    user = make_user("two-c", Role.TWO)
    base = {"outcome": "rejected", "rule": "rejected", "decided_by": user}
    refused(
        lambda: Decision.objects.create(proposal=ProposalFactory(), basis="cast", **base),
        "decision_cast_basis_has_quorum",
    )
    refused(
        lambda: Decision.objects.create(
            proposal=ProposalFactory(), basis="all_members", members=3, voters=4, **base
        ),
        "decision_voters_within_members",
    )
    Decision.objects.create(
        proposal=ProposalFactory(),
        basis="cast",
        quorum_numerator=1,
        quorum_denominator=2,
        members=3,
        voters=3,
        **base,
    )


def test_an_advance_is_at_most_the_whole_award():
    refused(
        lambda: Award.objects.create(
            proposal=ProposalFactory(),
            number="TF-2017-900",
            year=2017,
            amount=Money(Decimal(1000), "EUR"),
            period_start=dt.date(2017, 1, 1),
            period_end=dt.date(2017, 12, 31),
            advance_percent=101,
        ),
        "award_advance_at_most_all",
    )


def test_an_afwijzing_has_a_reason():
    user = make_user("two-r", Role.TWO)
    decision = Decision.objects.create(
        proposal=ProposalFactory(), outcome="rejected", rule="rejected", decided_by=user
    )
    refused(
        lambda: RejectionLetter.objects.create(
            decision=decision, reason="", addressee="a", signatory="b", pdf=b"%PDF", sha256="x"
        ),
        "rejection_letter_has_reason",
    )
