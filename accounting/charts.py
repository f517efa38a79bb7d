"""Charts of the books as SVG (matplotlib, as allocations.charts), so the page and the PDF share them."""

from matplotlib.figure import Figure

from allocations.charts import _svg
from core.templatetags.nl import format_euro

BLUE, LIGHT, GREY = "#01689b", "#8fb8d6", "#c8d0d6"


def _bars(
    labels: list[str], series: list[tuple[str, list, str]], title: str, ylabel: str = "euro"
) -> bytes:
    """Grouped bars: per label one bar of each series (name, values, colour)."""
    fig = Figure(figsize=(7.5, 3.2), dpi=96)
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(series))
    for i, (name, values, colour) in enumerate(series):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(labels))]
        ax.bar(
            xs, [float(v) for v in values], width=width, color=colour, label=name
        )  # float only to draw
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    ax.yaxis.set_major_formatter(lambda v, _pos: format_euro(int(v), 0))
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=10, loc="left")
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return _svg(fig)


def fund_use_svg(overview) -> bytes:
    """The fund's use per year: its tranche, what is committed and what is paid."""
    years = overview.years
    return _bars(
        [str(y.year) for y in years],
        [
            ("Vulling (tranche)", [y.tranche for y in years], GREY),
            ("Verplicht", [y.committed for y in years], LIGHT),
            ("Betaald", [y.paid for y in years], BLUE),
        ],
        f"Gebruik per jaar: {overview.fund.name}",
    )


def fund_use_text(overview) -> str:
    """The chart in words, for its alt text."""
    return (
        "; ".join(
            f"{y.year}: vulling {format_euro(y.tranche)}, verplicht {format_euro(y.committed)}, "
            f"betaald {format_euro(y.paid)}"
            for y in overview.years
        )
        or "geen jaren"
    )


def spuk_parts_svg(rows, year: int) -> bytes:
    """SPUK: the budget against the spending per part of the division (rows: label, budget, spent)."""
    return _bars(
        [label for label, _, _ in rows],
        [
            ("Budget", [budget for _, budget, _ in rows], LIGHT),
            ("Besteed", [spent for _, _, spent in rows], BLUE),
        ],
        f"Budget en besteding per onderdeel {year}",
    )
