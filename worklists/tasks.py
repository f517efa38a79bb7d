"""The daily reminders, run by the django-q2 worker every morning (worklists migration 0001)."""

import datetime as dt

from django.db import transaction

from allocations.notifications import forecasts_due_notify
from proposals.notifications import votes_closing_notify


@transaction.atomic
def send_daily_notifications(today: dt.date | None = None) -> dict[str, int]:
    """Votes about to close and forecasts due or late; each reaches a user once (a key per item)."""
    return {
        "votes": votes_closing_notify(today=today),
        "forecasts": forecasts_due_notify(today=today),
    }
