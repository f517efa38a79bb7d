"""The fund overview that goes with every meeting's agenda (issue 6): the same report as the live
fund overview (tranches, charged, received, committed, paid, remaining; projects with status and
matrix; contributions; what changed since the previous meeting), kept with the meeting when it is
planned, as data, PDF and XLSX, and never changed afterwards.

The meeting (proposals.Meeting) owns the kept overview (proposals.FundOverviewSnapshot); this
module builds its content and reads it back. The figures of the last kept overview are what the
next overview, and the live overview page, compare with."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format

from accounting.reports import MATRIX, MONEY, NUMBER, Column, Report, Table
from fund.models import Fund

FORMAT = 2  # data["format"]; overviews kept before the merge have no key and the older layout


@dataclass(frozen=True)
class PreviousOverview:
    """The overview kept with an earlier meeting: what a new overview shows its changes against."""

    meeting: str  # "AO Jeugd" or "PHO Maatschappij"
    meeting_date: dt.date
    figures: dict  # accounting.selectors.overview_to_json of that moment


def previous_overview(fund: Fund, *, before=None) -> PreviousOverview | None:
    """The last overview kept with a meeting of `fund` (made before `before`, a datetime, if
    given) that holds figures. One query."""
    from proposals.models import FundOverviewSnapshot, Meeting

    kept = FundOverviewSnapshot.objects.filter(meeting__fund=fund, data__has_key="figures")
    if before is not None:
        kept = kept.filter(made_at__lt=before)
    row = (kept.order_by("-made_at", "-pk")
           .values_list("meeting__kind", "meeting__date", "data").first())
    if row is None:
        return None
    kind, date, data = row
    return PreviousOverview(dict(Meeting.Kind.choices).get(kind, kind), date, data["figures"])


def meeting_overview_build(meeting) -> tuple[dict, Report]:
    """The overview for `meeting` as it stands now: the data to keep and the report to render."""
    from accounting.reports import fund_overview_report
    from accounting.selectors import fund_overview, overview_to_json

    overview = fund_overview(meeting.fund, compare_with=previous_overview(meeting.fund))
    report = fund_overview_report(overview)
    report.title = f"Fondsoverzicht {meeting.fund.name}"
    report.filename = f"fondsoverzicht-{meeting.fund.slug}-{meeting.date:%Y-%m-%d}"
    report.facts.insert(1, ("Bij de agenda van", f"{meeting.get_kind_display()} {date_format(meeting.date, 'j F Y')}"))
    return {"format": FORMAT, "figures": overview_to_json(overview), "report": report_to_json(report)}, report


# -- a report as JSON and back (exact: amounts as strings, dates as ISO) -------------------

def _value_to_json(value, kind: str):
    if value is None or value == "":
        return value
    if kind in (MONEY, NUMBER) and isinstance(value, Decimal):
        return {"d": str(value)}
    if kind == MATRIX:
        return [list(cell) for cell in value]
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def _value_from_json(value, kind: str):
    if isinstance(value, dict) and "d" in value:
        return Decimal(value["d"])
    if isinstance(value, dict) and "date" in value:
        return dt.date.fromisoformat(value["date"])
    if kind == MATRIX and isinstance(value, list):
        return [tuple(cell) for cell in value]
    return value


def _row_to_json(row, columns):
    return [_value_to_json(v, c.kind) for v, c in zip(row, columns, strict=True)]


def _row_from_json(row, columns):
    return [_value_from_json(v, c.kind) for v, c in zip(row, columns, strict=True)]


def report_to_json(report: Report) -> dict:
    return {
        "title": report.title, "filename": report.filename,
        "facts": [list(fact) for fact in report.facts], "notes": list(report.notes),
        "tables": [{
            "caption": t.caption, "sheet": t.sheet, "empty": t.empty, "row_flags": list(t.row_flags),
            "columns": [[c.label, c.kind] for c in t.columns],
            "rows": [_row_to_json(row, t.columns) for row in t.rows],
            "totals": _row_to_json(t.totals, t.columns) if t.totals else None,
        } for t in report.tables],
    }


def report_from_json(data: dict) -> Report:
    tables = []
    for t in data["tables"]:
        columns = [Column(label, kind) for label, kind in t["columns"]]
        tables.append(Table(
            t["caption"], t["sheet"], columns, rows=[_row_from_json(row, columns) for row in t["rows"]],
            totals=_row_from_json(t["totals"], columns) if t["totals"] else None,
            row_flags=list(t["row_flags"]), empty=t["empty"],
        ))
    return Report(title=data["title"], filename=data["filename"], facts=[tuple(f) for f in data["facts"]],
                  tables=tables, notes=list(data["notes"]))
