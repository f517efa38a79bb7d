"""Each existing forecast gets the provider's budget of that year: the fund that granted it budget
lines that year (the earliest when there are several), else the fund it asked that year, else the
knelpunten fund. An intake stop gets the fund of the forecast that started it."""

from django.db import migrations

GRANT_FUND_SLUG = "knelpunten-zin-2016"


def fill(apps, schema_editor):
    ForecastSubmission = apps.get_model("allocations", "ForecastSubmission")
    IntakeStop = apps.get_model("allocations", "IntakeStop")
    BudgetLine = apps.get_model("allocations", "BudgetLine")
    BudgetRequest = apps.get_model("allocations", "BudgetRequest")
    Fund = apps.get_model("fund", "Fund")
    chosen = {}
    pairs = ForecastSubmission.objects.filter(fund__isnull=True).values_list("provider_id", "year").distinct()
    for provider_id, year in pairs:
        fund_id = (BudgetLine.objects.filter(provider_id=provider_id, year=year).order_by("pk").values_list("fund_id", flat=True).first()
                   or BudgetRequest.objects.filter(provider_id=provider_id, year=year).order_by("pk")
                   .values_list("fund_id", flat=True).first()
                   or Fund.objects.filter(slug=GRANT_FUND_SLUG).values_list("pk", flat=True).first())
        if fund_id is None:
            raise RuntimeError(f"Prognoses van aanbieder {provider_id} in {year}: geen fonds gevonden om ze aan te koppelen.")
        chosen[provider_id, year] = fund_id
        ForecastSubmission.objects.filter(provider_id=provider_id, year=year, fund__isnull=True).update(fund_id=fund_id)
    for stop in IntakeStop.objects.filter(fund__isnull=True).select_related("started_by"):
        IntakeStop.objects.filter(pk=stop.pk).update(fund_id=stop.started_by.fund_id)


class Migration(migrations.Migration):

    dependencies = [
        ("allocations", "0005_forecast_and_intake_stop_fund"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
