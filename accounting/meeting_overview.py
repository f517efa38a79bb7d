"""The fund overview that goes with every meeting's agenda (issue 6): the same report as the live
fund overview (tranches, charged, received, committed, paid, remaining; projects with status and
matrix; contributions; what changed since the previous meeting), kept with the meeting when it is
planned, as data, PDF and XLSX, and never changed afterwards.

The meeting (proposals.Meeting) owns the kept overview (proposals.FundOverviewSnapshot); this
module makes it, here where both that model and the books' figures are known: proposals sends
meeting_planned when it plans a meeting, in the same transaction, and does not import the books.
The report is kept as JSON (reports.json) and read back from it. The figures of the last kept
overview (accounting.selectors.overview.previous_overview) are what the next overview, and the
live overview page, compare with."""

import hashlib

from django.dispatch import receiver
from django.utils.formats import date_format

from accounting.reports import fund_overview_report
from accounting.selectors.overview import fund_overview, overview_to_json, previous_overview
from proposals.models import FundOverviewSnapshot, Meeting
from proposals.signals import meeting_planned
from reports.json import report_to_json
from reports.pdf import report_pdf
from reports.render import report_html
from reports.table import Report

FORMAT = 2  # data["format"]; overviews kept before the merge have no key and the older layout


def meeting_overview_build(meeting) -> tuple[dict, Report]:
    """The overview for `meeting` as it stands now: the data to keep and the report to render."""
    overview = fund_overview(meeting.fund, compare_with=previous_overview(meeting.fund))
    report = fund_overview_report(overview)
    report.title = f"Fondsoverzicht {meeting.fund.name}"
    report.filename = f"fondsoverzicht-{meeting.fund.slug}-{meeting.date:%Y-%m-%d}"
    report.facts.insert(
        1,
        ("Bij de agenda van", f"{meeting.get_kind_display()} {date_format(meeting.date, 'j F Y')}"),
    )
    return {
        "format": FORMAT,
        "figures": overview_to_json(overview),
        "report": report_to_json(report),
    }, report


@receiver(meeting_planned, dispatch_uid="accounting.meeting_overview_make")
def _meeting_planned(sender, *, meeting: Meeting, user, **kwargs) -> None:
    meeting_overview_make(user=user, meeting=meeting)


def meeting_overview_make(*, user, meeting: Meeting) -> FundOverviewSnapshot:
    """The fund overview as it is now (the books' overview with the changes since the previous
    meeting), as data and as PDF; made once and kept unchanged."""
    data, report = meeting_overview_build(meeting)
    pdf = report_pdf(report)
    return FundOverviewSnapshot.objects.create(
        meeting=meeting,
        data=data,
        html=report_html(report),
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        made_by=user,
    )
