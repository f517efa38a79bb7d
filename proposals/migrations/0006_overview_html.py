"""The page of a meeting shows the fund overview as it was rendered when it was kept (html)."""


from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0005_criterion_answers'),
    ]

    operations = [
        migrations.AddField(
            model_name='fundoverviewsnapshot',
            name='html',
            field=models.TextField(blank=True, null=True),
        ),
    ]
