"""CI: a restored backup holds what the original held. Compares every table's row count and the
journal's totals (debit and credit per account and budget year) of two PostgreSQL databases.

    python .ci/restore_check.py postgres://.../original postgres://.../restored
"""

import sys

import psycopg
from psycopg import sql

TABLES = """SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"""
JOURNAL = """SELECT a.code, l.year, SUM(l.amount) FILTER (WHERE l.amount > 0), SUM(l.amount) FILTER (WHERE l.amount < 0), COUNT(*)
             FROM accounting_journalline l JOIN accounting_account a ON a.id = l.account_id
             GROUP BY a.code, l.year ORDER BY a.code, l.year"""


def snapshot(url: str) -> tuple[dict[str, int], list[tuple]]:
    with psycopg.connect(url) as conn:
        tables = [row[0] for row in conn.execute(TABLES)]
        counts = {
            t: conn.execute(
                sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(t))
            ).fetchone()[0]
            for t in tables
        }
        return counts, conn.execute(JOURNAL).fetchall()


def main(original: str, restored: str) -> int:
    counts, journal = snapshot(original)
    counts_restored, journal_restored = snapshot(restored)
    problems = [
        f"table {t}: {counts.get(t)} rows, restored {counts_restored.get(t)}"
        for t in sorted(set(counts) | set(counts_restored))
        if counts.get(t) != counts_restored.get(t)
    ]
    if journal != journal_restored:
        problems.append(f"journal totals differ: {journal} != {journal_restored}")
    if not journal or sum(counts.values()) == 0:
        problems.append("the original database is empty: nothing was compared")
    for problem in problems:
        print(problem)
    debit = sum(row[2] or 0 for row in journal)
    print(
        f"restore check: {len(counts)} tables, {sum(counts.values())} rows, {sum(r[4] for r in journal)} journal lines "
        f"(debit {debit}), {'equal' if not problems else 'DIFFERENT'}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
