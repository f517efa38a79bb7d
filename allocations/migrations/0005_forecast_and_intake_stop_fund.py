"""A forecast and its intake stop belong to the fund (the budget) they forecast against (issue 13).
Added empty here, filled in 0006, then required in 0007: three steps, so PostgreSQL never alters a
table with pending updates in the same transaction."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("allocations", "0004_budget_request_rule_6"),
        ("fund", "0004_fund_vote_basis_and_letterhead"),
    ]

    operations = [
        migrations.AddField(
            model_name="forecastsubmission",
            name="fund",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="forecasts",
                                    to="fund.fund", verbose_name="fonds"),
        ),
        migrations.AddField(
            model_name="intakestop",
            name="fund",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="intake_stops",
                                    to="fund.fund"),
        ),
    ]
