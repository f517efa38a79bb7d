"""The daily reminders (votes about to close, forecasts due or late) go out every morning: a django-q2
schedule that the worker runs; `manage.py send_notifications` does the same by hand."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

NAME = "Dagelijkse meldingen"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "worklists.tasks.send_daily_notifications",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(7, 0))),
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
