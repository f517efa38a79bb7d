"""Issue 6: the region-report overview as of a peildatum, so that "due, not yet late" can be seen
after the fact; a report received after the peildatum was not there yet on it."""

import datetime as dt
from decimal import Decimal

import pytest
from djmoney.money import Money

from accounting.rules import ReportState as S
from accounting.selectors.monitoring import region_report_rows, report_due_preview
from accounting.services.monitoring import region_report_deliver
from core.roles import Role
from tests.accounting.factories import AwardFactory
from tests.accounting.html import table_rows
from tests.factories import FundFactory, RegionFactory, make_user
from tests.proposals.factories import ProposalFactory

URL = "/boekhouding/verslagen/"


def _project(fund, region, title, end):
    award = AwardFactory(
        proposal=ProposalFactory(fund=fund, filing_region=region, title=title, status="awarded"),
        year=end.year,
        amount=Money(Decimal("1000"), "EUR"),
        period_start=dt.date(end.year, 1, 1),
        period_end=end,
    )
    return award.proposal


@pytest.fixture
def projects(db):
    """Two regions' projects: North's ends in 2020 (due before 1 March 2021), South's in 2023 (due
    before 1 March 2024, a leap year)."""
    fund = FundFactory(spuk=True)
    north, south = (
        RegionFactory(slug="noord", name="Noord"),
        RegionFactory(slug="zuid", name="Zuid"),
    )
    own = _project(fund, north, "Eigen project", dt.date(2020, 12, 31))
    leap = _project(fund, south, "Schrikkeljaarproject", dt.date(2023, 12, 31))
    return (
        own,
        leap,
        make_user("regio-noord-p", Role.REGION, region=north),
        make_user("two-p", Role.TWO),
    )


def _deliver(proposal, day, user=None):
    region_report_deliver(
        proposal=proposal,
        results="Doelen gehaald",
        conditions="Aanbesteed",
        user=user,
        delivered_at=dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC),
    )


def _states(day):
    return {r.proposal.title: r.state for r in region_report_rows(today=day)}


@pytest.mark.parametrize(
    ("peildatum", "own", "leap"),
    [
        (dt.date(2020, 12, 31), S.RUNNING, S.RUNNING),
        (dt.date(2021, 1, 1), S.DUE, S.RUNNING),
        (dt.date(2021, 2, 28), S.DUE, S.RUNNING),  # "uiterlijk vóór 1 maart": the last day on time
        (dt.date(2021, 3, 1), S.OVERDUE, S.RUNNING),
        (dt.date(2024, 2, 28), S.OVERDUE, S.DUE),
        (dt.date(2024, 2, 29), S.OVERDUE, S.DUE),  # leap day: still on time
        (dt.date(2024, 3, 1), S.OVERDUE, S.OVERDUE),
    ],
)
def test_due_and_overdue_at_the_boundary_dates(projects, peildatum, own, leap):
    assert _states(peildatum) == {"Eigen project": own, "Schrikkeljaarproject": leap}


@pytest.mark.parametrize(
    ("delivered", "peildatum", "state"),
    [
        (
            dt.date(2021, 2, 28),
            dt.date(2021, 2, 27),
            S.DUE,
        ),  # received after the peildatum: not yet there
        (
            dt.date(2021, 2, 28),
            dt.date(2021, 2, 28),
            S.RECEIVED,
        ),  # received on the peildatum itself
        (dt.date(2021, 2, 28), dt.date(2021, 3, 1), S.RECEIVED),
        (dt.date(2021, 3, 1), dt.date(2021, 2, 28), S.DUE),
        (dt.date(2021, 3, 1), dt.date(2021, 3, 1), S.RECEIVED_LATE),
        (dt.date(2021, 3, 20), dt.date(2021, 3, 19), S.OVERDUE),
        (dt.date(2021, 3, 20), dt.date(2021, 3, 20), S.RECEIVED_LATE),
    ],
)
def test_a_report_counts_from_the_day_it_was_received(projects, delivered, peildatum, state):
    own, leap, user, _ = projects
    _deliver(own, delivered, user)
    assert _states(peildatum)["Eigen project"] == state


def test_a_leap_year_report_on_29_february_is_on_time(projects):
    own, leap, _, two = projects
    _deliver(leap, dt.date(2024, 2, 29), two)
    assert _states(dt.date(2024, 3, 1))["Schrikkeljaarproject"] == S.RECEIVED


def test_the_page_shows_the_state_on_the_peildatum_and_hides_a_later_receipt(projects, client_as):
    own, leap, user, two = projects
    _deliver(own, dt.date(2021, 2, 15), user)
    client = client_as(two)
    page = client.get(URL, {"peildatum": "2021-02-14"}).content.decode()
    rows = {r[0]: r for r in table_rows(page, "region-reports")[1:]}
    assert rows[f"{own.reference} Eigen project"][4:] == [
        "Te verwachten",
        "",
    ]  # received the next day
    assert "Stand per <strong>14-2-2021</strong>" in page and 'value="2021-02-14"' in page
    page = client.get(URL, {"peildatum": "2021-02-15"}).content.decode()
    rows = {r[0]: r for r in table_rows(page, "region-reports")[1:]}
    assert rows[f"{own.reference} Eigen project"][4:] == ["Ontvangen", "15-2-2021"]
    page = client.get(URL, {"peildatum": "29-02-2024"}).content.decode()  # the Dutch way works too
    rows = {r[0]: r for r in table_rows(page, "region-reports")[1:]}
    assert rows[f"{leap.reference} Schrikkeljaarproject"][4] == "Te verwachten"
    assert 'jf-badge jf-badge--amber">Te verwachten' in page


