"""Render report cells the same way on the page and in the PDF."""

import datetime as dt
from decimal import Decimal

from django import template

from core.templatetags.nl import format_euro, format_number

register = template.Library()


@register.filter
def cell(value, kind):
    if value is None or value == "":
        return "" if kind != "number" else "—"
    if kind == "money" and isinstance(value, Decimal):
        return format_euro(value)
    if kind == "number" and isinstance(value, Decimal):
        places = 0 if value == value.to_integral_value() else 2
        return format_number(value, places)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    return value


@register.filter
def rows_with_flags(table):
    for i, row in enumerate(table.rows):
        flag = table.row_flags[i] if i < len(table.row_flags) else ""
        yield {"flag": flag, "cells": list(zip(row, table.columns, strict=True))}


@register.filter
def totals_cells(table):
    return list(zip(table.totals, table.columns, strict=True))


@register.filter
def credit(value):
    """A credit line (negative) shown as a positive amount in the credit column."""
    return format_euro(-getattr(value, "amount", value))
