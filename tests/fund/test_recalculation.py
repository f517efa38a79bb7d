"""A new circular recomputes a provisional tranche; a definitive tranche never changes."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from fund import services
from fund.exceptions import TrancheIsDefinitive
from fund.models import BudgetCircular, Contribution, Tranche, TrancheEvent
from fund.selectors import tranche_recalculation_preview
from tests.fund.conftest import PROVISIONAL_FUND

pytestmark = pytest.mark.django_db


def tranche(year):
    """2018: the provisional tranche of tests/fund/conftest.py; other years: the demo fund's."""
    slug = PROVISIONAL_FUND if year == 2018 else "tijdelijk-fonds-holland-rijnland"
    return Tranche.objects.get(fund__slug=slug, year=year)


def amounts(t):
    return dict(Contribution.objects.filter(tranche=t).values_list("municipality__name", "amount"))


def test_preview_shows_difference_per_municipality_and_saves_nothing(provisional_tranche):
    t2018 = tranche(2018)
    before = amounts(t2018)
    preview = tranche_recalculation_preview(
        tranche=t2018, circular=BudgetCircular.objects.get(slug="meicirculaire-2017")
    )
    assert len(preview.rows) == 13
    assert preview.total_current == preview.total_new == Decimal(2_000_000)
    assert preview.total_difference == 0
    assert any(r.difference != 0 for r in preview.rows)
    for row in preview.rows:
        assert row.current == before[row.municipality.name]
        assert row.difference == row.new - row.current
    assert amounts(t2018) == before


def test_confirm_rebases_and_records_who_and_what(provisional_tranche):
    user = get_user_model().objects.get(username="two")
    circular = BudgetCircular.objects.get(slug="meicirculaire-2017")
    t2018 = tranche(2018)
    preview = tranche_recalculation_preview(tranche=t2018, circular=circular)
    services.tranche_rebase(
        tranche=t2018, circular=circular, user=user, note="Meicirculaire 2017 verschenen"
    )
    t2018.refresh_from_db()
    assert t2018.basis == circular
    assert amounts(t2018) == {r.municipality.name: r.new for r in preview.rows}
    assert sum(amounts(t2018).values()) == Decimal(2_000_000)
    event = t2018.events.get(kind=TrancheEvent.Kind.REBASED)
    assert (event.user, event.old_basis.slug, event.new_basis, event.note) == (
        user,
        "meicirculaire-2016",
        circular,
        "Meicirculaire 2017 verschenen",
    )
    # the history keeps what was charged before
    leiden = Contribution.objects.get(tranche=t2018, municipality__name="Leiden")
    assert leiden.history.count() >= 2


def test_definitive_tranche_cannot_be_rebased(provisional_tranche):
    t2017 = tranche(2017)
    before = amounts(t2017)
    with pytest.raises(TrancheIsDefinitive, match="definitief"):
        services.tranche_rebase(
            tranche=t2017, circular=BudgetCircular.objects.get(slug="meicirculaire-2017"), user=None
        )
    assert amounts(t2017) == before


def test_make_definitive_once(provisional_tranche):
    user = get_user_model().objects.get(username="two")
    t2018 = tranche(2018)
    services.tranche_make_definitive(tranche=t2018, user=user)
    assert tranche(2018).status == Tranche.Status.DEFINITIVE
    with pytest.raises(TrancheIsDefinitive):
        services.tranche_make_definitive(tranche=t2018, user=user)
    assert t2018.events.filter(kind=TrancheEvent.Kind.MADE_DEFINITIVE).count() == 1


def test_circular_without_the_year_gives_a_clear_error(provisional_tranche):
    from fund.exceptions import FundError

    with pytest.raises(FundError, match="geen grondslag voor 2018"):
        tranche_recalculation_preview(
            tranche=tranche(2018),
            circular=BudgetCircular.objects.get(slug="meicirculaire-2016").__class__.objects.create(
                name="Leeg", slug="leeg", published_year=2019
            ),
        )
