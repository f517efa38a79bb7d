"""The fund overview for a meeting is kept with the meeting itself (proposals.FundOverviewSnapshot,
made when the meeting is planned, with the books' figures and the changes since the previous
meeting: accounting.meeting_overview). The separate snapshot that TWO took by hand goes; its
write-once triggers go with its table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounting", "0008_payments_within_commitments"),
    ]

    operations = [
        migrations.DeleteModel(name="OverviewSnapshot"),
    ]
