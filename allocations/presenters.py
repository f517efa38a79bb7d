"""HTML for the region dashboard's rows and charts, built in Python like proposals.presenters: a
template loop of fifty providers with three links, a status badge and a chart each cost more than
the page's queries. Every value is escaped (html.escape, which django.utils.html.escape wraps)."""

from html import escape

from django.utils.safestring import SafeString

from allocations.forecast import AMBER, GREEN, RED
from allocations.models.forecasts import Trend
from allocations.models.products import Unit
from allocations.selectors.forecasts import ProviderStatus, percent_text
from core.converters import slug_url_maker
from core.templatetags.nl import format_date, format_euro, format_number, format_quantity

# as templates/allocations/_status.html (a test holds the two to the same text)
STATUS_BADGES = {
    GREEN: '<span class="jf-badge jf-badge--green">● Groen: binnen budget</span>',
    AMBER: '<span class="jf-badge jf-badge--amber">● Oranje: 100–105%, BSN verplicht</span>',
    RED: '<span class="jf-badge jf-badge--red">● Rood: opnamestop</span>',
}
NO_FORECAST = '<span class="jf-muted">Nog geen prognose</span>'


def dashboard_rows_html(rows: list[ProviderStatus], year: int) -> SafeString:
    """The dashboard table's rows: provider, status, budget, forecast, % of the budget, month,
    intake stop, open requests, and the links to its chart and its yearly report."""
    if not rows:
        return SafeString('<tr><td colspan="10">Geen aanbieders gevonden.</td></tr>')
    page = slug_url_maker("allocations:provider")
    chart = slug_url_maker("allocations:chart", year)
    report = slug_url_maker("allocations:report_pdf", year)

    def row(r: ProviderStatus) -> str:
        name, slug = escape(r.provider.name), r.provider.slug
        return (
            f'<tr data-status="{escape(r.status or "")}">'
            f'<th scope="row"><a class="utrecht-link" href="{page(slug)}?jaar={int(year)}">{name}</a></th>'
            f"<td>{STATUS_BADGES.get(r.status, NO_FORECAST)}</td>"
            f'<td class="jf-num">{format_euro(r.budget)}</td>'
            f'<td class="jf-num">{format_euro(r.cost) if r.cost is not None else "—"}</td>'
            f'<td class="jf-num">{percent_text(r.percent)}</td>'
            f"<td>{r.month or '—'}</td>"
            f"<td>{format_date(r.stop.started_on) if r.stop else '—'}</td>"
            f'<td class="jf-num">{int(r.open_requests)}</td>'
            f'<td><a class="utrecht-link" href="{chart(slug)}">Grafiek<span class="jf-visually-hidden"> {name}</span></a></td>'
            f'<td><a class="utrecht-link" href="{report(slug)}">PDF<span class="jf-visually-hidden"> prognoserapportage {name}</span></a></td>'
            "</tr>"
        )

    return SafeString("\n".join([row(r) for r in rows]))


def dashboard_charts_html(rows: list[ProviderStatus], year: int) -> SafeString:
    """A chart of each row with forecasts, its numbers in words as the image's alt text."""
    chart = slug_url_maker("allocations:chart", year)
    return SafeString(
        "\n".join(
            [
                f'<figure><img loading="lazy" src="{chart(r.provider.slug)}" width="720" '
                f'alt="Grafiek: prognose van {escape(r.provider.name)} als percentage van het budget '
                f'per maand{escape(r.months_text)}."><figcaption>{escape(r.provider.name)}</figcaption></figure>'
                for r in rows
                if r.series
            ]
        )
    )


def forecast_rows_html(rows: list[tuple]) -> SafeString:
    """The rows of a forecast's detail page, one per product: (line, the product's budget or None).
    Quantities as `floatformat:"-2g"` wrote them (format_quantity: whole, or two decimals)."""
    return SafeString("\n".join([_forecast_row(line, budget) for line, budget in rows]))


# the labels get_unit_display() and get_trend_display() give, without their work for each cell
UNIT_LABELS = {value: str(label) for value, label in Unit.choices}
TREND_LABELS = {value: str(label) for value, label in Trend.choices}


def _forecast_row(line, budget) -> str:
    product = line.product
    estimated = (
        " <small>(schatting, niet ingevuld)</small>" if line.expected_units_estimated else ""
    )
    estimate = line.estimate
    if estimate is None:
        estimate_cell = "—"
    else:
        estimate_cell = format_quantity(estimate)
        if line.deviates_from_estimate:
            percent = line.estimate_deviation_percent
            how_much = (
                ""
                if percent is None
                else f" ({'+' if percent > 0 else ''}{format_number(percent, 1)}%)"
            )
            estimate_cell += (
                '<br><span class="jf-badge jf-badge--amber">wijkt sterk af van de schatting'
                f"{how_much}</span>"
            )
    return (
        f'<tr><th scope="row">{escape(product.code)} {escape(product.name)} '
        f"({escape(UNIT_LABELS.get(product.unit, product.unit))})</th>"
        f'<td class="jf-num">{format_quantity(line.units_delivered)}</td>'
        f'<td class="jf-num">{int(line.clients_in_care)}</td>'
        f'<td class="jf-num">{format_quantity(line.average_duration_weeks)}</td>'
        f'<td class="jf-num">{int(line.expected_outflow)}</td>'
        f'<td class="jf-num">{format_quantity(line.expected_units)}{estimated}</td>'
        f'<td class="jf-num" data-testid="estimate">{estimate_cell}</td>'
        f'<td class="jf-num">{format_euro(line.price.amount)}</td>'
        f'<td class="jf-num">{format_euro(line.cost.amount)}</td>'
        f'<td class="jf-num">{format_euro(budget) if budget is not None else "—"}</td>'
        f'<td class="jf-num">{int(line.waiting_list)}</td>'
        f'<td class="jf-num">{format_quantity(line.waiting_weeks)}</td>'
        f"<td>{escape(TREND_LABELS.get(line.trend, line.trend))}</td>"
        f'<td class="jf-num">{format_quantity(line.regional_use_percent)}%</td></tr>'
    )
