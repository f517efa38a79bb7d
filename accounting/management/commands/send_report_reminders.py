from django.core.management.base import BaseCommand

from accounting.services.monitoring import report_reminders_send


class Command(BaseCommand):
    help = "E-mail the jeugdhulpregio's whose SPUK project report is due within 30 days or overdue (once a day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=30, help="remind this many days before the deadline"
        )

    def handle(self, *args, **options):
        sent = report_reminders_send(days_before=options["days"], user=None)
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
