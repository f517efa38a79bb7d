"""A missing period is flagged and reminded by e-mail to the area's users, once per period."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django_q.models import Schedule

from norms import services


@pytest.fixture
def region_user_with_mail(region_user):
    region_user.email = "regio-a@example.invalid"
    region_user.save()
    return region_user


def test_missing_months_are_mailed_to_the_regions_users_once(
    region_area, region_user_with_mail, django_capture_on_commit_callbacks
):
    services.counts_record(
        user=region_user_with_mail,
        area=region_area,
        reference_date=dt.date(2021, 7, 15),
        counts={
            "jeugdbeschermer-5-werkdagen": 0,
            "gedragen-koers-6-weken": 1,
            "passende-hulp-3-maanden": 2,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.norm_reminders_send(today=dt.date(2021, 9, 30))
    assert sent == 1 and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["regio-a@example.invalid"]
    assert "- augustus 2021: Vaste jeugdbeschermer, Gedragen koers, Passende hulp" in message.body
    assert "- september 2021: Vaste jeugdbeschermer, Gedragen koers, Passende hulp" in message.body
    assert "juli 2021" not in message.body  # counted
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.norm_reminders_send(today=dt.date(2021, 10, 1)) == 0
        )  # the same period: not again
    assert len(mail.outbox) == 1


def test_nothing_missing_nothing_sent(
    region_area, region_user_with_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.norm_reminders_send(today=dt.date(2021, 7, 30)) == 0
    assert mail.outbox == []


def test_the_command_and_the_daily_schedule(
    region_area, region_user_with_mail, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_norm_reminders")
    assert "1 herinnering(en) verstuurd." in capsys.readouterr().out
    assert len(mail.outbox) == 1 and "Regio A" in mail.outbox[0].subject
    # the migration writes the schedule; a transactional test run earlier in this process flushes the
    # tables, migration data included, so write it again the migration's way (idempotent) before reading it
    import importlib

    from django.apps import apps

    importlib.import_module("norms.migrations.0002_norms_history_reminders").create(apps, None)
    schedule = Schedule.objects.get(name="Herinneringen tellingen normen jeugdbescherming")
    assert schedule.func == "norms.tasks.send_norm_reminders" and schedule.schedule_type == "D"
