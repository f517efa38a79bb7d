"""Every write of the allocations app: one function per use case, atomic, with a named actor."""

import csv
import datetime as dt
import io
import logging
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from djmoney.money import Money

from allocations import bsn as bsn_rules
from allocations.exceptions import AllocationError, BudgetExceeded
from allocations.forecast import AMBER, GREEN, RED, crossing, expected_units_estimate
from allocations.models import (
    BsnAccessLog,
    BudgetLine,
    BudgetRequest,
    BudgetRequestEvent,
    BudgetRequestLine,
    BudgetTransfer,
    ClientRegistration,
    ForecastLine,
    ForecastSubmission,
    IntakeStop,
    Product,
    RequestStatus,
    Tariff,
)
from allocations.rows import ClientRow, ForecastRow  # noqa: F401  (part of this module's interface)
from allocations.selectors import (
    forecast_funds,
    fund_settled,
    grant_fund,
    product_budgets,
    provider_status,
    tariffs_for,
)
from allocations.xlsx import parse_forecast_file
from core.models import Membership, Organisation, Provider
from core.permissions import is_fund_staff, staff_funds_q, staff_organisation_ids
from core.roles import Role, has_role
from core.spreadsheets import neutralise
from core.templatetags.nl import format_euro, format_number
from fund.models import Fund
from notifications.models import Kind
from notifications.services import notify

log = logging.getLogger(__name__)
CENT = Decimal("0.01")


def _money(value: Decimal) -> Money:
    return Money(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP), "EUR")


def _lock_provider(provider: Provider) -> Provider:
    return Provider.objects.select_for_update().get(pk=provider.pk)


def on_behalf_of(user) -> str:
    """For the access log: the organisation the user acts for."""
    profile = getattr(user, "profile", None)
    if profile is not None and profile.provider_id:
        return str(profile.provider)
    if has_role(user, Role.TWO):
        names = ", ".join(
            Organisation.objects.filter(pk__in=staff_organisation_ids(user)).values_list(
                "name", flat=True
            )
        )
        return names or "TWO Jeugdhulp"
    if profile is not None and (profile.municipality_id or profile.region_id):
        return str(profile.municipality or profile.region)
    return user.get_username()


# --- products and tariffs ---------------------------------------------------------------------


@transaction.atomic
def product_create_or_update(
    *, provider: Provider, code: str, name: str, category: str, unit: str, user
) -> Product:
    product, _ = Product.objects.update_or_create(
        provider=provider, code=code, defaults={"name": name, "category": category, "unit": unit}
    )
    return product


@transaction.atomic
def tariff_set(*, region, year: int, product_code: str, unit: str, price: Decimal, user) -> Tariff:
    tariff, _ = Tariff.objects.update_or_create(
        region=region,
        year=year,
        product_code=product_code,
        defaults={"unit": unit, "price": _money(price)},
    )
    return tariff


# --- PxQ requests -----------------------------------------------------------------------------

RULE_6 = {  # seed 002 §2.2 rule 6: field -> what the provider must state
    "scaling_down": "hoe u heeft bijgedragen aan afschaling",
    "referring_back": "hoe u heeft bijgedragen aan terugverwijzing",
    "shortening": "hoe u heeft bijgedragen aan verkorting van trajecten",
    "demand_evidence": "waaruit blijkt dat de wachtlijst door verhoogde vraag komt",
}


