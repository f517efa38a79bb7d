"""Confirming a recalculation with a circular the page did not offer, or a note that is too long, is
refused with a Dutch message on the page and changes nothing (issue 12; found by
tests/corpus/test_bad_forms_proposals_fund.py: the page came back without a word)."""

import html

import pytest

from fund.models import BudgetCircular, Contribution, Tranche
from tests.fund.conftest import PROVISIONAL_FUND

pytestmark = pytest.mark.django_db
URL = f"/fondsen/{PROVISIONAL_FUND}/2018/herberekenen/"


def _state():
    tranche = Tranche.objects.get(fund__slug=PROVISIONAL_FUND, year=2018)
    return tranche.basis_id, sorted(
        Contribution.objects.filter(tranche=tranche).values_list("municipality", "amount")
    )


@pytest.mark.parametrize("circular", ["", "abc", "99999999999999999999", "=1+1"])
def test_a_circular_the_page_did_not_offer_is_refused_in_dutch(
    demo_client, provisional_tranche, circular
):
    before = _state()
    page = html.unescape(
        demo_client("two")
        .post(URL, {"circular": circular, "note": "x"}, follow=True)
        .content.decode()
    )
    assert "Er is niets herberekend. Nieuwe grondslag: " in page
    assert _state() == before


def test_a_note_too_long_shows_the_difference_again_with_its_message(
    demo_client, provisional_tranche
):
    before = _state()
    circular = BudgetCircular.objects.get(slug="meicirculaire-2017")
    page = html.unescape(
        demo_client("two").post(URL, {"circular": circular.pk, "note": "x" * 501}).content.decode()
    )
    assert (
        '<p class="utrecht-form-field-error-message">Zorg dat deze waarde niet meer dan 500 tekens bevat (het zijn er nu 501).</p>'
        in page
    )
    assert "Verschil op grond van Meicirculaire 2017" in page and "Bevestig herberekening" in page
    assert _state() == before
