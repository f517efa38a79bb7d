"""Forecasts due and overdue (seed 002 §2.2 (5): every month), as notifications, once per month."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from allocations.forecast import forecast_due
from allocations.selectors.forecasts import forecast_missing_q
from core.dates import month_year
from core.models import Provider
from core.roles import Role
from core.templatetags.nl import format_date
from fund.models import Fund
from notifications.models import Kind
from notifications.services import notify, staff_of, users_in_role

DUE_NOTICE_DAYS = 3  # a provider hears this many days before the deadline that its forecast is due


def forecasts_due_notify(*, today: dt.date | None = None) -> int:
    """Providers with a budget for the forecast month and no forecast for it: a reminder in the last
    days before the fifth working day, and after it a notice that it is late (to TWO too)."""
    today = today or timezone.localdate()
    year, month, deadline = forecast_due(today)
    late = today > deadline
    if not late and (deadline - today).days > DUE_NOTICE_DAYS:
        return 0
    providers = Provider.objects.filter(forecast_missing_q(year=year, month=month))
    label = month_year(year, month)
    made = 0
    for provider in providers:
        url = reverse("allocations:provider", args=[provider.slug]) + f"?jaar={year}"
        users = list(users_in_role(Role.PROVIDER, provider=provider.pk))
        if late:
            made += len(
                notify(
                    users=users
                    + list(
                        staff_of(
                            Fund.objects.filter(
                                budget_lines__provider=provider, budget_lines__year=year
                            ).values("managed_by")
                        )
                    ),
                    kind=Kind.FORECAST_DUE,
                    key=f"forecast-late-{provider.pk}-{year}-{month}",
                    title=f"Prognose {label} van {provider.name} is te laat",
                    body=f"De prognose over {label} van {provider.name} was uiterlijk {format_date(deadline)} (de vijfde "
                    "werkdag) te leveren en is niet ontvangen.",
                    url=url,
                )
            )
        else:
            made += len(
                notify(
                    users=users,
                    kind=Kind.FORECAST_DUE,
                    key=f"forecast-due-{provider.pk}-{year}-{month}",
                    title=f"Prognose {label} uiterlijk {format_date(deadline)}",
                    body=f"Lever de prognose over {label} van {provider.name} uiterlijk {format_date(deadline)} "
                    "(de vijfde werkdag).",
                    url=url,
                )
            )
    return made
