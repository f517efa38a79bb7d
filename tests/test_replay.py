"""tests/replay.py: a replayed demo is row for row the demo that load_demo makes, and the database
keeps its triggers afterwards."""

import os

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from accounting.models import JournalLine
from tests import replay


def _everything():
    backend = replay._Postgres() if connection.vendor == "postgresql" else replay._Sqlite()
    return {
        table: sorted(map(repr, lines))
        for table, (_, lines) in backend.read(backend.tables()).items()
    }


def _load():
    call_command("load_demo", stdout=open(os.devnull, "w"))


def _triggers():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"
            )
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
        return cursor.fetchall()


def test_a_replayed_demo_is_the_demo_that_load_demo_makes(db):
    triggers = _triggers()
    before = transaction.savepoint()
    made = replay.stats["made"]
    replay.replay("test_replay", _load)
    loaded = _everything()
    assert replay.stats["made"] == made + 1
    assert sum(map(len, loaded.values())) > 3000  # the demo is there

    transaction.savepoint_rollback(before)
    replayed_before = replay.stats["replayed"]
    replay.replay("test_replay", _load)
    assert replay.stats["replayed"] == replayed_before + 1
    assert _everything() == loaded
    assert _triggers() == triggers


def test_after_a_replay_the_write_once_triggers_still_refuse_a_change(db):
    replay.replay("test_replay_triggers", _load)
    replay.replay(
        "test_replay_triggers_nothing", lambda: None
    )  # a second replay in a state with the demo
    line = JournalLine.objects.order_by("pk").first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounting_journalline SET amount = amount + 1 WHERE id = %s", [line.pk]
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == "origin"


def test_a_test_that_made_rows_of_its_own_first_gets_the_demo_made_for_it(db, two_user):
    made = replay.stats["made"]
    replay.replay("test_replay_own_rows", _load)
    assert replay.stats["made"] == made + 1
    assert JournalLine.objects.exists()
