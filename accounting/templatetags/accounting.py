"""Filters of the books' own pages ({% load accounting %}); report cells are reports' ({% load reports %})."""

from django import template

from core.templatetags.nl import format_euro

register = template.Library()


@register.filter
def credit(value):
    """A credit line (negative) shown as a positive amount in the credit column."""
    return format_euro(-getattr(value, "amount", value))
