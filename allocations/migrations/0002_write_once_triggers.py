"""The database refuses to change rows that are records (see core.db.write_once_triggers)."""

from django.db import migrations

from core.db import write_once_triggers


class Migration(migrations.Migration):
    dependencies = [("allocations", "0001_initial")]

    operations = [
        write_once_triggers(
            "allocations_budgetrequestevent",
            "allocations_budgettransfer",
            "allocations_budgetline",
            "allocations_bsnaccesslog",
        )
    ]