@pytest.mark.parametrize(
    "value", ["31-02-2023", "2023-02-30", "morgen", "2023-13-01", "1999-12-31", "2101-01-01"]
)
def test_a_bad_peildatum_is_a_form_error_and_the_list_shows_today(projects, client_as, value):
    own, leap, user, two = projects
    client = client_as(two)
    response = client.get(URL, {"peildatum": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="peildatum-error"' in page and f"Ingevuld: „{value}”" in page
    assert 'aria-invalid="true"' in page
    assert "(vandaag)" in page and len(table_rows(page, "region-reports")) == 3
    download = client.get(URL + "overzicht.pdf", {"peildatum": value})
    assert download.status_code == 400 and "Ongeldige peildatum" in download.content.decode()


def test_an_empty_peildatum_is_today(projects, client_as):
    page = client_as(projects[3]).get(URL, {"peildatum": ""}).content.decode()
    assert "peildatum-error" not in page and "(vandaag)" in page


def test_another_region_still_gets_404_and_sees_only_its_own_projects(projects, client_as):
    own, leap, user, _ = projects
    client = client_as(user)
    rows = table_rows(
        client.get(URL, {"peildatum": "2024-02-01"}).content.decode(), "region-reports"
    )
    assert [r[0] for r in rows[1:]] == [f"{own.reference} Eigen project"]
    assert client.get(f"{URL}{leap.pk}/").status_code == 404
    assert client.get(f"{URL}{leap.pk}/", {"peildatum": "2024-02-01"}).status_code == 404
    assert client.post(f"{URL}{leap.pk}/", {"results": "x", "conditions": "y"}).status_code == 404
    xlsx = client.get(URL + "overzicht.xlsx", {"peildatum": "2024-02-01"})
    assert xlsx.status_code == 200 and b"Schrikkeljaarproject" not in xlsx.getvalue()


def test_the_downloads_follow_the_peildatum(projects, client_as):
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    own, leap, user, two = projects
    _deliver(own, dt.date(2021, 2, 15), user)
    client = client_as(two)
    page = client.get(URL, {"peildatum": "2021-02-01"}).content.decode()
    assert (
        'href="overzicht.pdf?peildatum=2021-02-01"' in page
        and 'href="overzicht.xlsx?peildatum=2021-02-01"' in page
    )
    ws = load_workbook(
        io.BytesIO(client.get(URL + "overzicht.xlsx", {"peildatum": "2021-02-01"}).getvalue())
    )["Verslagen"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert ["Stand per", "1-2-2021"] in [v[:2] for v in values]
    own_row = next(v for v in values if v[0] == f"{own.reference} Eigen project")
    assert own_row[4] == "Te verwachten" and own_row[5] is None
    pdf = client.get(URL + "overzicht.pdf", {"peildatum": "2021-02-01"}).content
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Stand per 1-2-2021" in text and "Te verwachten" in text and "15-2-2021" not in text


def test_the_preview_is_a_month_before_the_last_deadline_that_passed_when_nothing_is_due(projects):
    assert report_due_preview(
        region_report_rows(today=dt.date(2021, 6, 1)), dt.date(2021, 6, 1)
    ) == dt.date(2021, 2, 1)
    assert (
        report_due_preview(region_report_rows(today=dt.date(2021, 2, 1)), dt.date(2021, 2, 1))
        is None
    )  # one is due
    assert (
        report_due_preview(region_report_rows(today=dt.date(2020, 6, 1)), dt.date(2020, 6, 1))
        is None
    )  # none passed
    assert report_due_preview(
        region_report_rows(today=dt.date(2025, 1, 1)), dt.date(2025, 1, 1)
    ) == dt.date(2024, 2, 1)


@pytest.mark.django_db
def test_the_demo_links_to_a_peildatum_on_which_a_report_is_due_but_not_late(demo_client):
    # issue 13: the SPUK's reports belong to Rotterdam, which manages it (two, of Holland Rijnland's office, sees none)
    client = demo_client("rotterdam")
    page = client.get(URL).content.decode()
    states = {r[0].split()[0]: r[4] for r in table_rows(page, "region-reports")[1:]}
    assert (
        "Te verwachten" not in states.values()
    )  # every demo project ended by 2021: today all late or received
    assert 'href="?peildatum=2022-02-01">Bekijk per 1-2-2022</a>' in page
    then = client.get(URL, {"peildatum": "2022-02-01"}).content.decode()
    rows = {r[0].split()[0]: r for r in table_rows(then, "region-reports")[1:]}
    assert rows["V-SPUK-2021-007"][4:] == [
        "Te verwachten",
        "",
    ]  # received on 21 February 2022, on time
    assert states["V-SPUK-2021-007"] == "Ontvangen"
    assert [r[4] for r in rows.values()].count("Te laat") >= 3 and "Ontvangen" in [
        r[4] for r in rows.values()
    ]
