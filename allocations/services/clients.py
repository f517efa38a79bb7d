"""Writes of the BSNs of clients taken in above budget: registering one, showing or exporting them
(only TWO staff with a reason, every access logged), purging them after settlement and rotating the
encryption keys.
"""

import csv
import datetime as dt
import io
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from allocations import bsn as bsn_rules
from allocations.exceptions import AllocationError
from allocations.forecast import GREEN
from allocations.models import BsnAccessLog, ClientRegistration, Product
from allocations.selectors.common import fund_settled
from allocations.selectors.forecasts import provider_status
from allocations.services.common import forecast_fund, lock_provider
from core.models import Organisation, Provider
from core.permissions import is_fund_staff, staff_funds_q, staff_organisation_ids
from core.roles import Role, has_role
from core.spreadsheets import neutralise
from fund.models import Fund

log = logging.getLogger(__name__)


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


@sensitive_variables()
def record_client(
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
    provider = lock_provider(provider)
    if product.provider_id != provider.pk:
        raise AllocationError("Dit product staat niet op uw productenlijst.")
    fund = forecast_fund(provider=provider, year=year, fund=fund)
    status = provider_status(provider=provider, year=year, fund=fund).status
    return record_client(
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
