"""Reports made in the background (django-q2): a job's state, and how long it may wait and run."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReportJob(models.Model):
    """A report made in the background (django-q2); the page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", "In de wachtrij"
        RUNNING = "running", "Bezig"
        DONE = "done", "Klaar"
        FAILED = "failed", "Mislukt"

    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    result = models.BinaryField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)  # when a worker picked it up

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_job_progress_max_100"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="report_job_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.status}"

    def not_started(self, now: dt.datetime | None = None) -> bool:
        """Still queued JOB_START_WAIT after it was asked for: no worker picked it up (issue 12, hole 8)."""
        return (
            self.status == self.Status.QUEUED
            and (now or timezone.now()) - self.created_at > JOB_START_WAIT
        )

    def stalled(self, now: dt.datetime | None = None) -> bool:
        """Running longer than a worker lets a task run: the worker stopped it or died with it."""
        return (
            self.status == self.Status.RUNNING
            and self.started_at is not None
            and (now or timezone.now()) - self.started_at > job_run_limit()
        )

    def notice(self, now: dt.datetime | None = None) -> str:
        """What the page says when the job will not finish by itself, or ''."""
        if self.not_started(now):
            return JOB_NOT_STARTED_MESSAGE
        if self.stalled(now):
            return JOB_STALLED_MESSAGE
        return ""


# issue 12, hole 8: a job waits, and its page polls, for a bounded time; a user has few jobs waiting
JOB_START_WAIT = dt.timedelta(minutes=2)


JOB_POLL_SECONDS = 600  # static/js/job.js: the page stops asking after this many seconds


MAX_WAITING_JOBS = (
    3  # per user: queued or running reports; another waits until one of these is done
)


JOB_NOT_STARTED_MESSAGE = (
    "Dit rapport is na twee minuten nog niet gestart: de achtergrondverwerking draait nu niet. "
    "De pagina wacht niet langer. Probeer het later opnieuw, of vraag de beheerder de achtergrondverwerking "
    "(manage.py qcluster) te starten; het rapport wordt dan alsnog gemaakt en u vindt het via deze pagina."
)


JOB_STALLED_MESSAGE = (
    "Het maken van dit rapport is gestopt voordat het klaar was. De pagina wacht niet langer. "
    "Vraag het rapport opnieuw aan; lukt het weer niet, meld het dan aan de beheerder."
)


def job_run_limit() -> dt.timedelta:
    """How long a worker lets one task run (Q_CLUSTER timeout), plus a minute for saving."""
    return dt.timedelta(seconds=settings.Q_CLUSTER.get("timeout") or 600) + dt.timedelta(minutes=1)
