"""Reads of the proposals app. Pages, PDFs, commands and other apps use these."""

from decimal import Decimal

from django.db.models import QuerySet, Sum

from fund.models import Fund
from proposals.models import Award


def awards_for_fund(fund: Fund) -> QuerySet[Award]:
    """Every award of the fund, with its proposal, ordered by number."""
    return Award.objects.filter(proposal__fund=fund).select_related("proposal").order_by("number")


def fund_awarded_total(fund: Fund) -> Decimal:
    """The sum of all awards of the fund (over its whole term), in euros."""
    total = Award.objects.filter(proposal__fund=fund).aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal(0)
