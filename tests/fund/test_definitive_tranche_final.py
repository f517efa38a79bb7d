"""A definitive tranche and its contributions are final in the model, the admin and the database;
no cascade deletes a write-once TrancheEvent (issue 12, hole 2). Runs on SQLite and PostgreSQL."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from djmoney.money import Money

from core.exceptions import WriteOnceError
from core.roles import Role
from fund import services
from fund.models import Contribution, Fund, Tranche, TrancheEvent
from tests.factories import make_user
from tests.proposals.factories import regional_fund_with_municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def definitive():
    fund, _ = regional_fund_with_municipalities(3, years=(2016, 2017))
    tranche = fund.tranches.get(year=2016)
    user = make_user("two-final", Role.TWO)
    services.tranche_make_definitive(tranche=tranche, user=user)
    tranche.refresh_from_db()
    return tranche


def _state():
    return (
        list(Tranche.objects.order_by("pk").values_list("pk", "amount", "status")),
        list(Contribution.objects.order_by("pk").values_list("pk", "amount")),
        TrancheEvent.objects.count(),
    )


def test_the_model_refuses_to_change_or_delete_a_definitive_tranche_and_its_contributions(
    definitive,
):
    before = _state()
    definitive.amount = Money(Decimal("1.00"), "EUR")
    with pytest.raises(WriteOnceError, match="is definitief"):
        definitive.save()
    definitive.refresh_from_db()
    with pytest.raises(WriteOnceError):
        definitive.delete()
    contribution = definitive.contributions.first()
    contribution.amount = Money(Decimal("1.00"), "EUR")
    with pytest.raises(WriteOnceError):
        contribution.save()
    with pytest.raises(WriteOnceError):
        contribution.delete()
    with pytest.raises(WriteOnceError), transaction.atomic():
        Contribution.objects.filter(
            tranche=definitive
        ).delete()  # a queryset delete sends pre_delete too
    assert _state() == before


def test_deleting_the_fund_cascades_into_nothing(definitive):
    before = _state()
    with pytest.raises((WriteOnceError, ProtectedError)):
        with transaction.atomic():
            Fund.objects.filter(pk=definitive.fund_id).delete()
    assert _state() == before


def test_a_provisional_tranche_with_history_keeps_it(definitive):
    provisional = definitive.fund.tranches.get(year=2017)
    TrancheEvent.objects.create(
        tranche=provisional, kind=TrancheEvent.Kind.COMPUTED, new_status="provisional"
    )
    with pytest.raises(ProtectedError), transaction.atomic():
        provisional.delete()
    assert TrancheEvent.objects.filter(tranche=provisional).exists()


def test_the_grant_decision_can_still_be_recorded_on_a_definitive_tranche(definitive):
    definitive.grant_decision_number, definitive.grant_decision_date = (
        "VWS-1",
        definitive.fund.term_start,
    )
    definitive.save(update_fields=["grant_decision_number", "grant_decision_date"])
    assert Tranche.objects.get(pk=definitive.pk).grant_decision_number == "VWS-1"


def _sql(statement, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_the_database_refuses_changes_to_a_definitive_tranche_and_its_contributions(definitive):
    before = _state()
    with pytest.raises(DatabaseError):
        _sql("UPDATE fund_tranche SET amount = 1 WHERE id = %s", [definitive.pk])
    with pytest.raises(DatabaseError):
        _sql("UPDATE fund_tranche SET status = 'provisional' WHERE id = %s", [definitive.pk])
    with pytest.raises(DatabaseError):
        _sql("UPDATE fund_contribution SET amount = 1 WHERE tranche_id = %s", [definitive.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError):
            _sql("DELETE FROM fund_contribution WHERE tranche_id = %s", [definitive.pk])
        with pytest.raises(DatabaseError):
            _sql("DELETE FROM fund_tranche WHERE id = %s", [definitive.pk])
    assert _state() == before
    provisional = definitive.fund.tranches.get(year=2017)
    _sql(
        "UPDATE fund_tranche SET amount = 5 WHERE id = %s", [provisional.pk]
    )  # a provisional one may change
    assert Tranche.objects.get(pk=provisional.pk).amount.amount == 5


def test_the_admin_shows_a_definitive_tranche_read_only_and_says_why(definitive, client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser(
        "root-final", "root@example.org", "x-long-password-1"
    )
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/beheer/fund/tranche/{definitive.pk}/change/"
    page = client.get(url).content.decode()
    assert "is definitief: het bedrag, de grondslag en de bijdragen liggen vast" in page
    assert 'name="amount_0"' not in page and "/delete/" not in page
    client.post(
        url,
        {
            "fund": definitive.fund_id,
            "year": definitive.year,
            "amount_0": "1.00",
            "amount_1": "EUR",
            "status": "definitive",
            "rounding_unit": "1",
        },
    )
    assert client.get(f"/beheer/fund/tranche/{definitive.pk}/delete/").status_code == 403
    contribution = definitive.contributions.first()
    assert client.get(f"/beheer/fund/contribution/{contribution.pk}/delete/").status_code == 403
    assert Tranche.objects.get(pk=definitive.pk).amount == definitive.amount
