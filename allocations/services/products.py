"""Writes of products and their tariffs (seed 002 §2.2)."""

from decimal import Decimal

from django.db import transaction

from allocations.models import Product, Tariff
from allocations.services.common import euro_money
from core.models import Provider


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
        defaults={"unit": unit, "price": euro_money(price)},
    )
    return tariff
