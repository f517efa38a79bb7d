"""Large reports are made in the background, also when asked for by their direct download link;
small ones still download at once. BACKGROUND_ROWS is set low instead of building thousands of rows."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from djmoney.money import Money
from openpyxl import load_workbook

from accounting.models import ReportJob
from accounting.services.awards import payment_make
from accounting.services.ledger import contributions_charge
from accounting.services.spuk import DivisionLineInput, spuk_division_save
from accounting.views import common
from core.roles import Role
from core.spreadsheets import XLSX_TYPE
from tests.accounting.factories import AwardFactory, committed, funded
from tests.factories import FundFactory, MunicipalityFactory, TrancheFactory, make_user
from tests.proposals.factories import ProposalFactory


def _regional_fund(user):
    fund, _ = funded()
    for _i in range(2):
        award = AwardFactory(
            proposal=ProposalFactory(fund=fund, status="awarded"),
            year=2017,
            amount=Money(Decimal("1000"), "EUR"),
        )
        committed(award)
    return fund, user


def _spuk_fund(user):
    fund = FundFactory(spuk=True)
    TrancheFactory(fund=fund, year=2021, amount=Money(Decimal("100000"), "EUR"))
    coordinator = make_user(
        "coord-bg", Role.COORDINATOR, municipality=fund.coordinating_municipality
    )
    contributions_charge(tranche=fund.tranches.get(), user=None)
    awards = [
        AwardFactory(
            proposal=ProposalFactory(fund=fund, status="awarded"),
            year=2021,
            amount=Money(Decimal("1000"), "EUR"),
            number=f"SP-BG-{i}",
        )
        for i in range(2)
    ]
    lines = [
        DivisionLineInput(
            part="2", label=f"Project {i}", amount=Decimal("1000"), proposal_id=a.proposal_id
        )
        for i, a in enumerate(awards)
    ]
    lines.append(DivisionLineInput(part="4", label="Onvoorzien", amount=Decimal("98000")))
    spuk_division_save(fund=fund, year=2021, lines=lines, user=coordinator)
    for award in awards:
        committed(award)
        payment_make(
            award=award,
            amount=Decimal("500"),
            final=False,
            user=None,
            booked_on=dt.date(2021, 6, 1),
        )
    return fund, coordinator


# page, its download link without ".pdf" or ".xlsx", and what builds the fund (and who looks)
REPORTS = {
    "fondsoverzicht": (
        "/boekhouding/{slug}/overzicht/",
        "/boekhouding/{slug}/overzicht",
        _regional_fund,
    ),
    "evaluatie": (
        "/boekhouding/{slug}/evaluatie/2017/",
        "/boekhouding/{slug}/evaluatie/2017",
        _regional_fund,
    ),
    "spuk": (
        "/boekhouding/{slug}/spuk/2021/verantwoording/",
        "/boekhouding/{slug}/spuk/2021/verantwoording",
        _spuk_fund,
    ),
}


@pytest.fixture
def report(request, client_as):
    page, download, build = REPORTS[request.param]
    fund, user = build(make_user("two-bg", Role.TWO))
    return client_as(user), page.format(slug=fund.slug), download.format(slug=fund.slug)


@pytest.fixture
def jobs_run_at_once(monkeypatch, django_capture_on_commit_callbacks):
    """The worker runs the task in the request (as the existing job test does), once the job is committed."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
@pytest.mark.parametrize("report", list(REPORTS), indirect=True)
def test_a_large_report_page_offers_background_buttons_instead_of_the_links(report, monkeypatch):
    client, page_url, download = report
    page = client.get(page_url).content.decode()
    assert f'href="{download}.pdf"' in page and "op de achtergrond" not in page

    monkeypatch.setattr(common, "BACKGROUND_ROWS", 2)
    page = client.get(page_url).content.decode()
    assert "PDF maken (op de achtergrond)" in page and "XLSX maken (op de achtergrond)" in page
    assert f'href="{download}.pdf"' not in page and f'href="{download}.xlsx"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize("report", list(REPORTS), indirect=True)
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_direct_link_to_a_large_report_starts_a_job_and_shows_its_page(
    report, fmt, monkeypatch, jobs_run_at_once
):
    client, _page, download = report
    monkeypatch.setattr(common, "BACKGROUND_ROWS", 2)
    with jobs_run_at_once():
        response = client.get(f"{download}.{fmt}")
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/boekhouding/taken/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert (
        "wordt op de achtergrond gemaakt" in page
        and "Klaar" in page
        and "Download het rapport" in page
    )
    file = client.get(f"/boekhouding/taken/{job.pk}/download/")
    assert file["Content-Disposition"].endswith(f'.{fmt}"')
    assert file.streaming  # sent in parts of the stored file, not copied whole into the response
    content = file.getvalue()
    assert content[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
    job.refresh_from_db()
    assert content == bytes(job.result) and file["Content-Length"] == str(len(content))


@pytest.mark.django_db
@pytest.mark.parametrize("report", list(REPORTS), indirect=True)
def test_the_direct_link_to_a_small_report_still_returns_the_file(report):
    client, _page, download = report
    response = client.get(f"{download}.pdf")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
def test_only_who_may_see_the_report_can_start_its_job_by_the_link(client_as, monkeypatch):
    fund, _two = _regional_fund(None)
    monkeypatch.setattr(common, "BACKGROUND_ROWS", 2)
    outsider = make_user(
        "pho-bg", Role.PORTFOLIO_HOLDER, municipality=MunicipalityFactory()
    )  # another region
    assert client_as(outsider).get(f"/boekhouding/{fund.slug}/overzicht.pdf").status_code == 404
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("report", list(REPORTS), indirect=True)
def test_a_small_xlsx_download_is_streamed_from_a_file_and_opens_with_the_reports_cells(report):
    client, page_url, download = report
    response = client.get(f"{download}.xlsx")

    assert response.status_code == 200 and response.streaming  # FileResponse, not bytes in memory
    assert response["Content-Type"] == XLSX_TYPE
    assert re.fullmatch(r'attachment; filename="[a-z0-9-]+\.xlsx"', response["Content-Disposition"])
    content = response.getvalue()
    assert response["Content-Length"] == str(len(content))
    workbook = load_workbook(io.BytesIO(content))
    title = workbook.worksheets[0]["A1"].value
    assert title and title in client.get(page_url).content.decode()
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
def test_the_streamed_fund_overview_holds_the_same_cells_as_the_report_rendered_to_bytes(client_as):
    from accounting import reports
    from accounting.selectors.overview import fund_overview
    from reports.render import report_xlsx

    fund, user = _regional_fund(make_user("two-bg", Role.TWO))
    response = client_as(user).get(f"/boekhouding/{fund.slug}/overzicht.xlsx")
    assert response.streaming
    assert (
        response["Content-Disposition"] == f'attachment; filename="fondsoverzicht-{fund.slug}.xlsx"'
    )

    def cells(content):
        workbook = load_workbook(io.BytesIO(content))
        return {
            ws.title: [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()]
            for ws in workbook.worksheets
        }

    streamed = cells(response.getvalue())
    assert streamed == cells(report_xlsx(reports.fund_overview_report(fund_overview(fund))))
    assert any(
        value == 2000 and "€" in number_format
        for row in streamed["Projecten"]
        for value, number_format in row
    )  # the two awards of 1,000 committed, in euro cells
