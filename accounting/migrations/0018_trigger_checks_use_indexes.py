"""The row-level checks of PostgreSQL (migrations 0007 and 0008) look up one entry's or one
award's lines, for which an index is always the right plan. PL/pgSQL plans their queries once per
connection, with the statistics of that moment: planned while the journal was still small (a new
installation, or a test database analysed at 20 lines) they scan the whole table, and then a
payment read the whole journal for each line it inserted, more as the journal grew (issue 17).
The functions now plan without sequential scans, whatever the statistics say."""

from django.db import migrations

FUNCTIONS = [
    "accounting_entry_balances()",
    "accounting_payments_within_award()",
    "accounting_payments_within_grant()",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for function in FUNCTIONS:
            schema_editor.execute(f"ALTER FUNCTION {function} SET enable_seqscan = off")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for function in FUNCTIONS:
            schema_editor.execute(f"ALTER FUNCTION {function} RESET enable_seqscan")


class Migration(migrations.Migration):
    dependencies = [("accounting", "0017_partial_award_and_grant_indexes")]

    operations = [migrations.RunPython(create, drop)]
