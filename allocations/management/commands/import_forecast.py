from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from allocations import services
from allocations.management.commands._month import parse_month, provider_by_slug
from core.exceptions import DomainError


class Command(BaseCommand):
    help = "Lees een ingevulde maandprognose (XLSX) in; bij één foute cel wordt niets opgeslagen."

    def add_arguments(self, parser):
        parser.add_argument("provider", help="slug van de aanbieder")
        parser.add_argument("month", help="JJJJ-MM")
        parser.add_argument("file", help="ingevuld sjabloon .xlsx")
        parser.add_argument("--user", default=None, help="gebruikersnaam die indient (standaard: een gebruiker van de aanbieder)")

    def handle(self, *args, provider, month, file, user, **options):
        provider = provider_by_slug(provider)
        year, month_number = parse_month(month)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand {file} bestaat niet.")
        users = get_user_model().objects
        actor = users.filter(username=user).first() if user else users.filter(profile__provider=provider).order_by("pk").first()
        if actor is None:
            raise CommandError("Geen gebruiker gevonden die namens deze aanbieder indient; geef --user op.")
        try:
            submission = services.forecast_import(provider=provider, year=year, month=month_number,
                                                  content=path.read_bytes(), user=actor)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Prognose {month} van {provider.slug} ingelezen (versie {submission.version}, "
                          f"{submission.lines.count()} producten).")