@transaction.atomic
def budget_request_submit(
    *,
    provider: Provider,
    year: int,
    quantities: dict[Product, Decimal],
    motivation: str,
    user,
    scaling_down: str,
    referring_back: str,
    shortening: str,
    demand_evidence: str,
    fund: Fund | None = None,
) -> BudgetRequest:
    """A PxQ request: Q per product; P comes from the tariff list of that year of the fund's region.

    The fund is the knelpunten fund unless another is named: a provider that works in several
    regions asks each region's fund, and only that region's office sees and decides the request.
    Rule 6 of seed 002 §2.2: the provider states what it did to scale down, refer back and shorten
    trajectories, and shows that its waiting list comes from higher demand; without it, nothing is saved."""
    fund = fund or grant_fund()
    quantities = {p: Decimal(q) for p, q in quantities.items() if q}
    if not quantities:
        raise AllocationError("Vul bij minstens één product een aantal (Q) in.")
    if not motivation.strip():
        raise AllocationError("Geef een toelichting: waarom is extra budget nodig?")
    rule_6 = {
        "scaling_down": scaling_down,
        "referring_back": referring_back,
        "shortening": shortening,
        "demand_evidence": demand_evidence,
    }
    if missing := [RULE_6[name] for name, text in rule_6.items() if not (text or "").strip()]:
        raise AllocationError(
            "De aanvraag is niet ingediend. Vermeld ook " + "; ".join(missing) + "."
        )
    tariffs = tariffs_for(provider=provider, year=year, region_id=fund.region_id)
    for product, quantity in quantities.items():
        if product.provider_id != provider.pk:
            raise AllocationError(f"Product {product.code} staat niet op uw productenlijst.")
        if quantity <= 0:
            raise AllocationError(f"Het aantal voor {product.code} moet groter dan 0 zijn.")
        if product.code not in tariffs:
            raise AllocationError(
                f"Product {product.code} staat niet op de tarievenlijst {year} van de regio."
            )
        _require_same_unit(product, tariffs[product.code])
    request = BudgetRequest.objects.create(
        provider=provider,
        fund=fund,
        year=year,
        motivation=motivation.strip(),
        submitted_by=user,
        **{name: text.strip() for name, text in rule_6.items()},
    )
    for product, quantity in sorted(quantities.items(), key=lambda pq: pq[0].code):
        tariff = tariffs[product.code]
        BudgetRequestLine.objects.create(
            request=request, product=product, tariff=tariff, quantity=quantity, price=tariff.price
        )
    BudgetRequestEvent.objects.create(request=request, to_status=RequestStatus.SUBMITTED, user=user)
    return request


def _require_same_unit(product: Product, tariff: Tariff) -> None:
    """P x Q only means something when P is per the unit Q counts (seed 002 §2.2 1)."""
    if tariff.unit != product.unit:
        raise AllocationError(
            f"Het tarief {tariff.year} van {product.code} geldt per {tariff.get_unit_display()}, maar het product telt in "
            f"{product.get_unit_display()}. Laat de TWO Jeugdhulp de tarievenlijst of uw productenlijst corrigeren; "
            f"er is niets opgeslagen."
        )


@transaction.atomic
def budget_request_decide(
    *, request: BudgetRequest, granted: dict[int, Decimal], note: str, user
) -> BudgetRequest:
    """TWO grants the request fully, partly or not: `granted` maps request-line id to granted Q.

    The money comes from the fund `knelpunten-zin-2016`; its row is locked first, so two decisions
    at once cannot together spend more than the fund holds. Only through
    accounting.services.awards.budget_grant_make, which books what is granted as a commitment of
    the fund in the same transaction and under the same lock, against what the fund can still
    award (the one rule for awards and provider budgets alike); when the books refuse it, nothing
    of the decision is saved.
    """
    fund = Fund.objects.select_for_update().get(pk=request.fund_id)
    if not is_fund_staff(user, fund):
        raise AllocationError(
            f"Alleen medewerkers van {fund.managed_by} besluiten over aanvragen uit {fund}."
        )
    request = BudgetRequest.objects.get(pk=request.pk)
    if RequestStatus.SUBMITTED != request.status:
        raise AllocationError(
            f"Over deze aanvraag is al besloten ({request.get_status_display().lower()})."
        )
    lines = list(request.lines.select_related("product"))
    total = Decimal("0")
    for line in lines:
        quantity = Decimal(granted.get(line.pk, 0) or 0)
        if quantity < 0 or quantity > line.quantity:
            raise AllocationError(
                f"Toegekend aantal voor {line.product.code} moet tussen 0 en {line.quantity} liggen."
            )
        line.granted_quantity = quantity
        total += _money(line.price.amount * quantity).amount
    if total == 0:
        new = RequestStatus.REJECTED
    elif all(line.granted_quantity == line.quantity for line in lines):
        new = RequestStatus.GRANTED
    else:
        new = RequestStatus.PARTLY_GRANTED
    if new not in BudgetRequest.TRANSITIONS[RequestStatus(request.status)]:
        raise AllocationError("Deze statusovergang is niet toegestaan.")
    changed = BudgetRequest.objects.filter(pk=request.pk, status=request.status).update(status=new)
    if changed != 1:
        raise AllocationError(
            "Iemand anders besloot tegelijk over deze aanvraag; laad de pagina opnieuw."
        )
    for line in lines:
        line.save(update_fields=["granted_quantity"])
        if line.granted_quantity:
            BudgetLine.objects.create(
                provider_id=request.provider_id,
                product=line.product,
                year=request.year,
                fund=fund,
                kind=BudgetLine.Kind.GRANT,
                amount=_money(line.price.amount * line.granted_quantity),
                request_line=line,
            )
    BudgetRequestEvent.objects.create(
        request=request, from_status=request.status, to_status=new, user=user, note=note
    )
    request.status = new
    return request


