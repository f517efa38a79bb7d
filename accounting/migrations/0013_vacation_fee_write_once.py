"""A paid vacatiegeld is a record: the database refuses to change it (core.db.write_once_triggers)."""

from django.db import migrations

from core.db import write_once_triggers


class Migration(migrations.Migration):
    dependencies = [("accounting", "0012_vacationfee_building_team_vacationfee_created_by_and_more")]

    operations = [write_once_triggers("accounting_vacationfee")]
