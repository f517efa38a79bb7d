"""Reports as plain tables (table), written as PDF and XLSX (render) and kept as JSON (json).

Infrastructure below every domain app: it imports only core, Django, openpyxl and WeasyPrint. A
domain app builds a Report from its figures; a column kind it defines (such as the proposals'
matrix) formats its own cells, so the writers never need to know what a cell holds."""
