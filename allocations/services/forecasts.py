"""Writes of the monthly forecasts (seed 002 §2.2 (5)): submitting one (from the form, the XLSX upload
or the API), the 100%/105% intake stop it sets or lifts, and the notices to TWO when a forecast crosses
a limit.
"""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from allocations.exceptions import AllocationError
from allocations.forecast import AMBER, GREEN, RED, crossing, expected_units_estimate
from allocations.models import ForecastLine, ForecastSubmission, IntakeStop, Product
from allocations.rows import ClientRow, ForecastRow
from allocations.selectors.forecasts import provider_status
from allocations.selectors.products import tariffs_for
from allocations.services.clients import record_client
from allocations.services.common import euro_money, forecast_fund, lock_provider, require_same_unit
from allocations.xlsx_reading import parse_forecast_file
from core.models import Membership, Provider
from core.roles import Role
from core.templatetags.nl import format_number
from fund.models import Fund
from notifications.models import Kind
from notifications.services import notify

EXPLANATION_MAX = 5000  # a forecast's explanation: a few paragraphs, not a file pasted in


@sensitive_variables()
@transaction.atomic
def forecast_submit(
    *,
    provider: Provider,
    year: int,
    month: int,
    rows: list[ForecastRow],
    explanation: str,
    source: str,
    user,
    clients: list[ClientRow] = (),
    today: dt.date | None = None,
    fund: Fund | None = None,
) -> ForecastSubmission:
    """Save a month's forecast of one budget (`fund`; see forecast_fund) as the new current
    version; the earlier version stays as history.

    Cost per product = (units delivered + expected units to 31-12) x P from the tariff list. A row
    without expected units (left blank in the browser form) gets the estimate from its clients in
    care, doorlooptijd and outflow (allocations.forecast), and its line says it was estimated.
    Afterwards the status of that budget is recomputed: red opens its intake stop, leaving red ends
    it, and crossing 100% or 105% e-mails the fund's staff once the transaction commits. Another
    region's budget of the provider is measured apart and keeps its own stop.
    """
    if len(explanation) > EXPLANATION_MAX:
        raise AllocationError(
            f"De toelichting is te lang: ten hoogste {EXPLANATION_MAX} tekens. Er is niets opgeslagen."
        )
    provider = lock_provider(provider)
    today = today or timezone.localdate()
    if not 1 <= month <= 12:
        raise AllocationError("De maand moet tussen 1 en 12 liggen.")
    fund = forecast_fund(provider=provider, year=year, fund=fund)
    products = {p.code: p for p in Product.objects.filter(provider=provider)}
    tariffs = tariffs_for(provider=provider, year=year, region_id=fund.region_id)
    unknown = [r.product_code for r in rows if r.product_code not in products]
    if unknown:
        raise AllocationError(f"Onbekende producten: {', '.join(unknown)}.")
    missing_tariff = sorted({r.product_code for r in rows} - set(tariffs))
    if missing_tariff:
        raise AllocationError(f"Geen tarief {year} voor: {', '.join(missing_tariff)}.")
    for code in sorted({r.product_code for r in rows}):
        require_same_unit(products[code], tariffs[code])
    estimated = {r.product_code for r in rows if r.expected_units is None}
    rows = [
        replace(r, expected_units=_estimate(r, month=month, year=year))
        if r.expected_units is None
        else r
        for r in rows
    ]
    previous = provider_status(provider=provider, year=year, fund=fund)
    if previous.budget <= 0:
        raise AllocationError(
            f"Er is voor {year} nog geen budget toegekend; een prognose wordt gemeten tegen het toegekende budget."
        )
    before = previous.status

    version = (
        ForecastSubmission.objects.filter(
            provider=provider, fund=fund, year=year, month=month
        ).aggregate(v=Max("version"))["v"]
        or 0
    ) + 1
    ForecastSubmission.objects.filter(
        provider=provider, fund=fund, year=year, month=month, is_current=True
    ).update(is_current=False)
    submission = ForecastSubmission.objects.create(
        provider=provider,
        fund=fund,
        year=year,
        month=month,
        version=version,
        source=source,
        explanation=explanation.strip(),
        submitted_by=user,
    )
    lines = ForecastLine.objects.bulk_create(
        [
            ForecastLine(
                submission=submission,
                product=products[r.product_code],
                units_delivered=r.units_delivered,
                clients_in_care=r.clients_in_care,
                average_duration_weeks=r.average_duration_weeks,
                expected_outflow=r.expected_outflow,
                expected_units=r.expected_units,
                expected_units_estimated=r.product_code in estimated,
                waiting_list=r.waiting_list,
                waiting_weeks=r.waiting_weeks,
                trend=r.trend,
                regional_use_percent=r.regional_use_percent,
                price=tariffs[r.product_code].price,
                cost=euro_money(
                    tariffs[r.product_code].price.amount * (r.units_delivered + r.expected_units)
                ),
            )
            for r in rows
        ],
        batch_size=2000,
    )
    # what the database's trigger added up (allocations 0009), without reading it back
    submission.total_cost = sum((line.cost.amount for line in lines), start=Decimal("0"))

    after = provider_status(provider=provider, year=year, fund=fund)
    _update_intake_stop(
        provider=provider,
        fund=fund,
        year=year,
        status=after.status,
        submission=submission,
        today=today,
    )
    for client in clients:
        record_client(
            provider=provider,
            product=products[client.product_code],
            year=year,
            bsn=client.bsn,
            intake_on=client.intake_on,
            user=user,
            status=after.status,
            fund=fund,
        )
    direction = crossing(before, after.status) if after.status else None
    if direction:  # in the app now; the e-mail leaves after commit (notifications.services.notify)
        _notify_two(after, before, direction)
    return submission


