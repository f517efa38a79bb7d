"""The database refuses to change rows that are records (see core.db.write_once_triggers)."""

from django.db import migrations

from core.db import write_once_triggers


class Migration(migrations.Migration):
    dependencies = [("accounting", "0003_settlement_without_refund")]

    operations = [
        write_once_triggers(
            "accounting_settlement", "accounting_settlementline", "accounting_overviewsnapshot"
        )
    ]
