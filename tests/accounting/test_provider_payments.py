"""A provider's PxQ budget granted from the knelpunten fund (seed 002 §2.2) is paid in advances
and a final payment, never above what was granted; what it does not use is released, is free
again in the fund and goes back to the municipalities at settlement."""

import datetime as dt
from decimal import Decimal

import pytest
from djmoney.money import Money

from accounting.exceptions import AccountingError, FundOverdrawn, PaymentExceedsAward
from accounting.models import EntryKind, JournalEntry, SettlementGroup, SettlementGroupMember
from accounting.selectors.ledger import fund_year_figures
from accounting.selectors.overview import fund_overview, provider_grants
from accounting.selectors.settlement import settlement_preview
from accounting.services.awards import budget_commitment_release, budget_payment_make
from accounting.services.ledger import contribution_receive, contributions_charge, entry_reverse
from accounting.services.settlement import settlement_confirm
from allocations.models import BudgetRequest
from fund.models import Contribution
from tests.accounting.html import table_rows
from tests.allocations.factories import RULE_6_TEXT, World
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _funded_world(fund_amount="3000000", receive=True):
    """The knelpunten fund of `World`, charged to two municipalities (2:1) and received."""
    fund_amount = D(fund_amount)
    world = World(fund_amount=fund_amount)
    tranche = world.fund.tranches.get()
    world.municipalities = [
        MunicipalityFactory(region=world.region, name=f"Gemeente {c}") for c in "AB"
    ]
    for municipality, share in zip(world.municipalities, (D(2) / 3, D(1) / 3), strict=True):
        Contribution.objects.create(
            tranche=tranche,
            municipality=municipality,
            counted_budget=Money(share * 300, "EUR"),
            amount=Money((fund_amount * share).quantize(D("0.01")), "EUR"),
        )
    contributions_charge(tranche=tranche, user=world.two, booked_on=dt.date(2016, 7, 15))
    if receive:
        for c in tranche.contributions.all():
            contribution_receive(
                fund=world.fund,
                year=2016,
                municipality=c.municipality,
                amount=c.amount.amount,
                user=world.two,
                booked_on=dt.date(2016, 9, 1),
            )
    return world


def _grant(world, slug="aanbieder-a"):
    """A provider with € 100.000 granted (1000 h x € 100)."""
    provider = world.provider(slug)
    return BudgetRequest.objects.get(provider=provider)


def _row(world, budget_request):
    return next(g for g in provider_grants(world.fund) if g.request_id == budget_request.pk)


def test_advances_and_a_final_payment_up_to_the_grant_and_the_rest_is_released():
    world = _funded_world()
    request = _grant(world)
    budget_payment_make(budget_request=request, amount=D("40000"), final=False, user=world.two)
    entry = budget_payment_make(
        budget_request=request, amount=D("55000"), final=True, user=world.two, note="jaar"
    )
    assert (
        entry.kind == EntryKind.PAYMENT_FINAL
        and "Eindbetaling budget 2016 Aanbieder A" in entry.description
    )
    row = _row(world, request)
    assert (row.granted, row.paid, row.released, row.committed, row.open) == (
        D("100000"),
        D("95000"),
        D("5000"),
        D("95000"),
        D("0"),
    )
    [year] = fund_year_figures(world.fund)
    assert (year.committed, year.paid, year.outstanding) == (D("95000"), D("95000"), D("0"))
    with pytest.raises(PaymentExceedsAward, match="eindbetaling al gedaan"):
        budget_payment_make(budget_request=request, amount=D("1"), final=False, user=world.two)


def test_a_payment_above_what_is_left_of_the_grant_is_refused_with_the_amount_left():
    world = _funded_world()
    request = _grant(world)
    budget_payment_make(budget_request=request, amount=D("70000"), final=False, user=world.two)
    budget_commitment_release(
        budget_request=request, amount=D("10000"), user=world.two, reason="niet nodig"
    )
    before = JournalEntry.objects.count()
    with pytest.raises(
        PaymentExceedsAward,
        match=(
            r"Op het budget van Aanbieder A \(PxQ-aanvraag \d+\) kan nog ten hoogste € 20\.000,00 worden betaald "
            r"\(toegekend € 100\.000,00, min wat al betaald of vrijgevallen is\); € 20\.000,01 is te veel"
        ),
    ):
        budget_payment_make(
            budget_request=request, amount=D("20000.01"), final=False, user=world.two
        )
    assert JournalEntry.objects.count() == before


def test_the_fund_never_pays_a_provider_more_than_it_received_plus_may_still_receive():
    world = World()  # granted, but nothing charged to the municipalities yet
    request = _grant(world)
    with pytest.raises(
        FundOverdrawn,
        match=r"samen € 0,00 beschikbaar; een betaling van € 1\.000,00 zou meer uitbetalen",
    ):
        budget_payment_make(budget_request=request, amount=D("1000"), final=False, user=world.two)
    assert not JournalEntry.objects.filter(
        kind__in=[EntryKind.PAYMENT_ADVANCE, EntryKind.PAYMENT_FINAL]
    ).exists()


