from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from core import demo

# Order matters: each app's demo builds on the ones before it. The books plan their steps
# (contributions, commitments, payments) before the meetings are replayed, so that each step
# runs on its own date between them (core.demo.later) and every meeting's fund overview shows
# the books of its day.
DEMO_STEPS = [
    ("core.demo", "load"), ("fund.demo", "load"), ("accounting.demo", "plan"), ("proposals.demo", "load"),
    ("allocations.demo", "load"), ("bren.demo", "load"), ("accounting.demo", "load"), ("norms.demo", "load"),
]


class Command(BaseCommand):
    help = "Load the demo data (organisations, users with password 'demo', funds, ...). Safe to run again."

    def handle(self, *args, **options):
        demo.forget_pending()
        try:
            with transaction.atomic():
                for name, step in DEMO_STEPS:
                    try:
                        module = import_module(name)
                    except ModuleNotFoundError as exc:
                        if exc.name != name:
                            raise
                        continue
                    getattr(module, step)()
                    self.stdout.write(f"demo: {name} {step}")
                demo.run_pending()
        finally:
            demo.forget_pending()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in with e.g. 'two' / 'demo'."))
