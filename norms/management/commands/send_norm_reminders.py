from django.core.management.base import BaseCommand

from norms import services


class Command(BaseCommand):
    help = "E-mail the users of every area whose counts of a period are missing (also daily by the worker)."

    def handle(self, *args, **options):
        sent = services.norm_reminders_send(user=None)
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
