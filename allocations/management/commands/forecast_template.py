from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from allocations.management.commands._month import parse_month, provider_by_slug
from allocations.selectors import forecasts as forecast_selectors
from allocations.selectors import products as product_selectors
from allocations.xlsx import forecast_template


class Command(BaseCommand):
    help = "Schrijf het XLSX-sjabloon voor de maandprognose van een aanbieder."

    def add_arguments(self, parser):
        parser.add_argument("provider", help="slug van de aanbieder")
        parser.add_argument("month", help="JJJJ-MM")
        parser.add_argument("--output", required=True, help="bestandsnaam .xlsx")

    def handle(self, *args, provider, month, output, **options):
        provider = provider_by_slug(provider)
        year, month_number = parse_month(month)
        content = forecast_template(
            provider=provider,
            year=year,
            month=month_number,
            products=product_selectors.products_of(provider),
            tariffs=product_selectors.tariffs_for(provider=provider, year=year),
            previous=forecast_selectors.previous_forecast_lines(
                provider=provider, year=year, month=month_number
            ),
        )
        try:
            Path(output).write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Kan {output} niet schrijven: {exc.strerror}.") from exc
        self.stdout.write(f"Sjabloon {month} voor {provider.slug} geschreven naar {output}.")