def test_nothing_is_paid_on_a_request_without_a_grant():
    world = _funded_world()
    provider = world.provider("aanbieder-b", budget_units=None)
    from allocations.services import budget_requests as request_services

    request = request_services.budget_request_submit(
        provider=provider,
        year=2016,
        quantities={provider.hours: D("10")},
        motivation="Wachtlijst",
        user=provider.user,
        **RULE_6_TEXT,
    )
    with pytest.raises(AccountingError, match="niets toegekend; er valt niets te betalen"):
        budget_payment_make(budget_request=request, amount=D("1"), final=False, user=world.two)
    with pytest.raises(AccountingError, match="€ 0,00 als verplichting open"):
        budget_commitment_release(budget_request=request, amount=D("1"), user=world.two, reason="x")


def test_a_release_is_never_more_than_is_committed_and_unpaid_and_needs_a_reason():
    world = _funded_world()
    request = _grant(world)
    budget_payment_make(budget_request=request, amount=D("60000"), final=False, user=world.two)
    with pytest.raises(
        AccountingError,
        match=(
            r"Van het budget van Aanbieder A \(PxQ-aanvraag \d+\) staat nog € 40\.000,00 als verplichting open "
            r"\(toegekend en niet betaald\); € 40\.000,01 kan niet vrijvallen"
        ),
    ):
        budget_commitment_release(
            budget_request=request, amount=D("40000.01"), user=world.two, reason="jaar om"
        )
    with pytest.raises(AccountingError, match="Geef een reden"):
        budget_commitment_release(budget_request=request, amount=D("1"), user=world.two, reason=" ")
    entry = budget_commitment_release(
        budget_request=request,
        amount=D("40000"),
        user=world.two,
        reason="Niet benut in 2016",
        booked_on=dt.date(2016, 12, 30),
    )
    assert entry.kind == EntryKind.COMMITMENT_RELEASED and entry.booked_on == dt.date(2016, 12, 30)
    with pytest.raises(PaymentExceedsAward, match="ten hoogste € 0,00"):
        budget_payment_make(budget_request=request, amount=D("0.01"), final=False, user=world.two)


def test_released_money_is_free_again_and_returns_to_the_municipalities_at_settlement():
    world = _funded_world()
    request = _grant(world)
    budget_payment_make(budget_request=request, amount=D("70000"), final=False, user=world.two)
    group = SettlementGroup.objects.create(
        fund=world.fund, name="Einde 2016", settle_after=dt.date(2016, 12, 31)
    )
    for m in world.municipalities:
        SettlementGroupMember.objects.create(
            group=group, municipality=m, from_year=2016, to_year=2016
        )
    before = settlement_preview(group)
    assert (before.total, before.outstanding) == (
        D("2900000.00"),
        D("30000.00"),
    )  # 3M minus the € 100.000 granted
    remaining = fund_overview(world.fund).total.remaining
    budget_commitment_release(
        budget_request=request, amount=D("30000"), user=world.two, reason="Niet benut"
    )
    assert fund_overview(world.fund).total.remaining == remaining + D("30000")
    after = settlement_preview(group)
    assert (after.total, after.outstanding) == (D("2930000.00"), D("0.00"))
    assert [row.amount for row in after.lines] == [
        D("1953333.33"),
        D("976666.67"),
    ]  # 2:1, as they contributed
    settlement = settlement_confirm(group=group, user=world.two, today=dt.date(2017, 1, 16))
    assert settlement.total.amount == D("2930000.00")


def test_a_payment_to_a_provider_is_corrected_by_a_reversal_but_a_release_is_final():
    world = _funded_world()
    request = _grant(world)
    payment = budget_payment_make(
        budget_request=request, amount=D("60000"), final=False, user=world.two
    )
    entry_reverse(entry=payment, user=world.two, reason="Verkeerd bedrag")
    assert (_row(world, request).paid, _row(world, request).open) == (D("0"), D("100000"))
    release = budget_commitment_release(
        budget_request=request, amount=D("1000"), user=world.two, reason="x"
    )
    with pytest.raises(AccountingError, match="vrijval van een aanbiedersbudget .* definitief"):
        entry_reverse(entry=release, user=world.two, reason="toch nodig")


def test_the_overview_shows_granted_paid_released_and_open_per_provider(
    client_as, django_assert_max_num_queries
):
    world = _funded_world()
    first, second = _grant(world, "aanbieder-a"), _grant(world, "aanbieder-b")
    budget_payment_make(budget_request=first, amount=D("60000"), final=True, user=world.two)
    budget_payment_make(budget_request=second, amount=D("25000"), final=False, user=world.two)
    client = client_as(world.two)
    with django_assert_max_num_queries(
        16
    ):  # the pinned number of the overview page (test_pages): no query more
        page = client.get(f"/boekhouding/{world.fund.slug}/overzicht/").content.decode()
    grants = table_rows(page, "table-4")
    assert grants[0] == [
        "Aanbieder",
        "PxQ-aanvraag",
        "Jaar",
        "Status",
        "Toegekend",
        "Betaald",
        "Vrijgevallen",
        "Nog te betalen",
    ]
    assert grants[1] == [
        "Aanbieder A",
        str(first.pk),
        "2016",
        "Toegekend",
        "€ 100.000,00",
        "€ 60.000,00",
        "€ 40.000,00",
        "€ 0,00",
    ]
    assert grants[2][4:] == ["€ 100.000,00", "€ 25.000,00", "€ 0,00", "€ 75.000,00"]
    assert grants[-1][4:] == ["€ 200.000,00", "€ 85.000,00", "€ 40.000,00", "€ 75.000,00"]
    assert f"/boekhouding/{world.fund.slug}/aanbieders/" in page
