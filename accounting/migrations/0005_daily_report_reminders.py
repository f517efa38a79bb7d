"""The region report reminders go out every morning: a django-q2 schedule that the worker
(`manage.py qcluster`, started by `make run`) runs; `send_report_reminders` does the same by hand."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

NAME = "Herinneringen verantwoordingsverslagen"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "accounting.tasks.send_report_reminders",
            "schedule_type": "D",  # daily
            "repeats": -1,  # for ever
            "next_run": timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(7, 0))),
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounting", "0004_write_once_triggers"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
