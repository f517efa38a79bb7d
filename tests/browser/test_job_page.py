"""The job page's static script (under the Content-Security-Policy) stops polling when the server says
the job has not started, and stops by itself after its bounded time (issue 12, hole 8)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounting.models import ReportJob
from accounting.views import jobs
from core.roles import Role
from tests.accounting.test_background_downloads import _regional_fund
from tests.browser.conftest import assert_accessible, login
from tests.factories import make_user


def _queued_job():
    fund, user = _regional_fund(make_user("two-poll", Role.TWO))
    return ReportJob.objects.create(
        kind="fund_overview", params={"fund": fund.slug, "format": "pdf"}, created_by=user
    )


def _status_requests(page) -> list[str]:
    asked = []
    page.on(
        "request",
        lambda request: asked.append(request.url) if request.url.endswith("/status/") else None,
    )
    return asked


@pytest.mark.browser
def test_the_page_says_the_job_has_not_started_and_stops_asking(page, transactional_db):
    job = _queued_job()
    asked = _status_requests(page)
    login(page, "two-poll", "pw-two-poll")
    with page.expect_request(lambda request: request.url.endswith("/status/")):
        page.goto(f"/boekhouding/taken/{job.pk}/")
    assert page.get_by_test_id("job-notice").is_hidden()
    ReportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=3))
    page.get_by_test_id("job-notice").wait_for(state="visible", timeout=10000)
    assert "nog niet gestart" in page.get_by_test_id("job-notice").inner_text()
    count = len(asked)
    page.wait_for_timeout(2500)
    assert len(asked) == count  # no more polling
    assert_accessible(page)


@pytest.mark.browser
def test_the_page_stops_asking_after_its_time_and_says_so(page, transactional_db, monkeypatch):
    monkeypatch.setattr(jobs, "JOB_POLL_SECONDS", 2)
    job = _queued_job()
    asked = _status_requests(page)
    login(page, "two-poll", "pw-two-poll")
    page.goto(f"/boekhouding/taken/{job.pk}/")
    page.get_by_test_id("job-poll-stopped").wait_for(state="visible", timeout=10000)
    assert len(asked) == 2
    page.wait_for_timeout(2000)
    assert len(asked) == 2 and page.get_by_test_id("job-notice").is_hidden()
