from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: each app's demo builds on the ones before it.
DEMO_MODULES = ["core.demo", "fund.demo", "proposals.demo", "allocations.demo", "accounting.demo"]


class Command(BaseCommand):
    help = "Load the demo data (organisations, users with password 'demo', funds, ...). Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.load()
                self.stdout.write(f"demo: {name} loaded")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in with e.g. 'two' / 'demo'."))
