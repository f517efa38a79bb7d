"""The worklist of TWO/AO staff: proposals to screen and decide, letters, PxQ requests, providers above budget, missing forecasts, recalculations and overdue reports."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from accounting.selectors.ledger import AwardRoom, YearFigures, funds_year_figures
from accounting.selectors.monitoring import overdue_reports, report_deadline_of
from allocations.forecast import RED, forecast_due
from allocations.models import BudgetRequest, ClientRegistration, ForecastSubmission
from allocations.selectors.dashboards import providers_above_budget
from allocations.selectors.forecasts import forecast_missing_q
from allocations.selectors.providers import fund_records_q, providers_visible_to
from core.dates import month_year
from core.permissions import user_region_id
from core.roles import Role
from core.templatetags.nl import format_date, format_euro, format_number
from fund.models import BudgetAmount, BudgetCircular, Fund, Tranche
from fund.selectors import funds_visible_to
from proposals.models import (
    AgendaItem,
    Award,
    DecisionLetter,
    Meeting,
    Proposal,
)
from proposals.selectors import proposals_visible_to
from worklists.selectors.common import (
    SHOWN,
    FundBar,
    Item,
    Section,
    Worklist,
    count_label,
    regional_only,
)


def two_worklist(user, *, today: dt.date | None = None) -> Worklist:
    today = today or timezone.localdate()
    visible = proposals_visible_to(user)
    funds = list(funds_visible_to(user).order_by("term_start", "name"))
    return Worklist(
        Role.TWO,
        "Werklijst TWO/AO",
        [
            _proposals_to_screen(visible),
            _waiting_for_decision_or_letter(visible),
            _requests_to_decide(user),
            _providers_above_budget(user),
            _forecasts_missing(user, today),
            _recalculations_waiting(funds),
            _reports_overdue(visible, today),
        ],
        _fund_bars(funds),
    )


def _proposals_to_screen(visible) -> Section:
    section = Section(
        "screen", "Voorstellen om te toetsen", "Er zijn geen ingediende voorstellen om te toetsen."
    )
    section.add(
        regional_only(visible.filter(status=Proposal.Status.SUBMITTED))
        .select_related("fund")
        .order_by("created_at", "pk"),
        lambda p: Item(
            f"{p.reference} {p.title}",
            reverse("proposals:detail", args=[p.pk]),
            detail=f"{p.fund.name}, ingediend",
            state="Ingediend",
        ),
    )
    return section


def _waiting_for_decision_or_letter(visible) -> Section:
    section = Section(
        "decide",
        "Wacht op een besluit of een beschikking",
        "Er wacht geen voorstel op een besluit, toekenning of beschikking.",
    )
    items = (
        AgendaItem.objects.filter(
            closed_at__isnull=True,
            meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ,
            proposal__in=regional_only(visible),
        )
        .select_related("meeting", "proposal")
        .order_by("meeting__date", "position", "pk")
    )
    section.add(
        items,
        lambda item: Item(
            f"{item.proposal.reference} {item.proposal.title}",
            reverse("proposals:item", args=[item.pk]),
            detail=f"Stemming in de {item.meeting.get_kind_display()} van {format_date(item.meeting.date)}; "
            "sluit de stemming en leg het besluit vast",
            state="Stemming open",
            tone="warning",
        ),
    )
    section.add(
        regional_only(visible.filter(status=Proposal.Status.ADOPTED)).order_by("reference"),
        lambda p: Item(
            f"{p.reference} {p.title}",
            reverse("proposals:detail", args=[p.pk]) + "#toekenningen",
            detail="Aangenomen; nog geen toekenning",
            state="Toekennen",
        ),
    )
    awards = (
        Award.objects.filter(proposal__in=regional_only(visible))
        .filter(~Exists(DecisionLetter.objects.filter(award=OuterRef("pk"))))
        .select_related("proposal")
        .order_by("awarded_at", "pk")  # waiting longest first (a number is text: "-10" < "-9")
    )
    section.add(
        awards,
        lambda award: Item(
            f"{award.number} ({award.proposal.reference} {award.proposal.title})",
            reverse("proposals:detail", args=[award.proposal_id]) + "#toekenningen",
            detail=f"Toekenning {award.year} van {format_euro(award.amount.amount)} zonder beschikking",
            state="Beschikking maken",
        ),
        by_id=True,
    )
    return section


def _requests_to_decide(user) -> Section:
    section = Section(
        "requests", "PxQ-aanvragen om te besluiten", "Er wacht geen PxQ-aanvraag op een besluit."
    )
    requests = (
        BudgetRequest.objects.filter(
            fund_records_q(user),
            status=BudgetRequest.Status.SUBMITTED,
            provider__in=providers_visible_to(user),
        )
        .select_related("provider")
        .order_by("submitted_at", "pk")
    )
    section.add(
        requests,
        lambda r: Item(
            f"PxQ-aanvraag {r.year} van {r.provider.name}",
            reverse("allocations:request", args=[r.provider.slug, r.pk]),
            detail=f"Ingediend op {format_date(r.submitted_at)}",
            state="Ingediend",
        ),
    )
    return section


def _providers_above_budget(user) -> Section:
    """Providers whose latest forecast is above 100% (amber) or 105% (red), and the BSNs asked of them."""
    section = Section(
        "above", "Aanbieders boven budget", "Geen aanbieder heeft een prognose boven het budget."
    )
    year = (
        ForecastSubmission.objects.filter(provider__in=providers_visible_to(user))
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if year is None:
        return section
    section.title = f"Aanbieders boven budget (prognose {year})"
    # the region dashboard's amber and red rows, of the providers the user sees only
    rows = providers_above_budget(region_id=user_region_id(user), year=year, visible_to=user)
    bsns = dict(
        ClientRegistration.objects.filter(
            fund_records_q(user), year=year, provider__in=[r.provider_id for r in rows[:SHOWN]]
        )
        .values("provider")
        .annotate(n=Count("pk"))
        .values_list("provider", "n")
    )

    def item(r) -> Item:
        red = r.status == RED
        return Item(
            r.name,
            reverse("allocations:provider", args=[r.slug]) + f"?jaar={year}",
            detail=(
                f"{month_year(year, r.month)}: {format_number(r.percent, 1)}% van het budget; "
                + ("algehele opnamestop; " if red else "BSN verplicht voor opnames boven budget; ")
                + count_label(bsns.get(r.provider_id, 0), "BSN", "BSN's")
                + " doorgegeven"
            ),
            state="Boven 105%" if red else "Boven 100%",
            tone="error" if red else "warning",
        )

    section.add(rows, item)  # the worst first, as on the region dashboard
    return section


def _forecasts_missing(user, today: dt.date) -> Section:
    year, month, deadline = forecast_due(today)
    section = Section(
        "forecasts",
        "Prognoses niet geleverd",
        f"Er ontbreekt geen prognose over {month_year(year, month)}"
        + (f" (uiterlijk {format_date(deadline)})." if today <= deadline else "."),
    )
    if today <= deadline:  # not late before the fifth working day has passed
        return section
    providers = (
        providers_visible_to(user)
        .filter(forecast_missing_q(year=year, month=month, visible_to=user))
        .order_by("name")
    )
    section.add(
        providers,
        lambda provider: Item(
            provider.name,
            reverse("allocations:provider", args=[provider.slug]),
            detail=f"Prognose {month_year(year, month)} was uiterlijk {format_date(deadline)} te leveren",
            state="Te laat",
            tone="error",
        ),
    )
    return section


def _recalculations_waiting(funds: list[Fund]) -> Section:
    """Provisional tranches whose basis is older than the newest circular with budgets for their year."""
    section = Section(
        "recalculate",
        "Herberekeningen op een nieuwe circulaire",
        "Elke voorlopige tranche rekent met de nieuwste circulaire.",
    )
    tranches = list(
        Tranche.objects.filter(
            fund__in=[f.pk for f in funds if f.kind != Fund.Kind.SPUK],
            status=Tranche.Status.PROVISIONAL,
            basis__isnull=False,
        )
        .select_related("fund", "basis")
        .order_by("fund__name", "year")
    )
    if not tranches:
        return section
    # the newest circular with budgets for each tranche's year: two queries (pairs, then circulars)
    pairs = set(
        BudgetAmount.objects.filter(budget_year__in={t.year for t in tranches})
        .values_list("budget_year", "circular_id")
        .distinct()
        .order_by()
    )
    circulars = (
        {c.pk: c for c in BudgetCircular.objects.filter(pk__in={c for _, c in pairs})}
        if pairs
        else {}
    )
    newest: dict[int, BudgetCircular] = {}
    for year, circular_id in pairs:
        circular, best = circulars[circular_id], newest.get(year)
        if best is None or (circular.published_year, circular.pk) > (best.published_year, best.pk):
            newest[year] = circular
    for t in tranches:
        circular = newest.get(t.year)
        if circular is None or circular.published_year <= t.basis.published_year:
            continue
        section.items.append(
            Item(
                f"{t.fund.name}, tranche {t.year}",
                reverse("fund:recalculate", args=[t.fund.slug, t.year])
                + f"?circular={circular.pk}",
                detail=f"Voorlopig op {t.basis}; {circular} is er: herberekenen en bevestigen",
                state="Voorlopig",
                tone="warning",
            )
        )
    return section


def _reports_overdue(visible, today: dt.date) -> Section:
    section = Section("reports", "Projectverslagen te laat", "Er is geen projectverslag te laat.")
    section.add(
        overdue_reports(among=visible, today=today),
        lambda proposal: Item(
            f"{proposal.reference} {proposal.title}",
            reverse("accounting:region_report", args=[proposal.pk]),
            detail=f"{proposal.filing_region.name}; was vóór "
            f"{format_date(report_deadline_of(proposal))} te leveren",
            state="Te laat",
            tone="error",
        ),
    )
    return section


def _fund_bars(funds: list[Fund]) -> list[FundBar]:
    figures = funds_year_figures([f.pk for f in funds])
    bars = []
    for fund in funds:
        total = sum(figures[fund.pk], YearFigures(year=0))
        room = AwardRoom.of(total)  # the one rule for what a fund can still award
        bars.append(
            FundBar(
                fund.name,
                reverse("accounting:overview", args=[fund.slug]),
                total.tranche,
                total.committed,
                total.paid,
                room.remaining,
            )
        )
    return bars
