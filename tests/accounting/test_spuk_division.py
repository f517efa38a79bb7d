"""SPUK budget division (seed 004 §6.4, Bijlage 4): adds up to the grant; the 10% rules checked."""

from decimal import Decimal

import pytest
from djmoney.money import Money

from accounting import rules
from accounting.exceptions import DivisionError
from accounting.models import BudgetPart, SpukBudgetDivision
from accounting.selectors.spuk import division_check
from accounting.services.spuk import DivisionLineInput as L
from accounting.services.spuk import spuk_division_adopt, spuk_division_save
from core.roles import Role
from tests.factories import FundFactory, TrancheFactory, make_user

P = BudgetPart

COMPLIANT = [
    L(P.PROCESS_LEADER, "Projectleider", Decimal("120000")),
    L(P.PROCESS_EXPERTS, "Vacatiegelden experts", Decimal("80000")),
    L(P.THEME, "Thema 1: nabijheid", Decimal("300000")),
    L(P.THEME, "Thema 2: wachtlijsten", Decimal("240000")),
    L(P.THEME_UNFORESEEN, "Thema's onvoorzien", Decimal("60000")),
    L(P.LEARNING, "Leren en ontwikkelen", Decimal("100000")),
    L(P.UNFORESEEN, "Onvoorzien", Decimal("100000")),
]


def test_a_division_that_follows_the_rules_has_no_findings():
    assert (
        rules.division_findings(
            grant=Decimal("1000000"), lines=[(x.part, x.amount) for x in COMPLIANT]
        )
        == []
    )


def test_a_division_that_does_not_add_up_is_blocking_and_says_the_difference():
    findings = rules.division_findings(
        grant=Decimal("1000001"), lines=[(x.part, x.amount) for x in COMPLIANT]
    )
    assert [(f.rule, f.blocking) for f in findings] == [
        ("total", True)
    ]  # 100,000 is within € 1 of 10%
    assert "verschil € 1,00" in findings[0].message


def test_the_ten_percent_rules_allow_one_rounding_unit_only():
    lines = [(x.part, x.amount) for x in COMPLIANT]
    lines[4] = (P.THEME_UNFORESEEN, Decimal("59999.01"))
    lines[0] = (P.PROCESS_LEADER, Decimal("120000.99"))
    assert rules.division_findings(grant=Decimal("1000000"), lines=lines) == []
    lines[4] = (P.THEME_UNFORESEEN, Decimal("59000"))
    lines[0] = (P.PROCESS_LEADER, Decimal("121000"))
    assert [f.rule for f in rules.division_findings(grant=Decimal("1000000"), lines=lines)] == [
        "theme_unforeseen"
    ]


@pytest.fixture
def spuk(db):
    fund = FundFactory(spuk=True)
    TrancheFactory(fund=fund, year=2021, amount=Money(Decimal("1000000"), "EUR"))
    return fund, make_user(
        "rotterdam-test", Role.COORDINATOR, municipality=fund.coordinating_municipality
    )


def test_a_compliant_division_is_adopted_and_then_final(spuk):
    fund, user = spuk
    division = spuk_division_save(fund=fund, year=2021, lines=COMPLIANT, user=user)
    division = spuk_division_adopt(division=division, user=user)
    assert division.status == SpukBudgetDivision.Status.ADOPTED and division.adopted_by == user
    with pytest.raises(DivisionError, match="vastgesteld"):
        spuk_division_save(fund=fund, year=2021, lines=COMPLIANT[:2], user=user)
    assert division_check(division).total == Decimal("1000000")


def test_a_division_that_does_not_add_up_cannot_be_adopted(spuk):
    fund, user = spuk
    division = spuk_division_save(fund=fund, year=2021, lines=COMPLIANT[:-1], user=user)
    with pytest.raises(DivisionError, match="telt op tot € 900.000,00"):
        spuk_division_adopt(division=division, user=user, deviation_note="toch")
    assert SpukBudgetDivision.objects.get(pk=division.pk).status == "draft"


def test_a_deviation_from_the_ten_percent_rules_needs_a_written_reason(spuk):
    fund, user = spuk
    lines = [*COMPLIANT[:-1], L(P.LEARNING, "Extra onderzoek", Decimal("100000"))]
    division = spuk_division_save(fund=fund, year=2021, lines=lines, user=user)
    with pytest.raises(DivisionError, match="Licht de afwijking toe"):
        spuk_division_adopt(division=division, user=user)
    division = spuk_division_adopt(
        division=division, user=user, deviation_note="Besluit ambassadeurs 3-2-2021"
    )
    assert division.deviation_note == "Besluit ambassadeurs 3-2-2021"


def test_the_database_refuses_a_second_division_for_the_same_year_and_a_negative_line(spuk):
    from django.db import IntegrityError, transaction

    from accounting.models import SpukBudgetLine

    fund, user = spuk
    division = spuk_division_save(fund=fund, year=2021, lines=COMPLIANT, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpukBudgetDivision.objects.create(fund=fund, year=2021)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpukBudgetLine.objects.create(
            division=division, part=P.THEME, label="min", amount=Money(-1, "EUR")
        )