@transaction.atomic
def budget_transfer(
    *,
    provider: Provider,
    year: int,
    from_product: Product,
    to_product: Product,
    amount: Decimal,
    reason: str,
    user,
) -> BudgetTransfer:
    """Move budget between two products of one provider, with TWO's recorded consent.

    Nothing is booked: the fund's commitment is the provider's granted total for the year, and a
    transfer keeps provider, fund, year and total (it moves -x and +x within one grant fund)."""
    if not has_role(user, Role.TWO):
        raise AllocationError("Alleen de TWO Jeugdhulp kan akkoord geven op een verschuiving.")
    provider = _lock_provider(provider)
    if from_product.provider_id != provider.pk or to_product.provider_id != provider.pk:
        raise AllocationError(
            "Beide producten moeten op de productenlijst van deze aanbieder staan."
        )
    if from_product.pk == to_product.pk:
        raise AllocationError("Kies twee verschillende producten.")
    amount = Decimal(amount)
    if amount <= 0:
        raise AllocationError("Het bedrag moet groter dan 0 zijn.")
    if not reason.strip():
        raise AllocationError("Leg de reden van de verschuiving vast.")
    available = product_budgets(provider=provider, year=year).get(from_product.pk, Decimal("0"))
    if amount > available:
        raise BudgetExceeded(
            f"{from_product} heeft {format_euro(available)} budget; u kunt niet meer verschuiven."
        )
    lines = (
        BudgetLine.objects.filter(provider=provider, year=year, product=from_product)
        .values("fund_id")
        .annotate(s=Sum("amount"))
    )
    fund_id = lines[0]["fund_id"]
    transfer = BudgetTransfer.objects.create(
        provider=provider,
        year=year,
        from_product=from_product,
        to_product=to_product,
        amount=_money(amount),
        consented_by=user,
        reason=reason.strip(),
    )
    for product, sign in ((from_product, -1), (to_product, 1)):
        BudgetLine.objects.create(
            provider=provider,
            product=product,
            year=year,
            fund_id=fund_id,
            kind=BudgetLine.Kind.TRANSFER,
            amount=_money(sign * amount),
            transfer=transfer,
        )
    return transfer


# --- monthly forecasts ------------------------------------------------------------------------

EXPLANATION_MAX = 5000  # a forecast's explanation: a few paragraphs, not a file pasted in


