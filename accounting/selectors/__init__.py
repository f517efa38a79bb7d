"""Reads of the books, one module per area (ledger, fund overview, settlement, SPUK, project
monitoring). The page, the PDF, the XLSX and the CLI use the same selector, so their numbers
cannot disagree. Every selector runs a fixed number of queries, whatever the size.
"""
