"""Writes of PxQ budget requests (seed 002 §2.2 rules 2-6): submitting one, deciding on it (the
granted budget lines) and moving budget between products.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from allocations.exceptions import AllocationError, BudgetExceeded
from allocations.models import (
    BudgetLine,
    BudgetRequest,
    BudgetRequestEvent,
    BudgetRequestLine,
    BudgetTransfer,
    Product,
    RequestStatus,
)
from allocations.selectors.common import grant_fund
from allocations.selectors.products import product_budgets, tariffs_for
from allocations.services.common import euro_money, lock_provider, require_same_unit
from core.models import Provider
from core.permissions import is_fund_staff
from core.roles import Role, has_role
from core.templatetags.nl import format_euro
from fund.models import Fund

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
        require_same_unit(product, tariffs[product.code])
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
        total += euro_money(line.price.amount * quantity).amount
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
                amount=euro_money(line.price.amount * line.granted_quantity),
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
    provider = lock_provider(provider)
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
        amount=euro_money(amount),
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
            amount=euro_money(sign * amount),
            transfer=transfer,
        )
    return transfer
