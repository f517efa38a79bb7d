"""The trend of each norm by reference date as SVG (matplotlib, Agg): page and PDF share it."""

import io

import matplotlib

matplotlib.use("Agg")
from matplotlib import dates as mdates  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

COLORS = {
    "jeugdbeschermer-5-werkdagen": "#154273",
    "gedragen-koers-6-weken": "#2e7d32",
    "passende-hulp-3-maanden": "#c62828",
    "langer-dan-3-maanden-gewacht": "#b26a00",
}


def trend_svg(trend) -> bytes:
    """One line per norm (the area's own counts); for a supra-regional area a dashed line per norm
    for the sum of its regions. Numbers only, no names."""
    fig = Figure(figsize=(8, 3.6), dpi=96)
    ax = fig.add_subplot()
    drawn = False
    for norm in trend.norms:
        color = COLORS.get(norm.code, "#555555")
        points = trend.series(norm.code)
        if points:
            ax.plot(
                [d for d, _ in points],
                [c for _, c in points],
                marker="o",
                color=color,
                linewidth=2,
                label=norm.short_name,
            )
            for d, c in points:
                ax.annotate(
                    str(c),
                    (d, c),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7,
                )
            drawn = True
        sums = trend.region_series(norm.code)
        if sums:
            ax.plot(
                [d for d, _ in sums],
                [c for _, c in sums],
                marker="s",
                linestyle="--",
                color=color,
                linewidth=1,
                label=f"{norm.short_name} (som regio's)",
            )
            drawn = True
    if drawn:
        ax.legend(loc="upper right", fontsize=7, frameon=False)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d-%m-%Y"))
        fig.autofmt_xdate()
    else:
        ax.text(0.5, 0.5, "Nog geen tellingen", ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
    ax.set_ylim(bottom=0)
    ax.set_ylabel("aantal kinderen")
    ax.set_title(
        f"Normen jeugdbescherming {trend.area.name}: kinderen bij wie de norm niet gehaald is",
        fontsize=9,
        loc="left",
    )
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    out = io.BytesIO()
    with matplotlib.rc_context(
        {"svg.fonttype": "none"}
    ):  # text stays text: smaller, searchable, read aloud
        fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return out.getvalue()
