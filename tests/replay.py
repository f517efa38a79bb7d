"""Rows that a slow fixture makes, made once per test process and copied into each later test.

`manage.py load_demo` takes 15 to 30 seconds (most of it renders the meeting overviews and
decision letters as PDFs), and hundreds of tests start from the demo: loading it for each of them
was most of the suite's time. `replay(name, make)` runs `make` for real the first time the
database is in a given state, and keeps the rows it added, table by table. Every later call in
exactly that state (the same rows in every table, the same settings, the same day) inserts those
rows again, which is what `make` would have left. A call in any other state, for example after
the test made rows of its own, runs `make` for real (and keeps its outcome for that state).
`make` must leave nothing but rows: no files, no mail that a test reads, no state in memory.

Triggers are set aside while the rows are copied in. They checked these rows when `make` wrote
them, and the running totals they keep (accounting_fundmeans) are among the rows copied.
On PostgreSQL that takes a superuser (session_replication_role); without one, `make` always runs.
"""

import datetime
import hashlib
import pathlib

from django.conf import settings
from django.db import connection, transaction

# Tables no fixture changes and whose rows are many.
SKIPPED_TABLES = {"django_migrations"}

# Settings of these types count in the state (a lazy object's text changes once it is read).
PLAIN = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, pathlib.PurePath)

_kept = {}  # (name, state) -> _Rows, or None where `make` changed or removed rows it found
stats = {"made": 0, "replayed": 0}


def replay(name, make):
    """Run `make` (which adds rows), or insert the rows it added in this same state before."""
    with transaction.atomic():
        backend = _Postgres() if connection.vendor == "postgresql" else _Sqlite()
        if not backend.usable():
            make()
            stats["made"] += 1
            return
        tables = backend.tables()
        before = backend.read(tables)
        key = (name, _fingerprint(before))
        rows = _kept.get(key)
        if rows is not None:
            backend.insert(rows)
            stats["replayed"] += 1
            return
        make()
        stats["made"] += 1
        after = backend.read(tables)
        if key not in _kept:
            _kept[key] = _added(before, after)


def _fingerprint(rows):
    digest = hashlib.sha256()
    for table in sorted(rows):
        columns, lines = rows[table]
        digest.update(repr((table, columns, sorted(map(repr, lines)))).encode())
    digest.update(datetime.date.today().isoformat().encode())
    values = ((name, getattr(settings, name)) for name in dir(settings) if name.isupper())
    digest.update(
        repr(sorted((name, repr(v)) for name, v in values if isinstance(v, PLAIN))).encode()
    )
    return digest.hexdigest()


def _added(before, after):
    """The rows `after` has and `before` has not, per table, in the order `after` read them; None
    where a row of `before` is gone (changed or deleted): then `make` is not only adding rows."""
    added = {}
    for table, (columns, lines) in after.items():
        _, old = before[table]
        old_set = set(old)
        if not old_set <= set(lines):
            return None
        new = [line for line in lines if line not in old_set]
        if new:
            added[table] = (columns, new)
    return added


class _Sqlite:
    def usable(self):
        return True

    def tables(self):
        return [t for t in connection.introspection.table_names() if t not in SKIPPED_TABLES]

    def read(self, tables):
        # `+column` is the stored value as it is: an expression has no declared type, so the
        # connection's converters (bool, date, datetime) leave it alone and it is written back
        # byte for byte.
        raw = connection.connection
        rows = {}
        for table in tables:
            columns = [c[1] for c in raw.execute(f'PRAGMA table_info("{table}")')]
            select = ", ".join(f'+"{c}"' for c in columns)
            rows[table] = (
                tuple(columns),
                raw.execute(f'SELECT {select} FROM "{table}"').fetchall(),
            )
        return rows

    def insert(self, added):
        raw = connection.connection
        triggers = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
        for trigger, _ in triggers:
            raw.execute(f'DROP TRIGGER "{trigger}"')
        for table, (columns, lines) in added.items():
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', lines)
        for _, sql in triggers:
            raw.execute(sql)


class _Postgres:
    def usable(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            return cursor.fetchone()[0]

    def tables(self):
        return [t for t in connection.introspection.table_names() if t not in SKIPPED_TABLES]

    def read(self, tables):
        # COPY's text form writes every type back as it was read (json, arrays, bytea, numeric).
        rows = {}
        with connection.cursor() as cursor:
            for table in tables:
                with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    data = b"".join(bytes(block) for block in copy)
                rows[table] = ((), data.splitlines(keepends=True))
        return rows

    def insert(self, added):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table, (_, lines) in added.items():
                with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(b"".join(lines))
            cursor.execute("SET LOCAL session_replication_role = origin")
            # Later inserts take ids after the copied rows. Sequences are not rolled back, so one
            # may be past them already.
            highest = []
            for table in added:
                for sequence, column in _sequences(cursor, table):
                    cursor.execute(f'SELECT MAX("{column}") FROM "{table}"')
                    highest.append((sequence, cursor.fetchone()[0]))
            if highest:
                values = ", ".join("(%s, %s)" for _ in highest)
                cursor.execute(
                    f"SELECT setval(v.s::regclass, GREATEST(v.m, p.last_value)) FROM (VALUES {values}) "
                    "AS v(s, m) JOIN pg_sequences p ON format('%%I.%%I', p.schemaname, p.sequencename)"
                    "::regclass = v.s::regclass",
                    [x for pair in highest for x in pair],
                )


_SEQUENCES = {}


def _sequences(cursor, table):
    """(sequence, column) of each column of the table that takes its value from a sequence."""
    if table not in _SEQUENCES:
        cursor.execute(
            "SELECT s, attname FROM (SELECT pg_get_serial_sequence(%s, a.attname) AS s, a.attname "
            "FROM pg_attribute a WHERE a.attrelid = %s::regclass AND a.attnum > 0 "
            "AND NOT a.attisdropped) c WHERE s IS NOT NULL",
            [f'"{table}"', f'"{table}"'],
        )
        _SEQUENCES[table] = cursor.fetchall()
    return _SEQUENCES[table]
