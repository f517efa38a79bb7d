"""The chart of accounts, and database triggers that refuse to change booked journal rows.

UPDATE is refused on every database. DELETE is refused on PostgreSQL; on SQLite a DELETE
trigger would also fire on the test runner's flush (SQLite has no TRUNCATE), so there the
models and querysets refuse deletes and every foreign key to the journal is PROTECT.
"""

from django.db import migrations

CHART = [
    ("bank", "Liquide middelen", "asset"),
    ("receivable", "Te ontvangen bijdragen", "asset"),
    ("income", "Bijdragen en uitkeringen", "income"),
    ("commitments", "Aangegane verplichtingen projecten", "liability"),
    ("project_costs", "Projectlasten", "expense"),
    ("direct_costs", "Proces- en coördinatiekosten", "expense"),
]
TABLES = ["accounting_journalentry", "accounting_journalline"]


def create_chart(apps, schema_editor):
    Account = apps.get_model("accounting", "Account")
    for code, name, kind in CHART:
        Account.objects.update_or_create(code=code, defaults={"name": name, "kind": kind})


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'journal rows are immutable: book a reversing entry'); END"
            )
        elif vendor == "postgresql":
            schema_editor.execute(
                "CREATE OR REPLACE FUNCTION accounting_journal_immutable() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'journal rows are immutable: book a reversing entry'; END; $$ LANGUAGE plpgsql"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION accounting_journal_immutable()"
            )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")


class Migration(migrations.Migration):
    dependencies = [("accounting", "0001_initial")]

    operations = [
        migrations.RunPython(create_chart, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
