"""Dates on money records are sane (issue 12): a payment, receipt, release or expense dated
0001-01-01 or 9999-12-31, or years outside its fund's term, is refused with a Dutch message and
nothing is booked; every date a form takes lies between 2000 and 2100."""

import datetime as dt
from decimal import Decimal as D

import pytest

from accounting.exceptions import AccountingError
from accounting.models import JournalEntry
from accounting.services.awards import budget_payment_make
from accounting.services.ledger import booking_window
from tests.accounting.test_provider_payments import _funded_world, _grant
from tests.corpus.test_bad_inputs import row_counts

pytestmark = pytest.mark.django_db


def test_the_booking_window_runs_from_the_year_before_the_term_to_the_year_after_today_or_the_term():
    world = _funded_world()  # term 1-1-2016 t/m 31-12-2016
    assert booking_window(world.fund, today=dt.date(2026, 12, 5)) == (
        dt.date(2015, 1, 1),
        dt.date(2027, 12, 31),
    )
    assert booking_window(world.fund, today=dt.date(2016, 3, 1)) == (
        dt.date(2015, 1, 1),
        dt.date(2017, 12, 31),
    )


@pytest.mark.parametrize(
    "day",
    [
        dt.date(1, 1, 1),
        dt.date(9999, 12, 31),
        dt.date(2014, 12, 31),
        dt.date(dt.date.today().year + 2, 1, 1),
    ],
)
def test_a_payment_outside_the_window_is_refused_and_nothing_is_booked(day):
    world = _funded_world()
    request = _grant(world)
    before = JournalEntry.objects.count()
    with pytest.raises(
        AccountingError,
        match=r"kan niet voor .*: kies een datum van 1-1-2015 tot en met 31-12-\d{4} "
        r"\(looptijd 1-1-2016 t/m 31-12-2016\)\. Er is niets geboekt\.",
    ):
        budget_payment_make(
            budget_request=request, amount=D("100"), final=False, user=world.two, booked_on=day
        )
    assert JournalEntry.objects.count() == before


def test_a_payment_on_the_edges_of_the_window_is_booked():
    world = _funded_world()
    request = _grant(world)
    for day in (dt.date(2015, 1, 1), dt.date(dt.date.today().year + 1, 12, 31)):
        entry = budget_payment_make(
            budget_request=request, amount=D("100"), final=False, user=world.two, booked_on=day
        )
        assert entry.booked_on == day


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_the_payment_form_refuses_a_far_date_with_a_dutch_message(client_as, day):
    world = _funded_world()
    request = _grant(world)
    client = client_as(world.two)
    before = row_counts()
    response = client.post(
        f"/boekhouding/{world.fund.slug}/aanbieders/{request.pk}/betaling/",
        {"payment-kind": "advance", "payment-amount": "10", "payment-booked_on": day},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code < 500
    assert "Vul een datum in tussen 1-1-2000 en 31-12-2100." in page or "kan niet voor" in page
    assert row_counts() == before


def test_the_payment_form_refuses_a_date_years_before_the_fund_with_the_window(client_as):
    world = _funded_world()
    request = _grant(world)
    client = client_as(world.two)
    before = row_counts()
    response = client.post(
        f"/boekhouding/{world.fund.slug}/aanbieders/{request.pk}/betaling/",
        {"payment-kind": "advance", "payment-amount": "10", "payment-booked_on": "2010-05-01"},
        follow=True,
    )
    assert "De boekdatum 1-5-2010 kan niet voor" in response.content.decode()
    assert row_counts() == before


def test_a_receipt_in_the_journal_on_a_far_date_is_not_booked(client_as):
    world = _funded_world(receive=False)
    client = client_as(world.two)
    municipality = world.municipalities[0]
    before = row_counts()
    for day in (
        "0001-01-01",
        "9999-12-31",
        "2030-01-01" if dt.date.today().year < 2029 else "2099-01-01",
    ):
        response = client.post(
            f"/boekhouding/{world.fund.slug}/journaal/receipt/",
            {
                "receipt-municipality": municipality.pk,
                "receipt-year": "2016",
                "receipt-amount": "10",
                "receipt-booked_on": day,
            },
            follow=True,
        )
        page = response.content.decode()
        assert "De boeking is niet gedaan" in page or "Er is niets geboekt" in page, day
    assert row_counts() == before
