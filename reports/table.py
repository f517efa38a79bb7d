"""A report is plain tables built from the selectors. The page, the PDF and the XLSX all render
these same tables, so the numbers in the three cannot disagree."""

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Kind:
    """What a column holds, and so how its cells are written. The writers know the four kinds
    below; a domain app defines its own kind with the formatters it needs (proposals.presenters
    MATRIX), so the writers need not know what such a cell holds."""

    name: str  # kept with the report's JSON
    numeric: bool = False  # right-aligned on the page and in the PDF
    text: Callable[[Any], str] | None = None  # a cell (not None) as text in the XLSX
    html: Callable[[Any], str] | None = None  # a cell as (safe) HTML on the page and in the PDF
    chars: int | None = None  # the PDF column's width in characters, whatever the cell holds
    to_json: Callable[[Any], Any] | None = None  # a cell (not None or "") as JSON
    from_json: Callable[[Any], Any] | None = None  # and back (not None or "")


MONEY = Kind("money", numeric=True)
NUMBER = Kind("number", numeric=True)
TEXT = Kind("text")
DATE = Kind("date")
KINDS = (MONEY, NUMBER, TEXT, DATE)


@dataclass
class Column:
    label: str
    kind: Kind = TEXT


@dataclass
class Table:
    caption: str
    sheet: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    totals: list | None = None
    row_flags: list[str] = field(default_factory=list)  # "" or a state such as "overdue"
    empty: str = "Geen gegevens."


@dataclass
class Chart:
    """An SVG chart of a report: drawn only when the PDF needs it (the page links to its own URL)."""

    title: str
    text: str  # the chart in words (alt text)
    render: Callable[[], bytes]

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.render()).decode("ascii")


@dataclass
class Report:
    title: str
    filename: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
