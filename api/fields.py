"""Serializer fields shared by the API areas. Money is a decimal string, never a float."""

from rest_framework import serializers

from fund.models import MONEY


def money(source: str, **kwargs) -> serializers.DecimalField:
    """A django-money amount as a decimal string in euros ("1234.50")."""
    return serializers.DecimalField(
        source=f"{source}.amount",
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        coerce_to_string=True,
        read_only=True,
        **kwargs,
    )


class NamedRef(serializers.Serializer):
    """Another record by id and name (a municipality, a region, a provider, an organisation)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
