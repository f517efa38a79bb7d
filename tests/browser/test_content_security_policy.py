"""Every page carries a Content-Security-Policy that allows only our own static files; the
pages, their report styles, the charts and the polling job page work under it (the page fixture
fails a test on anything the browser refused)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounting.models import ReportJob
from tests.browser.conftest import assert_accessible, login


@pytest.mark.browser
def test_pages_charts_and_report_styles_work_under_the_policy(page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    response = page.goto("/accounts/login/")
    policy = response.headers["content-security-policy"]
    assert (
        "default-src 'none'" in policy
        and "script-src 'self'" in policy
        and "style-src 'self'" in policy
    )
    assert "unsafe-inline" not in policy
    login(page, "two")

    page.goto("/budgetten/aanbieder/ggz-leiden-jeugd/?jaar=2016")
    charts = page.locator("img[src$='.svg']")
    assert charts.count() == 2
    for i in range(2):
        charts.nth(i).scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=charts.nth(i).element_handle()
        )
    assert_accessible(page)

    page.goto(
        "/budgetten/aanbieder/ggz-leiden-jeugd/prognose-2016.svg"
    )  # the chart opened on its own
    assert page.locator("svg").count() >= 1

    # reports.css (a static file, no inline style) widens the report pages; other pages keep 80rem.
    page.goto("/fondsen/")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.jf-main')).maxWidth") == "1280px"
    )
    page.goto("/boekhouding/tijdelijk-fonds-holland-rijnland/overzicht/")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.jf-main')).maxWidth") == "1920px"
    )
    # the SPUK is managed by Rotterdam: its staff see its SiSa statement
    page.context.clear_cookies()
    login(page, "rotterdam")
    page.goto("/boekhouding/spuk-bren-zuid-west/spuk/2020/verantwoording/")
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.jf-report--sisa thead th.jf-num')).whiteSpace"
        )
        == "normal"
    )


@pytest.mark.browser
def test_the_job_page_polls_with_its_static_script(page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    two = get_user_model().objects.get(username="two")
    # a job's page is shown only to who may see its fund's report: one of two's own funds
    job = ReportJob.objects.create(
        kind="fund_overview",
        params={"fund": "tijdelijk-fonds-holland-rijnland", "format": "pdf"},
        created_by=two,
    )
    login(page, "two")
    assert page.goto(f"/boekhouding/taken/{job.pk}/").status == 200
    assert page.get_by_test_id("job-download").is_hidden()
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.DONE,
        progress=100,
        result=b"%PDF-1.4",
        filename="overzicht.pdf",
        content_type="application/pdf",
    )
    page.get_by_test_id("job-download").wait_for(state="visible", timeout=10000)
    assert page.locator("#job-status").inner_text() == "Klaar"
