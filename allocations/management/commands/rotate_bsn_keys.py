from django.core.management.base import BaseCommand

from allocations.services.clients import bsn_rotate_keys


class Command(BaseCommand):
    help = "Versleutel alle opgeslagen BSN's opnieuw met de nieuwste sleutel (de eerste van BSN_ENCRYPTION_KEYS)."

    def handle(self, *args, **options):
        count = bsn_rotate_keys()
        self.stdout.write(f"{count} BSN's opnieuw versleuteld met de nieuwste sleutel.")
