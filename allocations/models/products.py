"""Products and their tariffs per region and year (seed 002 §2.2): what a provider may ask a PxQ
budget for, and at what price.
"""

from django.db import models
from django.db.models import Q
from djmoney.models.fields import MoneyField

from core.models import Provider, Region
from fund.models import MONEY

UNITS_KW = {"max_digits": 14, "decimal_places": 2}


class ProductCategory(models.TextChoices):
    """iJw (Jeugdwet message standard) product categories."""

    PERSONAL_CARE = "40", "40 Persoonlijke verzorging"
    DAY_TREATMENT = "41", "41 Dagbehandeling"
    TRANSPORT = "42", "42 Vervoer"
    RESIDENTIAL_WITH_TREATMENT = "43", "43 Verblijf inclusief behandeling"
    RESIDENTIAL_WITHOUT_TREATMENT = "44", "44 Verblijf exclusief behandeling"
    AMBULATORY = "45", "45 Ambulant"
    CRISIS = "46", "46 Crisis"
    YOUTH_PROBATION = "47", "47 Jeugdreclassering"
    CHILD_PROTECTION = "48", "48 Jeugdbescherming"
    CUSTOM = "50", "50 Maatwerkarrangementen"
    YOUTH_MENTAL_HEALTH = "54", "54 Jeugd-GGZ"
    NATIONAL = "55", "55 Landelijk ingekochte zorg"


class Unit(models.TextChoices):
    """iJw units (the ones a PxQ request counts in)."""

    MINUTE = "01", "minuut"
    HOUR = "04", "uur"
    DAY = "14", "etmaal"
    DAYPART = "16", "dagdeel (4 uur)"
    PIECES = "82", "stuks (output)"


class Product(models.Model):
    """One product (function or form of help, not DBC) on a provider's product list."""

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="products", verbose_name="aanbieder"
    )
    category = models.CharField(
        "iJw-productcategorie", max_length=2, choices=ProductCategory.choices
    )
    code = models.CharField("productcode", max_length=5, help_text="iJw-productcode, bijv. 45A12")
    name = models.CharField("naam", max_length=200)
    unit = models.CharField("eenheid", max_length=2, choices=Unit.choices)

    class Meta:
        ordering = ["provider", "code"]
        verbose_name = "product"
        verbose_name_plural = "producten"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "code"], name="product_code_unique_per_provider"
            ),
            models.CheckConstraint(
                condition=Q(category__in=ProductCategory.values), name="product_category_valid"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="product_unit_valid"),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9A-Z]{5}$"), name="product_code_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Tariff(models.Model):
    """The region's tariff list (tarievenlijst): price per unit per product code and year."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="tariffs", verbose_name="regio"
    )
    year = models.PositiveSmallIntegerField("jaar")
    product_code = models.CharField("productcode", max_length=5)
    unit = models.CharField("eenheid", max_length=2, choices=Unit.choices)
    price = MoneyField("prijs per eenheid", **MONEY)

    class Meta:
        ordering = ["region", "year", "product_code"]
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "product_code"], name="tariff_unique_per_region_year_code"
            ),
            models.CheckConstraint(condition=Q(price__gt=0), name="tariff_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year} {self.product_code}: {self.price}"
