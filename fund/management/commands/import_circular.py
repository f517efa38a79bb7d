from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from core.dates import year_arg
from core.exceptions import DomainError
from core.models import Region
from fund import services


class Command(BaseCommand):
    help = "Load a budget circular (meicirculaire) from an XLSX or CSV file; all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("name", help="e.g. 'Meicirculaire 2019'")
        parser.add_argument("file")
        parser.add_argument("--region", required=True, help="region slug, e.g. holland-rijnland")
        parser.add_argument("--year", type=year_arg, required=True, help="year of publication")

    def handle(self, *args, name, file, region, year, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        region_obj = Region.objects.filter(slug=region).first()
        if region_obj is None:
            raise CommandError(f"Onbekende regio '{region}'.")
        try:
            circular = services.circular_import(
                name=name,
                slug=slugify(name),
                published_year=year,
                region=region_obj,
                content=path.read_bytes(),
                filename=path.name,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{circular} ingelezen: {circular.amounts.count()} regels.")
