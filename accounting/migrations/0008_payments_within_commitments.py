"""The database refuses what the services refuse first (issue 6), so no code path can break it:

- journal_payments_within_award: the commitment of a project award is never consumed by more
  than it holds. Commit books the award on `commitments` as a credit (-A); a payment and a
  release debit it (+p, +r). So SUM(commitments lines of the award) <= 0 says: payments plus
  releases never exceed what was committed, and so net payments never exceed the commitment.
  (accounting.services._check_award / award_outstanding.)
- journal_payments_within_grant: the same for a provider's PxQ budget granted from the
  knelpunten fund (JournalLine.budget_request; services._check_grant / grant_outstanding).
- journal_fund_payout_within_means: a fund never pays out more than it received plus what it
  may still receive: SUM(bank + receivable lines of the fund) >= 0 (services._check_fund /
  fund_cash_position). Only lines that lower bank or receivable are checked.

PostgreSQL: deferred constraint triggers (like journal_entry_balances, 0007): an entry's lines
are inserted one by one and the sums are checked once the transaction commits. Each trigger
first locks the fund row, as the services do, so two transactions that bypass the services
cannot both pass on sums that do not yet hold the other's lines.

SQLite has no deferred triggers; its triggers run after each row. The award and grant checks
still hold there row by row (a valid entry only ever debits an award's commitment, so every
partial sum is within the final one); the fund check does not (a reversed receipt credits bank
before it debits receivable), so on SQLite the services guard the fund, with the fund row
locked (on SQLite the IMMEDIATE transaction mode serialises writers).
"""

from django.db import migrations

COMMITMENTS_FUNCTION = """
CREATE OR REPLACE FUNCTION accounting_payments_within_{what}() RETURNS trigger AS $$
DECLARE over numeric;
BEGIN
    IF (SELECT code FROM accounting_account WHERE id = NEW.account_id) <> 'commitments' THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM fund_fund WHERE id = (SELECT fund_id FROM accounting_journalentry WHERE id = NEW.entry_id) FOR UPDATE;
    SELECT COALESCE(SUM(l.amount), 0) INTO over FROM accounting_journalline l
        WHERE l.{column} = NEW.{column}
          AND l.account_id = NEW.account_id;
    IF over > 0 THEN
        RAISE EXCEPTION '{label} %: payments and releases exceed its commitment by %', NEW.{column}, over
            USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_payments_within_{what}';
    END IF;
    RETURN NULL;
END; $$ LANGUAGE plpgsql
"""
FUND_FUNCTION = """
CREATE OR REPLACE FUNCTION accounting_fund_payout_within_means() RETURNS trigger AS $$
DECLARE fund_pk integer; means numeric;
BEGIN
    IF (SELECT code FROM accounting_account WHERE id = NEW.account_id) NOT IN ('bank', 'receivable') THEN
        RETURN NULL;
    END IF;
    SELECT fund_id INTO fund_pk FROM accounting_journalentry WHERE id = NEW.entry_id;
    PERFORM 1 FROM fund_fund WHERE id = fund_pk FOR UPDATE;
    SELECT COALESCE(SUM(l.amount), 0) INTO means FROM accounting_journalline l
        JOIN accounting_journalentry e ON e.id = l.entry_id
        JOIN accounting_account a ON a.id = l.account_id
        WHERE e.fund_id = fund_pk AND a.code IN ('bank', 'receivable');
    IF means < 0 THEN
        RAISE EXCEPTION 'fund % would pay out % more than it received and may still receive', fund_pk, -means
            USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_fund_payout_within_means';
    END IF;
    RETURN NULL;
END; $$ LANGUAGE plpgsql
"""
# (trigger name, function, WHEN: only rows that can break the rule fire it)
PG_TRIGGERS = [
    ("journal_payments_within_award", "accounting_payments_within_award", "NEW.award_id IS NOT NULL AND NEW.amount > 0"),
    ("journal_payments_within_grant", "accounting_payments_within_grant",
     "NEW.budget_request_id IS NOT NULL AND NEW.amount > 0"),
    ("journal_fund_payout_within_means", "accounting_fund_payout_within_means", "NEW.amount < 0"),
]
# SQLite: amounts are stored with NUMERIC affinity (a REAL for cents), so sums compare with half a cent
SQLITE_TRIGGER = """
CREATE TRIGGER journal_payments_within_{what} AFTER INSERT ON accounting_journalline
WHEN NEW.{column} IS NOT NULL AND NEW.amount > 0
     AND NEW.account_id = (SELECT id FROM accounting_account WHERE code = 'commitments')
BEGIN
    SELECT RAISE(ABORT, 'journal_payments_within_{what}: payments and releases exceed the {label}''s commitment')
    WHERE (SELECT SUM(amount) FROM accounting_journalline
           WHERE {column} = NEW.{column} AND account_id = NEW.account_id) > 0.005;
END
"""
CHECKS = [("award", "award_id", "award"), ("grant", "budget_request_id", "budget request")]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for what, column, label in CHECKS:
            # % is PL/pgSQL here, not a placeholder
            schema_editor.execute(COMMITMENTS_FUNCTION.format(what=what, column=column, label=label), params=None)
        schema_editor.execute(FUND_FUNCTION, params=None)
        for name, function, when in PG_TRIGGERS:
            schema_editor.execute(
                f"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT ON accounting_journalline "
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION {function}()",
                params=None,
            )
    elif vendor == "sqlite":
        for what, column, label in CHECKS:
            schema_editor.execute(SQLITE_TRIGGER.format(what=what, column=column, label=label))


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for name, function, _ in PG_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON accounting_journalline")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")
    elif vendor == "sqlite":
        for what, _, _ in CHECKS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS journal_payments_within_{what}")


class Migration(migrations.Migration):
    dependencies = [("accounting", "0007_balanced_entries_on_postgresql")]

    operations = [migrations.RunPython(create, drop)]
