"""HTML for large tables, built in Python: a Django template loop over 342 x N cells costs
tens of milliseconds, this costs one. Names are escaped; amounts are our own formatted numbers."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from core.templatetags.nl import format_cents
from fund.selectors import ContributionTable

_EMPTY = '<td class="jf-num">—</td>'


def _cell(cents: int | None) -> str:
    return _EMPTY if cents is None else f'<td class="jf-num">{format_cents(cents)}</td>'


def _difference(cents: int) -> str:
    sign = "+" if cents > 0 else ""
    return f'<td class="jf-num">{sign}{format_cents(cents)}</td>'


def contribution_rows_html(table: ContributionTable) -> SafeString:
    """A recalculated year shows three cells: provisional, definitive (now charged), difference."""
    rows = []
    recalculated = table.recalculations
    for row in table.rows:
        parts = []
        for i, c in enumerate(row.cents):
            if i in recalculated:
                parts.append(
                    _cell(table.provisional_cents(row, i))
                    + _cell(c)
                    + _difference(table.difference_cents(row, i))
                )
            else:
                parts.append(_cell(c))
        cells = "".join(parts)
        rows.append(
            f'<tr><th scope="row">{escape(row.municipality.name)}</th>{cells}'
            f'<td class="jf-num">{format_cents(row.total_cents)}</td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every interpolated text is escaped above


def contribution_totals_html(table: ContributionTable) -> SafeString:
    cells = []
    for i, cents in enumerate(table.totals_cents):
        current = f'<td class="jf-num" data-testid="total-{i}">{format_cents(cents)}</td>'
        if (recalculation := table.recalculations.get(i)) is not None:
            provisional = recalculation.provisional_total_cents
            cells.append(_cell(provisional) + current + _difference(cents - provisional))
        else:
            cells.append(current)
    return mark_safe("".join(cells))  # noqa: S308 - numbers only
