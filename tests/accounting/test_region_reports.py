"""seed 004 §6.4 (4.3): the filing region reports after the project and before 1 March of the
next year; the system shows due, overdue and received, and reminds by e-mail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from djmoney.money import Money

from accounting import rules
from accounting.exceptions import AccountingError
from accounting.rules import ReportState as S
from accounting.selectors.monitoring import region_report_rows
from accounting.services.monitoring import region_report_deliver, report_reminders_send
from core.roles import Role
from tests.accounting.factories import AwardFactory
from tests.accounting.html import table_rows
from tests.factories import FundFactory, RegionFactory, make_user
from tests.proposals.factories import ProposalFactory

END = dt.date(2020, 12, 31)


def test_the_deadline_is_1_march_of_the_year_after_the_project_ends():
    assert rules.report_deadline(END) == dt.date(2021, 3, 1)
    assert rules.report_deadline(dt.date(2023, 6, 30)) == dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("today", "delivered", "state"),
    [
        (dt.date(2020, 12, 31), None, S.RUNNING),
        (dt.date(2021, 1, 1), None, S.DUE),
        (dt.date(2021, 2, 28), None, S.DUE),
        (dt.date(2021, 3, 1), None, S.OVERDUE),  # "uiterlijk vóór 1 maart": on 1 March it is late
        (dt.date(2024, 3, 1), dt.date(2021, 2, 28), S.RECEIVED),
        (dt.date(2024, 3, 1), dt.date(2021, 3, 1), S.RECEIVED_LATE),
    ],
)
def test_report_states_around_the_deadline(today, delivered, state):
    assert rules.report_state(project_end=END, delivered_on=delivered, today=today) == state


@pytest.fixture
def spuk_projects(db):
    fund = FundFactory(spuk=True)
    north, south = (
        RegionFactory(slug="noord", name="Noord"),
        RegionFactory(slug="zuid", name="Zuid"),
    )
    own = AwardFactory(
        proposal=ProposalFactory(
            fund=fund, filing_region=north, title="Eigen project", status="awarded"
        ),
        number="S-1",
        year=2020,
        amount=Money(Decimal("1000"), "EUR"),
        period_start=dt.date(2020, 1, 1),
        period_end=END,
    )
    other = AwardFactory(
        proposal=ProposalFactory(
            fund=fund, filing_region=south, title="Ander project", status="awarded"
        ),
        number="S-2",
        year=2020,
        amount=Money(Decimal("1000"), "EUR"),
        period_start=dt.date(2020, 1, 1),
        period_end=dt.date(2021, 6, 30),
    )
    user = make_user("regio-noord", Role.REGION, region=north)
    user.email = "noord@example.invalid"
    user.save()
    return fund, own.proposal, other.proposal, user


def test_the_list_shows_overdue_in_red_and_only_the_own_region_projects(spuk_projects, client_as):
    fund, own, other, user = spuk_projects
    client = client_as(user)
    page = client.get("/boekhouding/verslagen/").content.decode()
    rows = table_rows(page, "region-reports")
    assert [r[0] for r in rows[1:]] == [f"{own.reference} Eigen project"]
    assert rows[1][3] == "1-3-2021" and rows[1][4] == "Te laat"
    assert 'jf-badge jf-badge--red">Te laat' in page
    assert client.get(f"/boekhouding/verslagen/{other.pk}/").status_code == 404
    assert (
        client.post(
            f"/boekhouding/verslagen/{other.pk}/", {"results": "x", "conditions": "y"}
        ).status_code
        == 404
    )


def test_the_region_delivers_its_report_once(spuk_projects, client_as):
    fund, own, other, user = spuk_projects
    client = client_as(user)
    response = client.post(
        f"/boekhouding/verslagen/{own.pk}/",
        {"results": "Doelen gehaald", "conditions": "Aanbesteed"},
        follow=True,
    )
    assert "Het verantwoordingsverslag is ontvangen." in response.content.decode()
    state = {r.proposal.pk: r.state for r in region_report_rows(today=timezone.localdate())}
    assert state[own.pk] == S.RECEIVED_LATE
    with pytest.raises(AccountingError, match="al ontvangen"):
        region_report_deliver(proposal=own, results="a", conditions="b", user=user)


def test_reminders_go_by_email_after_commit_once_a_day(
    spuk_projects, django_capture_on_commit_callbacks
):
    fund, own, other, user = spuk_projects
    with django_capture_on_commit_callbacks(execute=True):
        sent = report_reminders_send(today=dt.date(2021, 2, 10))
    assert sent == 1 and len(mail.outbox) == 1
    assert mail.outbox[0].to == ["noord@example.invalid"]
    assert "uiterlijk vóór 1-3-2021" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert report_reminders_send(today=dt.date(2021, 2, 10)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_report_reminders", "--days", "0")  # today: long overdue
    assert len(mail.outbox) == 2 and "te laat" in mail.outbox[1].subject


def test_the_reminders_are_scheduled_daily_for_the_worker(
    spuk_projects, django_capture_on_commit_callbacks
):
    from django_q.models import Schedule

    from accounting.tasks import send_report_reminders

    schedule = Schedule.objects.get(func="accounting.tasks.send_report_reminders")
    assert (schedule.schedule_type, schedule.repeats) == (Schedule.DAILY, -1)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            send_report_reminders() == 1
        )  # what the worker calls: today the report is long overdue
    assert "te laat" in mail.outbox[0].subject
