from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from accounting.exceptions import FundOverdrawn
from accounting.services.awards import budget_grant_make
from allocations.exceptions import AllocationError, BudgetExceeded
from allocations.models import BudgetLine, BudgetRequestLine, BudgetTransfer
from allocations.selectors.products import product_budgets
from allocations.services import budget_requests as request_services
from tests.allocations.factories import RULE_6_TEXT, World


def test_price_comes_from_the_tariff_list_and_total_is_p_times_q(world):
    provider = world.provider("aanbieder-a", budget_units=None)
    request = request_services.budget_request_submit(
        provider=provider,
        year=2016,
        quantities={provider.hours: Decimal("120"), provider.days: Decimal("10")},
        motivation="Wachtlijst 40 cliënten",
        user=provider.user,
        **RULE_6_TEXT,
    )
    lines = {line.product.code: line for line in request.lines.all()}
    assert lines["45A01"].price.amount == Decimal("100.00")
    assert lines["43A02"].price.amount == Decimal("250.00")
    assert sum(line.amount.amount for line in lines.values()) == Decimal("14500.00")


def test_a_product_without_tariff_cannot_be_requested(world):
    provider = world.provider("aanbieder-a", budget_units=None)
    provider.days.code = "54X99"
    provider.days.save()
    with pytest.raises(AllocationError, match="tarievenlijst"):
        request_services.budget_request_submit(
            provider=provider,
            year=2016,
            quantities={provider.days: Decimal("1")},
            motivation="x",
            user=provider.user,
            **RULE_6_TEXT,
        )


def test_partial_grant_sets_the_product_budget(world):
    provider = world.provider("aanbieder-a", budget_units=None)
    request = request_services.budget_request_submit(
        provider=provider,
        year=2016,
        quantities={provider.hours: Decimal("120")},
        motivation="x",
        user=provider.user,
        **RULE_6_TEXT,
    )
    budget_grant_make(
        request=request,
        granted={request.lines.get().pk: Decimal("80")},
        note="deels",
        user=world.two,
    )
    request.refresh_from_db()
    assert request.get_status_display() == "Gedeeltelijk toegekend"
    assert product_budgets(provider=provider, year=2016) == {provider.hours.pk: Decimal("8000.00")}
    assert [(e.from_status, e.to_status) for e in request.events.all()] == [
        ("", "submitted"),
        ("submitted", "partly_granted"),
    ]
    with pytest.raises(AllocationError, match="al besloten"):
        budget_grant_make(request=request, granted={}, note="", user=world.two)


def test_grant_cannot_exceed_what_the_fund_has_left(db):
    world = World(fund_amount=Decimal("50000"))
    provider = world.provider("aanbieder-a", budget_units=Decimal("400"))  # € 40.000 of € 50.000
    request = request_services.budget_request_submit(
        provider=provider,
        year=2016,
        quantities={provider.hours: Decimal("101")},
        motivation="x",
        user=provider.user,
        **RULE_6_TEXT,
    )
    with pytest.raises(
        FundOverdrawn,
        match=r"Het fonds kan nog € 10\.000,00 toekennen; de toekenning op .* van € 10\.100,00",
    ):
        budget_grant_make(
            request=request,
            granted={request.lines.get().pk: Decimal("101")},
            note="",
            user=world.two,
        )
    assert BudgetLine.objects.filter(request_line__request=request).count() == 0
    budget_grant_make(
        request=request, granted={request.lines.get().pk: Decimal("100")}, note="", user=world.two
    )


def test_transfer_keeps_the_total_and_records_consent(world):
    provider = world.provider("aanbieder-a")
    transfer = request_services.budget_transfer(
        provider=provider,
        year=2016,
        from_product=provider.hours,
        to_product=provider.days,
        amount=Decimal("25000"),
        reason="Meer verblijf nodig",
        user=world.two,
    )
    budgets = product_budgets(provider=provider, year=2016)
    assert budgets == {
        provider.hours.pk: Decimal("75000.00"),
        provider.days.pk: Decimal("25000.00"),
    }
    assert sum(budgets.values()) == Decimal("100000.00")
    assert (transfer.consented_by, transfer.reason) == (world.two, "Meer verblijf nodig")
    with pytest.raises(AllocationError, match="TWO"):
        request_services.budget_transfer(
            provider=provider,
            year=2016,
            from_product=provider.hours,
            to_product=provider.days,
            amount=Decimal("1"),
            reason="x",
            user=provider.user,
        )
    with pytest.raises(BudgetExceeded):
        request_services.budget_transfer(
            provider=provider,
            year=2016,
            from_product=provider.days,
            to_product=provider.hours,
            amount=Decimal("25000.01"),
            reason="x",
            user=world.two,
        )


def test_database_refuses_breaches(world):
    provider = world.provider("aanbieder-a")
    line = BudgetRequestLine.objects.get(request__provider=provider)
    with transaction.atomic(), pytest.raises(IntegrityError):
        BudgetRequestLine.objects.filter(pk=line.pk).update(granted_quantity=line.quantity + 1)
    with transaction.atomic(), pytest.raises(IntegrityError):
        BudgetTransfer.objects.create(
            provider=provider,
            year=2016,
            from_product=provider.hours,
            to_product=provider.hours,
            amount=Decimal("1"),
            consented_by=world.two,
            reason="x",
        )
