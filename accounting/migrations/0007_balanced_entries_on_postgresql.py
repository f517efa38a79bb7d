"""PostgreSQL checks at commit that every journal entry balances (its lines sum to zero), so no
code path can leave a one-sided booking. A deferred constraint trigger: lines are inserted one by
one, the sum is checked once the transaction commits. SQLite has no deferred triggers; there
accounting.services (entry_post) refuses an unbalanced entry before anything is written."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION accounting_entry_balances() RETURNS trigger AS $$
DECLARE total numeric;
BEGIN
    SELECT COALESCE(SUM(amount), 0) INTO total FROM accounting_journalline WHERE entry_id = NEW.entry_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance: its lines sum to %', NEW.entry_id, total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entry_balances';
    END IF;
    RETURN NULL;
END; $$ LANGUAGE plpgsql
"""
TRIGGER = """
CREATE CONSTRAINT TRIGGER journal_entry_balances AFTER INSERT ON accounting_journalline
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounting_entry_balances()
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)  # % is PL/pgSQL here, not a placeholder
        schema_editor.execute(TRIGGER, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS journal_entry_balances ON accounting_journalline")


class Migration(migrations.Migration):
    dependencies = [("accounting", "0006_journal_line_budget_request")]

    operations = [migrations.RunPython(create, drop)]
