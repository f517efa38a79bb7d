"""Project monitoring: region reports, indicator results, background report jobs and the
reminders of reports that are due."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from accounting.exceptions import AccountingError
from accounting.models import (
    MAX_WAITING_JOBS,
    IndicatorResult,
    RegionReport,
    ReportJob,
    ReportReminder,
)
from accounting.rules import ReportState
from accounting.selectors.monitoring import region_report_rows
from core.permissions import user_region_id
from core.roles import Role
from core.templatetags.nl import format_date
from fund.models import Fund
from notifications.models import Kind
from notifications.services import notify


@transaction.atomic
def region_report_deliver(
    *, proposal, results: str, conditions: str, user, delivered_at=None
) -> RegionReport:
    if proposal.fund.kind != Fund.Kind.SPUK or proposal.filing_region_id is None:
        raise AccountingError(
            "Alleen SPUK-projecten van een jeugdhulpregio leveren een verantwoordingsverslag."
        )
    if not results.strip() or not conditions.strip():
        raise AccountingError(
            "Beschrijf zowel de behaalde resultaten als hoe aan de voorwaarden is voldaan."
        )
    if user_region_id(user) not in (None, proposal.filing_region_id):
        raise AccountingError("Alleen de indienende jeugdhulpregio levert dit verslag.")
    if RegionReport.objects.filter(proposal=proposal).exists():
        raise AccountingError("Het verslag voor dit project is al ontvangen.")
    return RegionReport.objects.create(
        proposal=proposal,
        region_id=proposal.filing_region_id,
        results=results.strip(),
        conditions=conditions.strip(),
        delivered_at=delivered_at or timezone.now(),
        delivered_by=user,
    )


@transaction.atomic
def indicator_result_enter(
    *, indicator, year: int, delivered_value: Decimal, assessment: str, user, source: str
) -> IndicatorResult:
    result, _ = IndicatorResult.objects.update_or_create(
        indicator=indicator,
        year=year,
        defaults={
            "delivered_value": delivered_value,
            "assessment": assessment.strip(),
            "source": source,
            "entered_by": user,
        },
    )
    return result


@transaction.atomic
def report_job_start(*, kind: str, params: dict, fmt: str, user):
    """Queue a large report for a django-q2 worker; the task starts only when this commits."""
    if fmt not in ("pdf", "xlsx"):
        raise AccountingError("Kies PDF of XLSX.")
    # issue 12, hole 8: a cap per user, counted under a lock on the user's row so two requests cannot
    # both pass; a job that stalled (its worker stopped it) no longer counts
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    waiting = [
        job
        for job in ReportJob.objects.defer("result").filter(
            created_by=user, status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING]
        )
        if not job.stalled()
    ]
    if len(waiting) >= MAX_WAITING_JOBS:
        raise AccountingError(
            f"U heeft al {len(waiting)} rapporten in de wachtrij of in bewerking; wacht tot er een klaar is voordat "
            "u een nieuw rapport vraagt. Blijven ze wachten, vraag dan de beheerder de achtergrondverwerking te starten."
        )
    job = ReportJob.objects.create(kind=kind, params={**params, "format": fmt}, created_by=user)

    def enqueue():
        async_task("accounting.tasks.report_job_run", job.pk, task_name=f"report-{job.pk}")

    transaction.on_commit(enqueue)
    return job


@transaction.atomic
def report_reminders_send(*, days_before: int = 30, user=None, today: dt.date | None = None) -> int:
    """Remind each region by e-mail of project reports due within `days_before` days or overdue.
    At most one reminder a project a day; the mail leaves only when the transaction commits."""
    today = today or timezone.localdate()
    rows = [
        row
        for row in region_report_rows(today=today)
        if row.state == ReportState.OVERDUE
        or (row.state == ReportState.DUE and (row.deadline - today).days <= days_before)
    ]
    already = set(
        ReportReminder.objects.filter(sent_on=today).values_list("proposal_id", flat=True)
    )
    users = get_user_model().objects.filter(groups__name=Role.REGION, is_active=True)
    by_region: dict[int, list] = {}
    for member in users.select_related("profile"):
        by_region.setdefault(member.profile.region_id, []).append(member)
    sent = 0
    for row in rows:
        proposal = row.proposal
        region_users = sorted(
            by_region.get(proposal.filing_region_id, []), key=lambda u: u.username
        )
        recipients = sorted(u.email for u in region_users if u.email)
        if proposal.pk in already or not region_users:
            continue
        overdue = row.state == ReportState.OVERDUE
        subject = (
            f"Verantwoordingsverslag {proposal.reference} is te laat"
            if overdue
            else f"Herinnering: verantwoordingsverslag {proposal.reference}"
        )
        body = (
            f"Het project {proposal.reference} {proposal.title} eindigde op {format_date(row.project_end)}.\n"
            f"De jeugdhulpregio levert uiterlijk vóór {format_date(row.deadline)} een verantwoordingsverslag over de "
            f"behaalde resultaten en over het voldoen aan de rechtmatigheidsvoorwaarden (inrichtingsplan BREN Zuid-West §6.4).\n"
            + ("Dit verslag is nog niet ontvangen en is te laat.\n" if overdue else "")
        )
        ReportReminder.objects.create(
            proposal=proposal, sent_on=today, recipients=", ".join(recipients), overdue=overdue
        )
        # in the app for every user of the region; by e-mail after commit, unless switched off
        notify(
            users=region_users,
            kind=Kind.REPORT_DUE,
            title=subject,
            body=body,
            url=reverse("accounting:region_report", args=[proposal.pk]),
        )
        sent += 1
    return sent
