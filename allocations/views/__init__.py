"""The provider budget pages, one module per area: dashboards (the start page, the region dashboard, a
provider's page and its charts), budget_requests (PxQ requests and transfers), forecasts (the monthly
forecast: form, template, upload, history, export, report), clients (BSNs and their access log) and
products (products and tariffs); common holds what they share. Thin views: parse the request, check
permission, call one service or selector, render. Another provider's records give 404, also when a
provider edits the URL.
"""
