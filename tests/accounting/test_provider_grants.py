"""A provider's PxQ budget granted by TWO (seed 002 §2.2) is a commitment of the knelpunten fund:
booked in the same transaction as the budget lines, counted in the fund's figures like an award."""

from decimal import Decimal

import pytest
from djmoney.money import Money

from accounting.exceptions import AccountingError, FundOverdrawn
from accounting.models import EntryKind, JournalEntry, JournalLine
from accounting.selectors.ledger import fund_year_figures
from accounting.services.awards import budget_grant_commit, budget_grant_make
from accounting.services.ledger import entry_reverse
from allocations.models import BudgetLine, BudgetRequest
from allocations.services import budget_requests as request_services
from tests.accounting.factories import AwardFactory, committed
from tests.allocations.factories import RULE_6_TEXT, TariffFactory, World
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def _request(world, slug="aanbieder-a", hours="120", days="10", year=2016):
    provider = world.provider(slug, budget_units=None)
    request = request_services.budget_request_submit(
        provider=provider,
        year=year,
        quantities={provider.hours: Decimal(hours), provider.days: Decimal(days)},
        motivation="Wachtlijst",
        user=provider.user,
        **RULE_6_TEXT,
    )
    return provider, request


def _granted(request, **by_code):
    return {
        line.pk: Decimal(by_code[line.product.code])
        for line in request.lines.select_related("product")
    }


def _entry(request) -> JournalEntry:
    return JournalEntry.objects.get(
        lines__budget_request=request,
        kind=EntryKind.AWARD_COMMITTED,
        reverses__isnull=True,
        lines__account__code="commitments",
    )


def _lines(entry):
    return sorted(
        (line.account.code, line.amount.amount, line.year)
        for line in entry.lines.select_related("account")
    )


def test_a_full_grant_books_a_balanced_commitment_of_the_granted_amount(db):
    world = World()
    _, request = _request(world)  # 120 h x € 100 + 10 etmaal x € 250 = € 14.500
    budget_grant_make(
        request=request,
        granted=_granted(request, **{"45A01": "120", "43A02": "10"}),
        note="",
        user=world.two,
    )
    entry = _entry(request)
    assert entry.fund == world.fund and entry.created_by == world.two
    assert _lines(entry) == [
        ("commitments", Decimal("-14500.00"), 2016),
        ("project_costs", Decimal("14500.00"), 2016),
    ]
    assert sum(line.amount.amount for line in entry.lines.all()) == 0
    assert "Aanbieder A" in entry.description and f"PxQ-aanvraag {request.pk}" in entry.description
    [year] = fund_year_figures(world.fund)
    assert (year.committed, year.tranche) == (Decimal("14500.00"), Decimal("3000000.00"))


def test_a_partial_grant_commits_only_what_was_granted(db):
    world = World()
    _, request = _request(world)
    budget_grant_make(
        request=request,
        granted=_granted(request, **{"45A01": "80", "43A02": "0"}),
        note="deels",
        user=world.two,
    )
    assert _lines(_entry(request)) == [
        ("commitments", Decimal("-8000.00"), 2016),
        ("project_costs", Decimal("8000.00"), 2016),
    ]
    granted = sum(
        line.amount.amount for line in BudgetLine.objects.filter(request_line__request=request)
    )
    assert granted == Decimal("8000.00") == fund_year_figures(world.fund)[0].committed


def test_a_rejected_request_books_nothing(db):
    world = World()
    _, request = _request(world)
    budget_grant_make(
        request=request, granted={}, note="geen wachtlijst aangetoond", user=world.two
    )
    assert BudgetRequest.objects.get(pk=request.pk).status == "rejected"
    assert not JournalEntry.objects.filter(fund=world.fund).exists()


def test_a_grant_the_books_refuse_saves_nothing(db):
    world = World(fund_amount=Decimal("50000"))
    award = AwardFactory(
        proposal=ProposalFactory(fund=world.fund, status="awarded"),
        year=2016,
        amount=Money(Decimal("45000"), "EUR"),
    )
    committed(award)  # the fund also carries a project: € 5.000 is free
    _, request = _request(world, hours="100", days="0.01")
    with pytest.raises(
        FundOverdrawn,
        match=r"Het fonds kan nog € 5\.000,00 toekennen; .* van € 10\.000,00 past daar niet in\. Er is niets toegekend",
    ):
        budget_grant_make(
            request=request,
            granted=_granted(request, **{"45A01": "100", "43A02": "0"}),
            note="",
            user=world.two,
        )
    request = BudgetRequest.objects.get(pk=request.pk)
    assert request.status == "submitted" and list(
        request.events.values_list("to_status", flat=True)
    ) == ["submitted"]
    assert not BudgetLine.objects.filter(request_line__request=request).exists()
    assert set(request.lines.values_list("granted_quantity", flat=True)) == {None}
    assert not JournalLine.objects.filter(budget_request=request).exists()
    assert fund_year_figures(world.fund)[0].committed == Decimal("45000.00")


def test_a_grant_for_a_year_outside_the_funds_term_is_refused(db):
    world = World()
    for code in ("45A01", "43A02"):
        TariffFactory(region=world.region, year=2017, product_code=code)
    _, request = _request(world, year=2017)
    with pytest.raises(AccountingError, match="2017; dat valt buiten de looptijd"):
        budget_grant_make(
            request=request,
            granted=_granted(request, **{"45A01": "1", "43A02": "1"}),
            note="",
            user=world.two,
        )
    assert not BudgetLine.objects.filter(request_line__request=request).exists()
    assert not JournalEntry.objects.exists()


def test_the_page_shows_why_the_books_refused_the_grant(db, client_as):
    world = World(fund_amount=Decimal("50000"))
    award = AwardFactory(
        proposal=ProposalFactory(fund=world.fund, status="awarded"),
        year=2016,
        amount=Money(Decimal("45000"), "EUR"),
    )
    committed(award)
    provider, request = _request(world, hours="100", days="1")
    form = {f"g_{line.pk}": str(line.quantity) for line in request.lines.all()}
    response = client_as(world.two).post(
        f"/budgetten/aanbieder/{provider.slug}/aanvragen/{request.pk}/", {**form, "note": ""}
    )
    assert response.status_code == 200
    assert "Het fonds kan nog € 5.000,00 toekennen;" in response.content.decode()
    assert BudgetRequest.objects.get(pk=request.pk).status == "submitted"
    assert not BudgetLine.objects.filter(request_line__request=request).exists()


def test_a_transfer_between_products_books_nothing(db):
    world = World()
    provider = world.provider("aanbieder-a")  # 1000 h x € 100 granted
    before = list(JournalLine.objects.values_list("pk", flat=True))
    request_services.budget_transfer(
        provider=provider,
        year=2016,
        from_product=provider.hours,
        to_product=provider.days,
        amount=Decimal("25000"),
        reason="Meer verblijf nodig",
        user=world.two,
    )
    assert list(JournalLine.objects.values_list("pk", flat=True)) == before
    assert fund_year_figures(world.fund)[0].committed == Decimal("100000.00")


def test_a_grant_commitment_is_final_in_the_books(db):
    world = World()
    provider = world.provider("aanbieder-a")
    entry = _entry(BudgetRequest.objects.get(provider=provider))
    with pytest.raises(AccountingError, match="aanbiedersbudget .* definitief"):
        entry_reverse(entry=entry, user=world.two, reason="vergissing")
    with pytest.raises(AccountingError, match="al als verplichting geboekt"):
        budget_grant_commit(budget_request=entry.lines.first().budget_request, user=world.two)
