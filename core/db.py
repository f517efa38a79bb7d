"""Database guarantees that the ORM cannot give on its own."""

from django.db import migrations

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION core_write_once() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'write-once row in %: % refused; record a new row instead', TG_TABLE_NAME, TG_OP;
END; $$ LANGUAGE plpgsql
"""


def write_once_triggers(*tables: str) -> migrations.RunPython:
    """A migration operation: the database refuses UPDATE (and on PostgreSQL DELETE) of `tables`.

    SQLite gets no DELETE trigger: it has no TRUNCATE, so the test runner's flush deletes rows one
    by one and would be refused; there the models (core.models.WriteOnceModel) and PROTECT foreign
    keys refuse deletes. PostgreSQL's TRUNCATE fires no row triggers.
    """

    def create(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(_PG_FUNCTION, params=None)  # no placeholders: % is PL/pgSQL here
        for table in tables:
            if vendor == "sqlite":
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_write_once BEFORE UPDATE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'write-once row in {table}: UPDATE refused'); END"
                )
            elif vendor == "postgresql":
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_write_once BEFORE UPDATE OR DELETE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION core_write_once()"
                )

    def drop(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_write_once")
            elif vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_write_once ON {table}")

    return migrations.RunPython(create, drop, elidable=False)


def write_once_triggers_restored(*tables: str) -> migrations.RunPython:
    """After an operation that rebuilt `tables` on SQLite (a new NOT NULL column, a new
    constraint: SQLite copies the table and drops its triggers), make their write-once trigger
    again. PostgreSQL alters the table in place and keeps its triggers."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for table in tables:
                schema_editor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_write_once BEFORE UPDATE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'write-once row in {table}: UPDATE refused'); END"
                )

    return migrations.RunPython(create, migrations.RunPython.noop, elidable=False)
