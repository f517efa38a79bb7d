"""The database itself refuses data that breaks the rules."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from djmoney.money import Money

from allocations.models import (
    BsnAccessLog,
    BudgetLine,
    ClientRegistration,
    IntakeStop,
    Product,
    Tariff,
)
from tests.allocations.factories import submit


def refused(make):
    with transaction.atomic(), pytest.raises(IntegrityError):
        make()


def test_product_rules(world):
    provider = world.provider("aanbieder-a", budget_units=None)
    refused(
        lambda: Product.objects.create(
            provider=provider, code="45A01", name="dubbel", category="45", unit="04"
        )
    )
    refused(
        lambda: Product.objects.create(
            provider=provider, code="45a-1", name="x", category="45", unit="04"
        )
    )
    refused(
        lambda: Product.objects.create(
            provider=provider, code="45B01", name="x", category="99", unit="04"
        )
    )
    refused(
        lambda: Product.objects.create(
            provider=provider, code="45B01", name="x", category="45", unit="83"
        )
    )


def test_tariff_rules(world):
    refused(
        lambda: Tariff.objects.create(
            region=world.region, year=2016, product_code="45A01", unit="04", price=Money(1, "EUR")
        )
    )
    refused(
        lambda: Tariff.objects.create(
            region=world.region, year=2016, product_code="45B09", unit="04", price=Money(0, "EUR")
        )
    )


def test_budget_line_needs_its_source(world):
    provider = world.provider("aanbieder-a")
    refused(
        lambda: BudgetLine.objects.create(
            provider=provider,
            product=provider.hours,
            year=2016,
            fund=world.fund,
            kind="grant",
            amount=Money(Decimal("10"), "EUR"),
        )
    )


def test_forecast_month_and_single_open_intake_stop(world):
    provider = world.provider("aanbieder-a")
    submission = submit(provider, 6, expected="600")  # red: one open stop
    refused(lambda: world.bare_forecast(provider, 13))
    refused(
        lambda: IntakeStop.objects.create(
            provider=provider,
            fund=world.fund,
            year=2016,
            started_on=dt.date(2016, 7, 1),
            started_by=submission,
        )
    )


def test_registration_holds_a_bsn_or_is_purged_and_log_needs_a_reason(world):
    provider = world.provider("aanbieder-a")
    submit(provider, 5, expected="520")
    refused(
        lambda: ClientRegistration.objects.create(
            provider=provider,
            product=provider.hours,
            fund=world.fund,
            year=2016,
            intake_on=dt.date(2016, 5, 1),
            bsn_encrypted="",
            bsn_last3="",
            registered_by=provider.user,
        )
    )
    from allocations.services import clients as client_services

    registration = client_services.client_register(
        provider=provider,
        product=provider.hours,
        year=2016,
        bsn="999991772",
        intake_on=dt.date(2016, 5, 1),
        user=provider.user,
    )
    refused(
        lambda: BsnAccessLog.objects.create(
            event="read", user=world.two, on_behalf_of="TWO", registration=registration, reason=""
        )
    )
