"""Charts as SVG with matplotlib (Agg, no pyplot state), so pages and PDFs share them."""

import io

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

from core.dates import MONTH_ABBREVIATIONS  # noqa: E402

COLORS = {"green": "#2e7d32", "amber": "#b26a00", "red": "#c62828"}


def _svg(fig: Figure) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return out.getvalue()


def _figure() -> tuple[Figure, object]:
    fig = Figure(figsize=(7.5, 3.2), dpi=96)
    ax = fig.add_subplot()
    ax.set_xticks(range(1, 13), MONTH_ABBREVIATIONS)
    ax.set_xlim(0.5, 12.5)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def forecast_percent_svg(series, title: str) -> bytes:
    """Forecast % of budget by month, with the 100% and 105% lines."""
    fig, ax = _figure()
    points = [
        (p.month, float(p.percent)) for p in series if p.percent is not None
    ]  # float only to draw
    # Zoom in on the band that matters, so 100% and 105% stay apart on screen.
    ax.set_ylim(
        max(0.0, min([80.0] + [y - 5 for _, y in points])),
        max([110.0] + [y + 5 for _, y in points]),
    )
    ax.axhline(100, color=COLORS["amber"], linestyle="--", linewidth=1, label="100% (budget)")
    ax.axhline(105, color=COLORS["red"], linestyle="--", linewidth=1, label="105% (opnamestop)")
    if points:
        ax.plot(
            [m for m, _ in points],
            [y for _, y in points],
            color="#154273",
            linewidth=2,
            label="prognose",
        )
        for point in series:
            if point.percent is not None:
                ax.scatter(
                    [point.month],
                    [float(point.percent)],
                    color=COLORS[point.status],
                    zorder=3,
                    s=28,
                )
    ax.set_ylabel("% van toegekend budget")
    ax.set_title(title, fontsize=10, loc="left")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return _svg(fig)


def waiting_list_svg(series, title: str) -> bytes:
    fig, ax = _figure()
    points = [(p.month, p.waiting_list) for p in series]
    if points:
        ax.bar([m for m, _ in points], [w for _, w in points], color="#5b8db8")
    ax.set_ylim(0, max([5] + [w * 1.2 for _, w in points]))
    ax.set_ylabel("cliënten op wachtlijst")
    ax.set_title(title, fontsize=10, loc="left")
    return _svg(fig)


def provider_forecast_svg(status) -> bytes:
    """The provider's forecast % chart, as its page, TWO's dashboard and the PDF report show it."""
    return forecast_percent_svg(
        status.series, f"Prognose {status.provider.name} {status.year} (% van budget)"
    )


def provider_waiting_svg(status) -> bytes:
    return waiting_list_svg(status.series, f"Wachtlijst {status.provider.name} {status.year}")
