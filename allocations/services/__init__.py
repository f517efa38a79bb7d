"""Every write of the allocations app, one module per area; callers import the module they need:
products (and tariffs), budget_requests (PxQ requests, their decisions and transfers), forecasts (the monthly
forecast, its upload and the intake stop) and clients (the BSNs of clients taken in above budget); common holds
what they share. One function per use case, atomic, with a named actor (`user=`).

accounting (granting a PxQ budget and booking it, settling a fund) and bench still call a few services
by their old name, so those are imported here too.
"""

from allocations.services.budget_requests import budget_request_decide, budget_request_submit
from allocations.services.clients import bsn_purge_for_fund
from allocations.services.common import forecast_fund
from allocations.services.forecasts import forecast_import

__all__ = [
    "bsn_purge_for_fund",
    "budget_request_decide",
    "budget_request_submit",
    "forecast_fund",
    "forecast_import",
]
