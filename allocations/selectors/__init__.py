"""Reads of the allocations app, one module per area; callers import the module they need: providers
(who sees which provider and which fund's records), products (products, tariffs and the budgets granted
per product), budget_requests (the waiting lists behind a PxQ request), forecasts (forecast series, the
status per budget and the forecast report), clients (registered clients) and dashboards (the region
dashboard); common holds the grant fund and the years a provider has. Every page, chart and export reads
through these, so their numbers cannot disagree.

bench still reads a few of them by their old name, so those are imported here too.
"""

from allocations.selectors.common import GRANT_FUND_SLUG
from allocations.selectors.dashboards import region_dashboard
from allocations.selectors.products import products_of, tariffs_for

__all__ = ["GRANT_FUND_SLUG", "products_of", "region_dashboard", "tariffs_for"]
