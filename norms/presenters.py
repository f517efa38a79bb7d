"""HTML rows of the action plan, built in Python like proposals.presenters: a template loop over
2,000 actions costs far more. Every value is escaped (html.escape)."""

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString

from core.templatetags.nl import format_date, format_euro
from norms.selectors import ActionRow


def _url():
    head, tail = reverse("norms:action", args=[0]).rsplit("0", 1)
    return lambda pk: f"{head}{pk}{tail}"


def action_rows_html(rows: list[ActionRow]) -> SafeString:
    url = _url()
    out = []
    for r in rows:
        a = r.action
        risk = " (risico)" if a.at_risk else ""
        committed = format_euro(r.committed) if r.committed is not None else ""
        paid = format_euro(r.paid) if r.paid is not None else ""
        out.append(
            f'<tr data-light="{r.light}"><th scope="row"><a class="utrecht-link" href="{url(a.pk)}">{escape(a.number)}</a></th>'
            f"<td>{escape(a.owner)}</td><td>{escape(a.activity)}</td><td>{escape(a.result)}</td>"
            f"<td>{format_date(a.planned_date)}</td>"
            f'<td><span class="jf-badge jf-badge--{r.light}">{r.light_word}</span>{risk}</td>'
            f'<td>{escape(r.money_label)}</td><td class="jf-num">{committed}</td><td class="jf-num">{paid}</td></tr>'
        )
    if not out:
        out.append('<tr><td colspan="9">Geen acties.</td></tr>')
    return SafeString("".join(out))


def trend_rows_html(trend) -> SafeString:
    """The rows of the trend table: per reference date the area's count of each norm and, for a
    supra-regional area, the sum of its regions beside it (with how many regions reported)."""
    regions = len(trend.children)
    out = []
    for row in trend.rows:
        cells = [f'<tr><th scope="row">{format_date(row.reference_date)}</th>']
        for own, total, reporting in row.cells:
            cells.append(f'<td class="jf-num">{"—" if own is None else own}</td>')
            if regions:
                cells.append(
                    f'<td class="jf-num">{"—" if total is None else f"{total} ({reporting} van {regions})"}</td>'
                )
        cells.append("</tr>")
        out.append("".join(cells))
    if not out:
        out.append(
            f'<tr><td colspan="{len(trend.norms) * (2 if regions else 1) + 1}">Nog geen tellingen.</td></tr>'
        )
    return SafeString("".join(out))
