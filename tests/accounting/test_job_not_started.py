"""With the worker down, a report job does not wait for ever (issue 12, hole 8): after two minutes in
the queue its page says it has not started and what to do, and stops polling; a job that runs past
the worker's time limit says it stopped; the page polls ten minutes at most; and a user has at most
three waiting jobs, of every kind of report a page can make in the background."""

import datetime as dt

import pytest
from django.utils import timezone

from accounting.exceptions import AccountingError
from accounting.models import ReportJob
from accounting.services.monitoring import report_job_start
from accounting.views import common, jobs
from core.roles import Role
from tests.accounting.test_background_downloads import _regional_fund, _spuk_fund
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def regional():
    return _regional_fund(make_user("two-jobs", Role.TWO))


def _job(fund, user, *, minutes_ago=0, kind="fund_overview", **changes):
    job = ReportJob.objects.create(
        kind=kind, params={"fund": fund.slug, "year": "2017", "format": "pdf"}, created_by=user
    )
    ReportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago), **changes
    )
    return job


def test_a_job_queued_for_more_than_two_minutes_says_it_has_not_started_and_stops_polling(
    client_as, regional
):
    fund, user = regional
    job = _job(fund, user, minutes_ago=3)
    client = client_as(user)
    page = client.get(f"/boekhouding/taken/{job.pk}/").content.decode()
    assert "In de wachtrij" in page
    assert (
        "nog niet gestart" in page
        and "manage.py qcluster" in page
        and "Probeer het later opnieuw" in page
    )
    assert "data-job-status-url" not in page and "js/job.js" not in page  # nothing polls
    status = client.get(f"/boekhouding/taken/{job.pk}/status/").json()
    assert status["status"] == "queued" and "nog niet gestart" in status["notice"]


def test_a_fresh_job_polls_for_ten_minutes_at_most_and_says_nothing_yet(client_as, regional):
    fund, user = regional
    job = _job(fund, user, minutes_ago=1)
    client = client_as(user)
    page = client.get(f"/boekhouding/taken/{job.pk}/").content.decode()
    assert 'data-poll-seconds="600"' in page and "js/job.js" in page
    assert 'data-testid="job-notice" hidden></p>' in page
    assert client.get(f"/boekhouding/taken/{job.pk}/status/").json()["notice"] == ""


def test_a_job_running_past_the_workers_time_limit_says_it_stopped(client_as, regional):
    fund, user = regional
    now = timezone.now()
    running = _job(
        fund, user, status=ReportJob.Status.RUNNING, started_at=now - dt.timedelta(minutes=5)
    )
    stalled = _job(
        fund,
        user,
        minutes_ago=30,
        status=ReportJob.Status.RUNNING,
        started_at=now - dt.timedelta(minutes=12),
    )
    client = client_as(user)
    assert client.get(f"/boekhouding/taken/{running.pk}/status/").json()["notice"] == ""
    page = client.get(f"/boekhouding/taken/{stalled.pk}/").content.decode()
    assert "gestopt voordat het klaar was" in page and "Vraag het rapport opnieuw aan" in page
    assert "js/job.js" not in page


def test_the_worker_records_when_it_started_a_job(regional):
    from accounting.tasks import report_job_run

    fund, user = regional
    job = _job(fund, user)
    report_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE and job.started_at is not None and not job.notice()


def test_a_user_has_at_most_three_waiting_jobs_of_any_kind(regional):
    fund, user = regional
    for kind in ("fund_overview", "evaluation", "fund_overview"):
        report_job_start(
            kind=kind, params={"fund": fund.slug, "year": "2017"}, fmt="pdf", user=user
        )
    with pytest.raises(AccountingError, match="al 3 rapporten in de wachtrij of in bewerking"):
        report_job_start(
            kind="evaluation", params={"fund": fund.slug, "year": "2017"}, fmt="xlsx", user=user
        )
    assert ReportJob.objects.filter(created_by=user).count() == 3
    # a finished, failed or stalled job does not count
    first, second, third = ReportJob.objects.filter(created_by=user).order_by("pk")
    ReportJob.objects.filter(pk=first.pk).update(status=ReportJob.Status.DONE)
    ReportJob.objects.filter(pk=second.pk).update(status=ReportJob.Status.FAILED)
    ReportJob.objects.filter(pk=third.pk).update(
        status=ReportJob.Status.RUNNING, started_at=timezone.now() - dt.timedelta(minutes=20)
    )
    for _ in range(3):
        report_job_start(kind="fund_overview", params={"fund": fund.slug}, fmt="pdf", user=user)
    other = make_user("two-jobs-other", Role.TWO)  # the cap is per user
    report_job_start(kind="fund_overview", params={"fund": fund.slug}, fmt="pdf", user=other)


# every kind the background buttons start (accounting.views.jobs.JOB_PERMISSION), with who may start it
KINDS = {
    "fund_overview": (_regional_fund, {}),
    "evaluation": (_regional_fund, {"year": "2017"}),
    "spuk": (_spuk_fund, {"year": "2021"}),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_fourth_waiting_job_is_refused_on_the_page_with_a_dutch_reason(client_as, kind):
    assert set(KINDS) == set(jobs.JOB_PERMISSION)
    build, params = KINDS[kind]
    fund, user = build(make_user("two-cap", Role.TWO))
    client = client_as(user)
    form = {"kind": kind, "format": "pdf", "fund": fund.slug, **params}
    for _ in range(3):
        assert client.post("/boekhouding/taken/", form).status_code == 302
    back = f"http://testserver/boekhouding/{fund.slug}/overzicht/"
    response = client.post("/boekhouding/taken/", form, headers={"referer": back}, follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == back
    assert "U heeft al 3 rapporten in de wachtrij of in bewerking" in response.content.decode()
    assert ReportJob.objects.filter(created_by=user, kind=kind).count() == 3
    # a referer of another site is not followed
    response = client.post(
        "/boekhouding/taken/", form, headers={"referer": "https://evil.example/"}
    )
    assert response["Location"] == "/boekhouding/"


def test_the_direct_link_to_a_large_report_over_the_cap_is_refused_not_a_500(
    client_as, regional, monkeypatch
):
    fund, user = regional
    monkeypatch.setattr(common, "BACKGROUND_ROWS", 1)
    client = client_as(user)
    client.raise_request_exception = False
    for _ in range(3):
        assert client.get(f"/boekhouding/{fund.slug}/overzicht.pdf").status_code == 302
    response = client.get(f"/boekhouding/{fund.slug}/overzicht.pdf", follow=True)
    assert (
        response.status_code == 200 and "al 3 rapporten in de wachtrij" in response.content.decode()
    )
    assert ReportJob.objects.filter(created_by=user).count() == 3