def forecast_fund(*, provider: Provider, year: int, fund: Fund | None = None) -> Fund:
    """The budget a forecast (or a client taken in above it) belongs to: the fund named, which must
    have granted the provider a budget that year; without one, the only such fund. A provider that
    works in two regions names the region's fund (issue 13)."""
    funds = forecast_funds(provider=provider, year=year)
    if not funds:
        raise AllocationError(
            f"Er is voor {year} nog geen budget toegekend; een prognose wordt gemeten tegen het toegekende budget."
        )
    if fund is None:
        if len(funds) > 1:
            names = "; ".join(f"{f} ({f.region})" if f.region_id else str(f) for f in funds)
            raise AllocationError(
                f"U hebt in {year} budget uit meer dan één fonds: kies het fonds (de regio) waarvoor "
                f"dit geldt: {names}. Er is niets opgeslagen."
            )
        return funds[0]
    if fund.pk not in {f.pk for f in funds}:
        raise AllocationError(
            f"{fund} heeft u voor {year} geen budget toegekend; kies een fonds waaruit u budget hebt. "
            "Er is niets opgeslagen."
        )
    return fund


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
    provider = _lock_provider(provider)
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
        _require_same_unit(products[code], tariffs[code])
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
    ForecastLine.objects.bulk_create(
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
                cost=_money(
                    tariffs[r.product_code].price.amount * (r.units_delivered + r.expected_units)
                ),
            )
            for r in rows
        ],
        batch_size=2000,
    )

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
        _client_register(
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


# --- BSNs of clients taken in above budget ----------------------------------------------------


@sensitive_variables()
def _client_register(
    *, provider, product, year, bsn, intake_on, user, status, fund
) -> ClientRegistration:
    if status == GREEN or status is None:
        # AVG: collect a BSN only where the rule asks for it (seed 002 §2.2 5).
        raise AllocationError(
            "Een BSN wordt alleen vastgelegd voor cliënten die boven budget zijn opgenomen (boven 100%)."
        )
    # locked: a settlement confirmed meanwhile waits, and then purges this BSN too
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if fund_settled(fund):
        # the BSNs of a fund are removed when it is settled (AVG); one registered later would stay
        raise AllocationError(
            f"Het fonds {fund} is afgerekend. Na de afrekening wordt geen BSN meer vastgelegd: het zou "
            f"niet meer worden verwijderd. Er is niets opgeslagen."
        )
    try:
        number = bsn_rules.validate_bsn(bsn)
    except ValidationError as exc:
        raise AllocationError(exc.messages[0]) from exc
    registration = ClientRegistration.objects.create(
        provider=provider,
        product=product,
        fund=fund,
        year=year,
        intake_on=intake_on,
        bsn_encrypted=bsn_rules.encrypt_bsn(number),
        bsn_last3=number[-3:],
        registered_by=user,
    )
    BsnAccessLog.objects.create(
        event=BsnAccessLog.Event.CHANGE,
        user=user,
        on_behalf_of=on_behalf_of(user),
        registration=registration,
        reason="Bovenbegrotelijke opname vastgelegd",
    )
    return registration


@sensitive_variables()
@transaction.atomic
def client_register(
    *,
    provider: Provider,
    product: Product,
    year: int,
    bsn: str,
    intake_on: dt.date,
    user,
    fund: Fund | None = None,
) -> ClientRegistration:
    """Register a client taken in above one budget (`fund`, see forecast_fund), with a BSN that
    passes the 11-check; the forecast of that budget must be above 100%."""
    provider = _lock_provider(provider)
    if product.provider_id != provider.pk:
        raise AllocationError("Dit product staat niet op uw productenlijst.")
    fund = forecast_fund(provider=provider, year=year, fund=fund)
    status = provider_status(provider=provider, year=year, fund=fund).status
    return _client_register(
        provider=provider,
        product=product,
        year=year,
        bsn=bsn,
        intake_on=intake_on,
        user=user,
        status=status,
        fund=fund,
    )


def _require_two_and_reason(
    user, reason: str, registration: ClientRegistration | None = None
) -> str:
    if not has_role(user, Role.TWO):
        raise AllocationError("Alleen TWO-medewerkers kunnen een volledig BSN inzien.")
    if registration is not None and not is_fund_staff(user, registration):
        raise AllocationError(
            "Alleen medewerkers van de organisatie die het fonds beheert, kunnen dit BSN inzien."
        )
    if not reason or not reason.strip():
        raise AllocationError("Geef een reden op; het inzien wordt gelogd.")
    if not bsn_rules.reason_is_a_sentence(
        reason
    ):  # issue 12, hole 9: a reason is at least a sentence
        raise AllocationError("Geef als reden ten minste een zin; het inzien wordt gelogd.")
    return " ".join(reason.split())


@sensitive_variables()
@transaction.atomic
def bsn_reveal(*, registration: ClientRegistration, reason: str, user) -> str:
    """The full BSN, for TWO staff who give a reason; every view is logged."""
    reason = _require_two_and_reason(user, reason, registration)
    if registration.purged_at:
        raise AllocationError("Dit BSN is na de afrekening van het fonds verwijderd.")
    BsnAccessLog.objects.create(
        event=BsnAccessLog.Event.READ,
        user=user,
        on_behalf_of=on_behalf_of(user),
        registration=registration,
        reason=reason,
    )
    return bsn_rules.decrypt_bsn(registration.bsn_encrypted)


@sensitive_variables()
@transaction.atomic
def bsn_export(*, provider: Provider, year: int, reason: str, user) -> bytes:
    """CSV with full BSNs for TWO staff who give a reason; one log row per record exported."""
    reason = _require_two_and_reason(user, reason)
    registrations = list(
        ClientRegistration.objects.filter(
            staff_funds_q(user, "fund"), provider=provider, year=year, purged_at__isnull=True
        ).select_related("product")
    )
    behalf = on_behalf_of(user)
    BsnAccessLog.objects.bulk_create(
        [
            BsnAccessLog(
                event=BsnAccessLog.Event.EXPORT,
                user=user,
                on_behalf_of=behalf,
                registration=r,
                reason=reason,
            )
            for r in registrations
        ]
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["aanbieder", "product", "opnamedatum", "bsn"])
    for r in registrations:
        writer.writerow(
            [
                neutralise(provider.name),
                neutralise(r.product.code),
                r.intake_on.isoformat(),
                bsn_rules.decrypt_bsn(r.bsn_encrypted),
            ]
        )
    return out.getvalue().encode("utf-8-sig")


@sensitive_variables()
@transaction.atomic
def bsn_purge_for_fund(*, fund: Fund, user) -> int:
    """Remove the BSNs registered under `fund` (called when its settlement is confirmed); logged."""
    registrations = list(
        ClientRegistration.objects.select_for_update().filter(fund=fund, purged_at__isnull=True)
    )
    if not registrations:
        return 0
    behalf = on_behalf_of(user)
    BsnAccessLog.objects.bulk_create(
        [
            BsnAccessLog(
                event=BsnAccessLog.Event.DELETE,
                user=user,
                on_behalf_of=behalf,
                registration=r,
                reason=f"Afrekening van {fund} vastgesteld: BSN verwijderd",
            )
            for r in registrations
        ]
    )
    count = ClientRegistration.objects.filter(
        pk__in=[r.pk for r in registrations], purged_at__isnull=True
    ).update(bsn_encrypted="", bsn_last3="", purged_at=timezone.now())
    log.info("BSNs removed after settlement of fund %s: %d records", fund.slug, count)
    return count


@sensitive_variables()
@transaction.atomic
def bsn_rotate_keys() -> int:
    """Encrypt every stored BSN again with the newest key of BSN_ENCRYPTION_KEYS."""
    count = 0
    for registration in (
        ClientRegistration.objects.select_for_update()
        .filter(purged_at__isnull=True)
        .only("pk", "bsn_encrypted")
    ):
        ClientRegistration.objects.filter(pk=registration.pk).update(
            bsn_encrypted=bsn_rules.rotate_token(registration.bsn_encrypted)
        )
        count += 1
    return count


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
