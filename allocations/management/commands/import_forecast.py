from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from allocations.management.commands._month import parse_month, provider_by_slug
from allocations.services import common as common_services
from allocations.services import forecasts as forecast_services
from core.exceptions import DomainError
from core.permissions import is_fund_staff
from fund.models import Fund


class Command(BaseCommand):
    help = "Lees een ingevulde maandprognose (XLSX) in; bij één foute cel wordt niets opgeslagen."

    def add_arguments(self, parser):
        parser.add_argument("provider", help="slug van de aanbieder")
        parser.add_argument("month", help="JJJJ-MM")
        parser.add_argument("file", help="ingevuld sjabloon .xlsx")
        parser.add_argument(
            "--fonds",
            default=None,
            help="slug van het fonds waarvan het budget geldt (nodig als de "
            "aanbieder dat jaar budget uit meer dan één fonds heeft)",
        )
        parser.add_argument(
            "--user",
            default=None,
            help="gebruikersnaam die indient (standaard: een gebruiker van de aanbieder)",
        )

    def handle(self, *args, provider, month, file, user, fonds=None, **options):
        provider = provider_by_slug(provider)
        year, month_number = parse_month(month)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand {file} bestaat niet.")
        users = get_user_model().objects
        actor = (
            users.filter(username=user).first()
            if user
            else users.filter(profile__provider=provider, is_active=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(
                f"Gebruiker '{user}' bestaat niet."
                if user
                else "Geen gebruiker gevonden die namens deze aanbieder indient; geef --user op."
            )
        if not actor.is_active:
            raise CommandError(
                f"Gebruiker '{actor.get_username()}' is niet actief; er is niets ingelezen."
            )
        # as in the browser the provider's own users; here TWO staff too (who may load a file they received)
        if not (
            actor.has_perm("allocations.act_for_provider", provider)
            or (
                actor.has_perm("allocations.manage")
                and actor.has_perm("allocations.view_provider", provider)
            )
        ):
            raise CommandError(
                f"Gebruiker '{actor.get_username()}' hoort niet bij {provider} en is geen medewerker van "
                f"de TWO Jeugdhulp; er is niets ingelezen."
            )
        fund = None
        if fonds:
            fund = Fund.objects.filter(slug=fonds).first()
            if fund is None:
                raise CommandError(f"Fonds '{fonds}' bestaat niet; er is niets ingelezen.")
        try:
            fund = common_services.forecast_fund(provider=provider, year=year, fund=fund)
            # TWO staff load a forecast only into a budget of their own organisation's fund
            if not actor.has_perm("allocations.act_for_provider", provider) and not is_fund_staff(
                actor, fund
            ):
                raise CommandError(
                    f"Gebruiker '{actor.get_username()}' is geen medewerker van {fund.managed_by}, dat "
                    f"{fund} beheert; er is niets ingelezen."
                )
            submission = forecast_services.forecast_import(
                provider=provider,
                year=year,
                month=month_number,
                content=path.read_bytes(),
                user=actor,
                fund=fund,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Prognose {month} van {provider.slug} ingelezen (versie {submission.version}, "
            f"{submission.lines.count()} producten)."
        )
