import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from core.dates import in_range, range_text
from worklists.tasks import send_daily_notifications


class Command(BaseCommand):
    help = "Maakt de dagelijkse meldingen (stemming sluit bijna, prognose te leveren of te laat) en mailt ze."

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="Peildatum JJJJ-MM-DD (standaard vandaag).")

    def handle(self, *args, datum=None, **options):
        try:
            today = dt.date.fromisoformat(datum) if datum else None
        except ValueError as exc:
            raise CommandError(f"Ongeldige datum {datum!r}; gebruik JJJJ-MM-DD.") from exc
        if today is not None and not in_range(today):
            raise CommandError(f"Kies een peildatum {range_text()}.")
        made = send_daily_notifications(today)
        self.stdout.write(
            f"Meldingen: {made['votes']} over stemmingen, {made['forecasts']} over prognoses."
        )
