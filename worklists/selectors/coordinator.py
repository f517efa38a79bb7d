"""The worklist of the coordinating municipality: the SPUK's proposals, division, verantwoording and region reports."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from accounting import rules as accounting_rules
from accounting.models import SpukBudgetDivision
from accounting.selectors.ledger import ZERO
from accounting.selectors.monitoring import region_report_rows
from core.permissions import user_municipality_id
from core.roles import Role
from core.templatetags.nl import format_date, format_euro
from fund.models import Fund, Tranche
from fund.selectors import funds_visible_to
from proposals.selectors import proposals_visible_to
from worklists.selectors.common import (
    SISA_DEADLINE,
    Item,
    Section,
    Worklist,
    count_label,
    report_items,
)


def coordinator_worklist(user, *, today: dt.date | None = None) -> Worklist:
    today = today or timezone.localdate()
    municipality_id = user_municipality_id(user)
    funds = list(
        funds_visible_to(user)
        .filter(kind=Fund.Kind.SPUK, coordinating_municipality=municipality_id)
        .order_by("term_start", "name")
    )
    visible = proposals_visible_to(user).filter(fund__in=[f.pk for f in funds])

    divisions = Section(
        "division", "Begrotingsverdeling per jaar", "Er is geen SPUK om te verdelen."
    )
    existing = {
        (d.fund_id, d.year): d
        for d in SpukBudgetDivision.objects.filter(fund__in=[f.pk for f in funds]).prefetch_related(
            "lines"
        )
    }
    grants = {
        (t.fund_id, t.year): t.amount.amount
        for t in Tranche.objects.filter(fund__in=[f.pk for f in funds])
    }
    for fund in funds:
        for year in range(fund.term_start.year, fund.term_end.year + 1):
            url = reverse("accounting:spuk_division", args=[fund.slug, year])
            division = existing.get((fund.pk, year))
            grant = grants.get((fund.pk, year), ZERO)
            if division is None:
                divisions.items.append(
                    Item(
                        f"{fund.name} {year}",
                        url,
                        detail=f"Nog geen verdeling; uitkering {format_euro(grant)}",
                        state="Te verdelen",
                        tone="warning",
                    )
                )
                continue
            findings = accounting_rules.division_findings(
                grant=grant,
                lines=[(line.part, line.amount.amount) for line in division.lines.all()],
            )
            blocking = [f for f in findings if f.blocking]
            if division.status == SpukBudgetDivision.Status.ADOPTED:
                state, tone = "Vastgesteld", "ok"
                detail = "Vastgesteld" + (
                    f"; {count_label(len(findings), 'afwijking', 'afwijkingen')} toegelicht"
                    if findings
                    else ""
                )
            else:
                state, tone = "Concept", "warning"
                detail = "; ".join(f.message for f in findings) or "Klopt; klaar om vast te stellen"
            if blocking and division.status != SpukBudgetDivision.Status.ADOPTED:
                tone = "error"
            divisions.items.append(
                Item(f"{fund.name} {year}", url, detail=detail, state=state, tone=tone)
            )

    sisa = Section("sisa", "SiSa-verantwoording", "Er is nu geen SiSa-verantwoording te leveren.")
    for fund in funds:
        for year in range(fund.term_start.year, fund.term_end.year + 1):
            due = dt.date(year + 1, *SISA_DEADLINE)
            if dt.date(year, 1, 1) <= today <= due:
                sisa.items.append(
                    Item(
                        f"{fund.name} {year}",
                        reverse("accounting:spuk_verantwoording", args=[fund.slug, year]),
                        detail=f"SiSa-bijlage bij de jaarrekening, uiterlijk {format_date(due)} naar het CBS",
                        state="Te leveren" if year < today.year else "Lopend jaar",
                        tone="warning" if year < today.year else "",
                    )
                )

    advice = Section(
        "advice", "Advies dat wacht op uw besluit", "Er wacht geen advies op een besluit."
    )
    advice.add(
        visible.filter(ambassador_advice__isnull=False, decision__isnull=True)
        .select_related("ambassador_advice")
        .order_by("reference"),
        lambda p: Item(
            f"{p.reference} {p.title}",
            reverse("proposals:detail", args=[p.pk]) + "#besluit",
            detail=f"Advies bestuurlijk ambassadeurs: {p.ambassador_advice.get_advice_display().lower()}",
            state="Besluiten",
            tone="warning",
        ),
    )

    reports = Section("reports", "Projectverslagen van de regio's", "Er wacht geen projectverslag.")
    report_items(
        reports,
        region_report_rows(today=today, among=visible),
        with_region=True,
    )
    return Worklist(
        Role.COORDINATOR, "Werklijst coördinerende gemeente", [divisions, sisa, advice, reports]
    )
