"""A report as JSON and back, exactly: amounts as strings, dates as ISO; a kind of a domain app
converts its own cells. A meeting keeps its fund overview this way (proposals.FundOverviewSnapshot)."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from reports.table import KINDS, Column, Kind, Report, Table


def _value_to_json(value, kind: Kind):
    if value is None or value == "":
        return value
    if kind.numeric and isinstance(value, Decimal):
        return {"d": str(value)}
    if kind.to_json is not None:
        return kind.to_json(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def _value_from_json(value, kind: Kind):
    if value is None or value == "":
        return value
    if isinstance(value, dict) and "d" in value:
        return Decimal(value["d"])
    if isinstance(value, dict) and "date" in value:
        return dt.date.fromisoformat(value["date"])
    if kind.from_json is not None:
        return kind.from_json(value)
    return value


def _row_to_json(row, columns):
    return [_value_to_json(v, c.kind) for v, c in zip(row, columns, strict=True)]


def _row_from_json(row, columns):
    return [_value_from_json(v, c.kind) for v, c in zip(row, columns, strict=True)]


def report_to_json(report: Report) -> dict:
    return {
        "title": report.title,
        "filename": report.filename,
        "facts": [list(fact) for fact in report.facts],
        "notes": list(report.notes),
        "tables": [
            {
                "caption": t.caption,
                "sheet": t.sheet,
                "empty": t.empty,
                "row_flags": list(t.row_flags),
                "columns": [[c.label, c.kind.name] for c in t.columns],
                "rows": [_row_to_json(row, t.columns) for row in t.rows],
                "totals": _row_to_json(t.totals, t.columns) if t.totals else None,
            }
            for t in report.tables
        ],
    }


def report_from_json(data: dict, *, kinds: Iterable[Kind] = ()) -> Report:
    """The report kept as `data`; `kinds` are the domain's own column kinds it may hold."""
    by_name = {kind.name: kind for kind in (*KINDS, *kinds)}
    tables = []
    for t in data["tables"]:
        columns = [Column(label, by_name[kind]) for label, kind in t["columns"]]
        tables.append(
            Table(
                t["caption"],
                t["sheet"],
                columns,
                rows=[_row_from_json(row, columns) for row in t["rows"]],
                totals=_row_from_json(t["totals"], columns) if t["totals"] else None,
                row_flags=list(t["row_flags"]),
                empty=t["empty"],
            )
        )
    return Report(
        title=data["title"],
        filename=data["filename"],
        facts=[tuple(f) for f in data["facts"]],
        tables=tables,
        notes=list(data["notes"]),
    )
