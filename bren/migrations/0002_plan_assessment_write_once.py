"""A plan assessment is a record: the database refuses to change it (core.db.write_once_triggers)."""

from django.db import migrations

from core.db import write_once_triggers


class Migration(migrations.Migration):
    dependencies = [("bren", "0001_initial")]

    operations = [write_once_triggers("bren_planassessment")]
