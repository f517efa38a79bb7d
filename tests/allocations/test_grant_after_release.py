"""Budget the books released of a provider's grant (accounting.services.awards.budget_commitment_release)
is free again: TWO can grant it to another provider."""

from decimal import Decimal

from django.urls import reverse

from accounting.selectors.ledger import fund_award_room
from accounting.services.awards import budget_commitment_release
from allocations.models import BudgetRequest
from allocations.services import budget_requests as request_services
from tests.allocations.factories import RULE_6_TEXT, World
from tests.allocations.test_pages import text


def test_a_grant_that_fits_only_thanks_to_a_release_is_made(db, client):
    world = World(fund_amount=Decimal("100000"))
    first = world.provider("aanbieder-a", budget_units=Decimal("800"))  # € 80.000 of € 100.000
    second = world.provider("aanbieder-b", budget_units=None)
    request = request_services.budget_request_submit(
        provider=second,
        year=2016,
        quantities={second.hours: Decimal("400")},
        motivation="Wachtlijst",
        user=second.user,
        **RULE_6_TEXT,
    )  # € 40.000
    client.force_login(world.two, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("allocations:request", args=[second.slug, request.pk])
    decision = {f"g_{request.lines.get().pk}": "400", "note": ""}

    refused = text(client.post(url, decision))
    assert "Het fonds kan nog € 20.000,00 toekennen; de toekenning op PxQ-aanvraag" in refused
    assert "van € 40.000,00 past daar niet in. Er is niets toegekend." in refused

    budget_commitment_release(
        budget_request=BudgetRequest.objects.get(provider=first),
        amount=Decimal("30000"),
        user=world.two,
        reason="Wachtlijst sneller weggewerkt",
    )
    granted = text(client.post(url, decision, follow=True))
    assert "Het besluit over de aanvraag is vastgelegd." in granted
    assert BudgetRequest.objects.get(pk=request.pk).get_status_display() == "Toegekend"


def test_what_is_left_counts_grants_minus_releases(db, django_assert_num_queries):
    world = World(fund_amount=Decimal("100000"))
    provider = world.provider("aanbieder-a", budget_units=Decimal("800"))
    budget_commitment_release(
        budget_request=BudgetRequest.objects.get(provider=provider),
        amount=Decimal("30000"),
        user=world.two,
        reason="Niet gebruikt",
    )
    with django_assert_num_queries(1):  # the tranches summed and the running totals (FundMeans)
        room = fund_award_room(world.fund)
    assert (room.tranches, room.committed, room.remaining) == (
        Decimal("100000.00"),
        Decimal("50000.00"),
        Decimal("50000.00"),
    )
