"""What a fund can still award (accounting.selectors.ledger.AwardRoom: tranches, minus what the
books commit net of releases, minus direct costs and settlements plus refunds) is read from the
running totals of accounting_fundmeans instead of summing every journal line of the fund, so the
check that a new commitment (an award, a provider's PxQ grant) fits costs the same however long the
journal grows (issue 17).

- Two columns: `committed` (the commitments lines of award_committed and commitment_released
  entries, negated) and `spent_otherwise` (the bank lines of direct_expense, settlement and refund
  entries, negated). A reversal has its original's kind, so it counts back exactly as the yearly
  figures (fund_year_figures) count it.
- Filled from the lines there are now; kept by the triggers of migration 0015 on every INSERT of
  journal lines (lines are write-once). PostgreSQL: the statement-level trigger adds all three sums
  per fund in one upsert. SQLite: two more row triggers.
"""

from django.db import migrations, models

KINDS_COMMITTED = "('award_committed', 'commitment_released')"
KINDS_SPENT = "('direct_expense', 'settlement', 'refund')"

BACKFILL = f"""
INSERT INTO accounting_fundmeans (fund_id, amount, committed, spent_otherwise)
SELECT e.fund_id,
    COALESCE(SUM(CASE WHEN a.code IN ('bank', 'receivable') THEN l.amount END), 0),
    -COALESCE(SUM(CASE WHEN a.code = 'commitments' AND e.kind IN {KINDS_COMMITTED} THEN l.amount END), 0),
    -COALESCE(SUM(CASE WHEN a.code = 'bank' AND e.kind IN {KINDS_SPENT} THEN l.amount END), 0)
FROM accounting_journalline l
    JOIN accounting_journalentry e ON e.id = l.entry_id
    JOIN accounting_account a ON a.id = l.account_id
WHERE a.code IN ('bank', 'receivable', 'commitments')
GROUP BY e.fund_id
"""
PG_ADD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION accounting_fund_means_add() RETURNS trigger AS $$
BEGIN
    INSERT INTO accounting_fundmeans (fund_id, amount, committed, spent_otherwise)
    SELECT e.fund_id,
        COALESCE(SUM(n.amount) FILTER (WHERE a.code IN ('bank', 'receivable')), 0),
        -COALESCE(SUM(n.amount) FILTER (WHERE a.code = 'commitments' AND e.kind IN {KINDS_COMMITTED}), 0),
        -COALESCE(SUM(n.amount) FILTER (WHERE a.code = 'bank' AND e.kind IN {KINDS_SPENT}), 0)
    FROM new_lines n
        JOIN accounting_journalentry e ON e.id = n.entry_id
        JOIN accounting_account a ON a.id = n.account_id
    WHERE a.code IN ('bank', 'receivable', 'commitments')
    GROUP BY e.fund_id
    ORDER BY e.fund_id
    ON CONFLICT (fund_id) DO UPDATE SET
        amount = accounting_fundmeans.amount + EXCLUDED.amount,
        committed = accounting_fundmeans.committed + EXCLUDED.committed,
        spent_otherwise = accounting_fundmeans.spent_otherwise + EXCLUDED.spent_otherwise;
    RETURN NULL;
END; $$ LANGUAGE plpgsql
"""
# migration 0015's function, for going back
PG_ADD_FUNCTION_BEFORE = """
CREATE OR REPLACE FUNCTION accounting_fund_means_add() RETURNS trigger AS $$
BEGIN
    INSERT INTO accounting_fundmeans (fund_id, amount)
    SELECT e.fund_id, SUM(n.amount) FROM new_lines n
        JOIN accounting_journalentry e ON e.id = n.entry_id
        JOIN accounting_account a ON a.id = n.account_id
    WHERE a.code IN ('bank', 'receivable')
    GROUP BY e.fund_id
    ORDER BY e.fund_id
    ON CONFLICT (fund_id) DO UPDATE SET amount = accounting_fundmeans.amount + EXCLUDED.amount;
    RETURN NULL;
END; $$ LANGUAGE plpgsql
"""
# migration 0015's row trigger: dropped while SQLite rebuilds the table for the new columns
SQLITE_MEANS_TRIGGER = """
CREATE TRIGGER journal_fund_means_add AFTER INSERT ON accounting_journalline
WHEN NEW.account_id IN (SELECT id FROM accounting_account WHERE code IN ('bank', 'receivable'))
BEGIN
    INSERT INTO accounting_fundmeans (fund_id, amount)
    VALUES ((SELECT fund_id FROM accounting_journalentry WHERE id = NEW.entry_id), NEW.amount)
    ON CONFLICT (fund_id) DO UPDATE SET amount = amount + excluded.amount;
END
"""
SQLITE_TRIGGER = """
CREATE TRIGGER journal_fund_{column}_add AFTER INSERT ON accounting_journalline
WHEN NEW.account_id = (SELECT id FROM accounting_account WHERE code = '{account}')
     AND (SELECT kind FROM accounting_journalentry WHERE id = NEW.entry_id) IN {kinds}
BEGIN
    INSERT INTO accounting_fundmeans (fund_id, amount, {column})
    VALUES ((SELECT fund_id FROM accounting_journalentry WHERE id = NEW.entry_id), 0, -NEW.amount)
    ON CONFLICT (fund_id) DO UPDATE SET {column} = {column} + excluded.{column};
END
"""
SQLITE_TRIGGERS = [
    ("committed", "commitments", KINDS_COMMITTED),
    ("spent_otherwise", "bank", KINDS_SPENT),
]


def drop_sqlite_means_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS journal_fund_means_add")


def create_sqlite_means_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_MEANS_TRIGGER)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute("DELETE FROM accounting_fundmeans")
    schema_editor.execute(BACKFILL)
    if vendor == "postgresql":
        schema_editor.execute(PG_ADD_FUNCTION, params=None)  # % would be PL/pgSQL, not a placeholder
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_MEANS_TRIGGER)
        for column, account, kinds in SQLITE_TRIGGERS:
            schema_editor.execute(SQLITE_TRIGGER.format(column=column, account=account, kinds=kinds))


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_ADD_FUNCTION_BEFORE, params=None)
    elif vendor == "sqlite":
        for column, _, _ in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS journal_fund_{column}_add")
        schema_editor.execute("DROP TRIGGER IF EXISTS journal_fund_means_add")


class Migration(migrations.Migration):
    dependencies = [("accounting", "0015_fund_means")]

    operations = [
        migrations.RunPython(drop_sqlite_means_trigger, create_sqlite_means_trigger),
        migrations.AddField(
            model_name="fundmeans",
            name="committed",
            field=models.DecimalField(db_default=0, decimal_places=2, default=0, max_digits=16),
        ),
        migrations.AddField(
            model_name="fundmeans",
            name="spent_otherwise",
            field=models.DecimalField(db_default=0, decimal_places=2, default=0, max_digits=16),
        ),
        migrations.RunPython(create, drop),
    ]