def _estimate(row: ForecastRow, *, month: int, year: int) -> Decimal:
    estimate = expected_units_estimate(
        units_delivered=row.units_delivered,
        clients_in_care=row.clients_in_care,
        average_duration_weeks=row.average_duration_weeks,
        expected_outflow=row.expected_outflow,
        month=month,
        year=year,
    )
    if estimate is None:
        raise AllocationError(
            f"Vul bij {row.product_code} de verwachte eenheden tot 31-12 in: zonder cliënten in zorg "
            "en geleverde eenheden kan de schatting niet worden berekend."
        )
    return estimate


def _update_intake_stop(*, provider, fund, year, status, submission, today) -> None:
    open_stop = IntakeStop.objects.filter(
        provider=provider, fund=fund, year=year, ended_on__isnull=True
    ).first()
    if status == RED and open_stop is None:
        IntakeStop.objects.create(
            provider=provider, fund=fund, year=year, started_on=today, started_by=submission
        )
    elif status != RED and open_stop is not None:
        IntakeStop.objects.filter(pk=open_stop.pk, ended_on__isnull=True).update(
            ended_on=max(today, open_stop.started_on)
        )


STATUS_TEXT = {
    GREEN: "binnen budget (tot en met 100%)",
    AMBER: "tussen 100% en 105% (BSN verplicht)",
    RED: "boven 105% (algehele opnamestop)",
}
# The subject names where the forecast is now, by the status it moved to and from which side.
CROSSING_SUBJECT = {
    (AMBER, "up"): "nu boven 100% (BSN verplicht)",
    (RED, "up"): "nu boven 105% (algehele opnamestop)",
    (AMBER, "down"): "nu tussen 100% en 105% (opnamestop opgeheven, BSN verplicht)",
    (GREEN, "down"): "nu binnen budget (tot en met 100%)",
}


def _notify_two(status, before, direction) -> None:
    """TWO hears (in the app, and by e-mail unless switched off) where the forecast is now: the staff
    of the organisation that manages the fund whose budget it forecasts, and no other region's."""
    organisations = [status.fund.managed_by_id]
    recipients = (
        get_user_model()
        .objects.filter(
            groups__name=Role.TWO.value,
            is_active=True,
            memberships__role=Membership.Role.STAFF,
            memberships__organisation__in=organisations,
        )
        .distinct()
    )
    percent = format_number(status.percent, 1) if status.percent is not None else "?"
    if status.status == RED:
        stop = "\nEr geldt nu een algehele opnamestop."
    elif before == RED:
        stop = "\nDe algehele opnamestop is opgeheven."
    else:
        stop = ""
    notify(
        users=recipients,
        kind=Kind.FORECAST_CROSSED,
        title=f"Prognose {status.provider} {status.year}: {CROSSING_SUBJECT[status.status, direction]}",
        body=(
            f"De prognose {status.year} van {status.provider} (maand {status.month}) is {percent}% van het "
            f"toegekende budget: {STATUS_TEXT[status.status]}.\n"
            f"Eerder: {STATUS_TEXT.get(before, 'nog geen prognose')}.{stop}"
        ),
        url=reverse("allocations:provider", args=[status.provider.slug]) + f"?jaar={status.year}",
    )


@sensitive_variables()
@transaction.atomic
def forecast_import(
    *,
    provider: Provider,
    year: int,
    month: int,
    content: bytes,
    user,
    today: dt.date | None = None,
    fund: Fund | None = None,
) -> ForecastSubmission:
    """Read a filled template; the whole file is checked first and nothing is saved if any cell is bad."""
    codes = set(Product.objects.filter(provider=provider).values_list("code", flat=True))
    parsed = parse_forecast_file(
        content, provider_slug=provider.slug, year=year, month=month, product_codes=codes
    )
    return forecast_submit(
        provider=provider,
        year=year,
        month=month,
        rows=parsed.rows,
        clients=parsed.clients,
        explanation=parsed.explanation,
        source=ForecastSubmission.Source.XLSX,
        user=user,
        today=today,
        fund=fund,
    )
