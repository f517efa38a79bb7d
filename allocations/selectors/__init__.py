"""Reads of the allocations app, one module per area; callers import the module they need: providers
(who sees which provider and which fund's records), products (products, tariffs and the budgets granted
per product), budget_requests (the waiting lists behind a PxQ request), forecasts (forecast series, the
status per budget and the forecast report), clients (registered clients) and dashboards (the region
dashboard); common holds the grant fund and the years a provider has. Every page, chart and export reads
through these, so their numbers cannot disagree.
"""
