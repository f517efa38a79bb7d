"""Records that must stay (decisions, letters, votes, bookings, logs) are refused changes by the
models and by the database itself."""

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from core.exceptions import WriteOnceError
from core.models import WriteOnceModel

pytestmark = pytest.mark.django_db

WRITE_ONCE = sorted(
    (m for m in apps.get_models() if issubclass(m, WriteOnceModel)), key=lambda m: m._meta.label
)


def _triggers(table: str) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [table],
            )
        return {row[0] for row in cursor.fetchall()}


def test_the_records_that_must_stay_are_write_once():
    labels = {m._meta.label for m in WRITE_ONCE}
    assert {
        "proposals.Decision",
        "proposals.DecisionLetter",
        "proposals.VoteRecord",
        "proposals.Award",
        "proposals.Transition",
        "accounting.JournalEntry",
        "accounting.JournalLine",
        "accounting.Settlement",
        "allocations.BsnAccessLog",
        "allocations.BudgetLine",
        "fund.TrancheEvent",
    } <= labels


@pytest.mark.parametrize("model", WRITE_ONCE, ids=lambda m: m._meta.label)
def test_every_write_once_table_has_a_database_trigger(model):
    assert _triggers(model._meta.db_table), (
        f"{model._meta.db_table} has no trigger that refuses changes"
    )


def test_the_database_refuses_updates_of_demo_records(demo):
    covered = []
    for model in WRITE_ONCE:
        row = model._base_manager.order_by("pk").first()
        if row is None:
            continue
        table, pk_column = model._meta.db_table, model._meta.pk.column
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE {table} SET "{pk_column}" = "{pk_column}" WHERE "{pk_column}" = %s',
                [row.pk],
            )
        with pytest.raises(WriteOnceError):
            row.save()
        with pytest.raises(WriteOnceError):
            model.objects.filter(pk=row.pk).update(pk=row.pk)
        with pytest.raises(WriteOnceError):
            row.delete()
        if connection.vendor == "postgresql":
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f'DELETE FROM {table} WHERE "{pk_column}" = %s', [row.pk])
        assert model._base_manager.filter(pk=row.pk).exists()
        covered.append(model._meta.label)
    assert len(covered) >= 10, covered
