from django.core.management.base import BaseCommand
from django.db import transaction

from demo import books, bren, budgets, funds, norms, organisations, proposals, spuk, timeline

# Order matters: each story builds on the ones before it. The books plan their steps
# (contributions, commitments, payments) before the meetings are replayed, so that each step
# runs on its own date between them (demo.timeline.later) and every meeting's fund overview
# shows the books of its day.
DEMO_STEPS = [
    organisations.load,
    funds.load,
    books.plan,
    proposals.load_tijdelijk_fonds,
    spuk.load,
    proposals.load_midden_holland,
    budgets.load,
    bren.load,
    books.load,
    norms.load,
]


class Command(BaseCommand):
    help = "Load the demo data (organisations, users with password 'demo', funds, ...). Safe to run again."

    def handle(self, *args, **options):
        timeline.forget_pending()
        try:
            with transaction.atomic():
                for step in DEMO_STEPS:
                    step()
                    self.stdout.write(f"demo: {step.__module__} {step.__name__}")
                timeline.run_pending()
        finally:
            timeline.forget_pending()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in with e.g. 'two' / 'demo'."))
