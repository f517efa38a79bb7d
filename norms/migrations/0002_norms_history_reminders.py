"""The three norms and the related count as data (seeds 001 and 003), the write-once history of
actions (core.db.write_once_triggers), and the daily reminder of missing counts (django-q2)."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

from core.db import write_once_triggers
from norms.catalog import NORMS, norm_defaults

SCHEDULE = "Herinneringen tellingen normen jeugdbescherming"

def create(apps, schema_editor):
    Norm = apps.get_model("norms", "Norm")
    for row in NORMS:
        Norm.objects.update_or_create(code=row[0], defaults=norm_defaults(row))
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Schedule.objects.update_or_create(name=SCHEDULE, defaults={
        "func": "norms.tasks.send_norm_reminders", "schedule_type": "D", "repeats": -1,
        "next_run": timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(7, 15))),
    })


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()
    apps.get_model("norms", "Norm").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("norms", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(create, remove),
        write_once_triggers("norms_actionchange"),
    ]
