"""Every fund is managed by one organisation: a regional fund by its region's office (TWO Jeugdhulp
<region>), a SPUK by its coordinating municipality. Existing TWO staff become staff of every office
made here and a coordinating municipality's users staff of its organisation, so nobody loses
access that they had."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify


def organisation_for(fund, Organisation):
    if fund.kind == "spuk":
        municipality = fund.coordinating_municipality
        organisation, _ = Organisation.objects.get_or_create(
            slug=f"gemeente-{slugify(municipality.name)}",
            defaults={"name": f"Gemeente {municipality.name}", "kind": "municipality", "municipality": municipality,
                      "region": municipality.region},
        )
        return organisation
    region = fund.region
    organisation, _ = Organisation.objects.get_or_create(
        slug=f"two-{region.slug}", defaults={"name": f"TWO Jeugdhulp {region.name}", "kind": "office", "region": region},
    )
    return organisation


def forwards(apps, schema_editor):
    Fund = apps.get_model("fund", "Fund")
    Organisation = apps.get_model("core", "Organisation")
    Membership = apps.get_model("core", "Membership")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for fund in Fund.objects.select_related("region", "coordinating_municipality__region"):
        fund.managed_by = organisation_for(fund, Organisation)
        fund.save(update_fields=["managed_by"])
    for organisation in Organisation.objects.all():
        if organisation.kind == "office":
            users = User.objects.filter(groups__name="two")
        else:
            users = User.objects.filter(groups__name="coordinerende-gemeente", profile__municipality=organisation.municipality_id)
        for user in users:
            Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": "medewerker"})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_organisations_and_memberships"),
        ("fund", "0005_fund_quorum_not_null"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="fund",
            name="managed_by",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="funds",
                                    to="core.organisation", verbose_name="beheerd door"),
        ),
        migrations.AddField(
            model_name="historicalfund",
            name="managed_by",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to="core.organisation", verbose_name="beheerd door",
                help_text="De organisatie die het fonds beheert: het regionale bureau of de coördinerende gemeente. "
                          "Alleen haar medewerkers zien en beheren het fonds en alles wat erbij hoort.",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="fund",
            name="managed_by",
            field=models.ForeignKey(
                help_text="De organisatie die het fonds beheert: het regionale bureau of de coördinerende gemeente. "
                          "Alleen haar medewerkers zien en beheren het fonds en alles wat erbij hoort.",
                on_delete=django.db.models.deletion.PROTECT, related_name="funds", to="core.organisation",
                verbose_name="beheerd door"),
        ),
    ]
