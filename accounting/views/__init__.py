"""The books' pages, one module per area: overview, ledger, grants, monitoring, settlement, spuk and
jobs (common holds what they share). Thin views: parse the request, check permission, call one
service or selector, render."""
