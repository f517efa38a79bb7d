"""A journal line can name the PxQ request whose grant it books (a provider budget from the
knelpunten fund). ADD COLUMN only: the write-once triggers on the journal tables stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounting', '0005_daily_report_reminders'),
        ('allocations', '0002_write_once_triggers'),
    ]

    operations = [
        migrations.AddField(
            model_name='journalline',
            name='budget_request',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='journal_lines', to='allocations.budgetrequest', verbose_name='PxQ-aanvraag'),
        ),
    ]
