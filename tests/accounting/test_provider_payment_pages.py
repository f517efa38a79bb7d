"""TWO books payments to providers and releases of their budgets on a page; a refusal shows on the
form and books nothing; providers and portfolio holders do not reach these pages."""

from decimal import Decimal

import pytest

from accounting.models import EntryKind, JournalEntry
from core.roles import Role
from tests.accounting.html import table_rows
from tests.accounting.test_provider_payments import _funded_world, _grant
from tests.allocations.factories import RULE_6_TEXT
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _url(world, request, action=""):
    return f"/boekhouding/{world.fund.slug}/aanbieders/{request.pk}/" + (
        f"{action}/" if action else ""
    )


def _payments():
    return JournalEntry.objects.filter(
        kind__in=[EntryKind.PAYMENT_ADVANCE, EntryKind.PAYMENT_FINAL]
    ).count()


def test_two_books_a_payment_and_a_release_and_sees_the_figures(client_as):
    world = _funded_world()
    request = _grant(world)
    client = client_as(world.two)
    response = client.post(
        _url(world, request, "betaling"),
        {
            "payment-kind": "advance",
            "payment-amount": "45000",
            "payment-booked_on": "2016-08-01",
            "payment-note": "termijn 1",
        },
    )
    assert response.status_code == 302 and response["Location"] == _url(world, request)
    response = client.post(
        _url(world, request, "vrijval"),
        {
            "release-amount": "5000",
            "release-booked_on": "2016-12-30",
            "release-reason": "Niet benut in 2016",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Geboekt: Vrijval budget 2016 Aanbieder A" in page
    assert (
        "<dt>Toegekend</dt><dd>€ 100.000,00</dd>" in page
        and "<dt>Betaald</dt><dd>€ 45.000,00</dd>" in page
    )
    assert (
        "<dt>Vrijgevallen</dt><dd>€ 5.000,00</dd>" in page
        and "<dt>Nog te betalen</dt><dd>€ 50.000,00</dd>" in page
    )
    entries = [
        row[1:3] for row in table_rows(page, "entries")[1:]
    ]  # the grant itself is booked today
    assert entries[:2] == [
        ["1-8-2016", "Voorschot aan de aanbieder"],
        ["30-12-2016", "Verplichting vrijgevallen"],
    ]
    assert entries[2][1] == "Toekenning verplicht"
    listing = client.get(f"/boekhouding/{world.fund.slug}/aanbieders/").content.decode()
    assert table_rows(listing, "grants")[1][4:] == [
        "€ 100.000,00",
        "€ 45.000,00",
        "€ 5.000,00",
        "€ 50.000,00",
    ]
    assert 'data-testid="payment-form"' in page and 'data-testid="nothing-open"' not in page


def test_a_budget_paid_in_full_offers_no_more_bookings(client_as):
    world = _funded_world()
    request = _grant(world)
    client = client_as(world.two)
    client.post(
        _url(world, request, "betaling"),
        {
            "payment-kind": "final",
            "payment-amount": "100000",
            "payment-booked_on": "2016-12-01",
            "payment-note": "",
        },
    )
    page = client.get(_url(world, request)).content.decode()
    assert "<dt>Nog te betalen</dt><dd>€ 0,00</dd>" in page
    assert "Er staat niets meer open op dit budget" in page
    assert 'data-testid="payment-form"' not in page and 'data-testid="release-form"' not in page
    assert ["1-12-2016", "Eindbetaling aan de aanbieder"] in [
        row[1:3] for row in table_rows(page, "entries")[1:]
    ]


def test_a_payment_over_the_grant_is_shown_on_the_form_and_nothing_is_booked(client_as):
    world = _funded_world()
    request = _grant(world)
    client = client_as(world.two)
    before = _payments()
    response = client.post(
        _url(world, request, "betaling"),
        {"payment-kind": "final", "payment-amount": "100000.01", "payment-booked_on": "2016-12-20"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page
    assert (
        "kan nog ten hoogste € 100.000,00 worden betaald" in page and "Er is niets geboekt." in page
    )
    assert (
        'value="100.000,01"' in page
    )  # what was typed stays in the form, shown the Dutch way (issue 12, hole 6)
    assert _payments() == before


def test_a_form_with_missing_fields_names_them(client_as):
    world = _funded_world()
    request = _grant(world)
    response = client_as(world.two).post(
        _url(world, request, "vrijval"), {"release-amount": "-5", "release-reason": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde minstens 0,01 is." in page
    assert page.count("Dit veld is verplicht.") == 2  # booking date and reason
    assert not JournalEntry.objects.filter(kind=EntryKind.COMMITMENT_RELEASED).exists()


def test_only_two_reaches_the_provider_budget_pages(client_as):
    world = _funded_world()
    request = _grant(world)
    provider_user = make_user(
        "aanbieder-x", Role.PROVIDER, provider=request.provider
    )  # the provider itself
    holder = make_user("pho-x", Role.PORTFOLIO_HOLDER, municipality=world.municipalities[0])
    for user in (provider_user, holder):
        client = client_as(user)
        assert client.get(f"/boekhouding/{world.fund.slug}/aanbieders/").status_code in (403, 404)
        assert client.get(_url(world, request)).status_code in (403, 404)
        response = client.post(
            _url(world, request, "betaling"),
            {"payment-kind": "advance", "payment-amount": "1", "payment-booked_on": "2016-08-01"},
        )
        assert response.status_code in (403, 404)
    assert _payments() == 0


def test_a_request_without_a_grant_has_no_booking_page(client_as):
    world = _funded_world()
    provider = world.provider("aanbieder-b", budget_units=None)
    from allocations.services import budget_requests as request_services

    request = request_services.budget_request_submit(
        provider=provider,
        year=2016,
        quantities={provider.hours: Decimal("10")},
        motivation="Wachtlijst",
        user=provider.user,
        **RULE_6_TEXT,
    )
    assert client_as(world.two).get(_url(world, request)).status_code == 404
