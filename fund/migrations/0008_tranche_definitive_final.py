"""A definitive tranche and its contributions are final in the database too (issue 12, hole 2).

SQLite refuses an UPDATE that changes a definitive tranche's final columns or any contribution of
a definitive tranche; deletes there are refused by the models, the pre_delete signal and PROTECT
(no DELETE trigger: the test runner's flush deletes rows one by one, see core.db). PostgreSQL
refuses both UPDATE and DELETE (its flush is a TRUNCATE, which fires no row triggers)."""

import django.db.models.deletion
from django.db import migrations, models

FINAL = ("amount", "amount_currency", "year", "fund_id", "basis_id", "status", "rounding_unit")
CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in FINAL)
CHANGED_SQLITE = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FINAL)

PG = f"""
CREATE OR REPLACE FUNCTION fund_tranche_final() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'definitive' AND (TG_OP = 'DELETE' OR {CHANGED}) THEN
        RAISE EXCEPTION 'definitive tranche %: % refused', OLD.id, TG_OP;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER fund_tranche_final BEFORE UPDATE OR DELETE ON fund_tranche
    FOR EACH ROW EXECUTE FUNCTION fund_tranche_final();
CREATE OR REPLACE FUNCTION fund_contribution_final() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM fund_tranche WHERE id = OLD.tranche_id AND status = 'definitive') THEN
        RAISE EXCEPTION 'contribution % of a definitive tranche: % refused', OLD.id, TG_OP;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER fund_contribution_final BEFORE UPDATE OR DELETE ON fund_contribution
    FOR EACH ROW EXECUTE FUNCTION fund_contribution_final();
"""
PG_DROP = """
DROP TRIGGER IF EXISTS fund_tranche_final ON fund_tranche;
DROP TRIGGER IF EXISTS fund_contribution_final ON fund_contribution;
"""
SQLITE = [
    f"CREATE TRIGGER fund_tranche_final BEFORE UPDATE ON fund_tranche WHEN OLD.status = 'definitive' AND ({CHANGED_SQLITE}) "
    "BEGIN SELECT RAISE(ABORT, 'definitive tranche: UPDATE refused'); END",
    "CREATE TRIGGER fund_contribution_final BEFORE UPDATE ON fund_contribution "
    "WHEN (SELECT status FROM fund_tranche WHERE id = OLD.tranche_id) = 'definitive' "
    "BEGIN SELECT RAISE(ABORT, 'contribution of a definitive tranche: UPDATE refused'); END",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG, params=None)  # no placeholders: % is PL/pgSQL here
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP, params=None)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS fund_tranche_final")
        schema_editor.execute("DROP TRIGGER IF EXISTS fund_contribution_final")


class Migration(migrations.Migration):

    dependencies = [
        ('fund', '0007_spuk_composition'),
    ]

    operations = [
        migrations.AlterField(
            model_name='trancheevent',
            name='tranche',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='fund.tranche'),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
