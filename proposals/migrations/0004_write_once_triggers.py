"""The database refuses to change rows that are records (see core.db.write_once_triggers)."""

from django.db import migrations

from core.db import write_once_triggers


class Migration(migrations.Migration):
    dependencies = [("proposals", "0003_list_indexes")]

    operations = [
        write_once_triggers(
            "proposals_transition",
            "proposals_fundoverviewsnapshot",
            "proposals_voterecord",
            "proposals_decision",
            "proposals_ambassadoradvice",
            "proposals_award",
            "proposals_decisionletter",
        )
    ]
