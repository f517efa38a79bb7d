"""Each role's worklist on the home page: what waits for this user today, and where it is done.

One selector per role. Each builds on the visibility selectors of the apps it reads
(proposals_visible_to, funds_visible_to, providers_visible_to), so whatever limits what a user
may see limits the worklist too. Each runs a fixed number of queries, whatever the size of the data.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from accounting import rules as accounting_rules
from accounting.models import SpukBudgetDivision
from accounting.selectors.ledger import ZERO, AwardRoom, YearFigures, funds_year_figures
from accounting.selectors.monitoring import region_report_rows
from allocations.forecast import AMBER, RED, forecast_due
from allocations.models import BudgetLine, BudgetRequest, ClientRegistration, ForecastSubmission
from allocations.selectors import (
    forecast_missing_q,
    fund_records_q,
    provider_status,
    providers_visible_to,
    region_dashboard,
)
from core.permissions import user_municipality_id, user_provider_id, user_region_id
from core.roles import Role, roles_of
from core.selectors import organisations_administered_by
from core.templatetags.nl import format_date, format_euro, format_number
from fund.models import BudgetAmount, BudgetCircular, Fund, Tranche
from fund.selectors import funds_visible_to
from proposals.models import (
    AgendaItem,
    Award,
    Decision,
    DecisionLetter,
    FundOverviewSnapshot,
    Meeting,
    Proposal,
    Vote,
)
from proposals.selectors import proposals_visible_to

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
SISA_DEADLINE = (7, 15)  # SiSa: sent to CBS by 15 July of the next year


@dataclass
class Item:
    text: str  # what is to be done or seen, with the record it is about
    url: str  # the page where it is done
    detail: str = ""
    state: str = ""  # a short status label
    tone: str = ""  # "ok", "warning", "error" or "" (neutral)


@dataclass
class Section:
    key: str
    title: str
    empty: str  # the sentence shown when nothing waits
    items: list[Item] = field(default_factory=list)


@dataclass
class FundBar:
    """A fund's money over its whole term: tranches, committed, paid, and what is free to commit."""

    name: str
    url: str
    tranche: Decimal
    committed: Decimal
    paid: Decimal
    free: Decimal

    def share(self, amount: Decimal) -> Decimal:
        """Part of the tranches, in percent, for the width of a bar (0 when there are none)."""
        if self.tranche <= 0:
            return Decimal(0)
        return max(
            Decimal(0), min(Decimal(100), (amount / self.tranche * 100).quantize(Decimal("0.1")))
        )

    @property
    def committed_share(self) -> Decimal:
        return self.share(self.committed)

    @property
    def paid_share(self) -> Decimal:
        return self.share(self.paid)


@dataclass
class Worklist:
    role: str  # Role value
    title: str
    sections: list[Section]
    funds: list[FundBar] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _month(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def _regional(qs, path: str = "fund__kind"):
    """Regional funds are managed by TWO; the SPUK by its coordinating municipality."""
    return qs.exclude(**{path: Fund.Kind.SPUK})


# ------------------------------------------------------------------------------- TWO / AO


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
    for p in (
        _regional(visible.filter(status=Proposal.Status.SUBMITTED))
        .select_related("fund")
        .order_by("created_at", "pk")
    ):
        section.items.append(
            Item(
                f"{p.reference} {p.title}",
                reverse("proposals:detail", args=[p.pk]),
                detail=f"{p.fund.name}, ingediend",
                state="Ingediend",
            )
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
            proposal__in=_regional(visible),
        )
        .select_related("meeting", "proposal")
        .order_by("meeting__date", "position", "pk")
    )
    for item in items:
        section.items.append(
            Item(
                f"{item.proposal.reference} {item.proposal.title}",
                reverse("proposals:item", args=[item.pk]),
                detail=f"Stemming in de {item.meeting.get_kind_display()} van {format_date(item.meeting.date)}; "
                "sluit de stemming en leg het besluit vast",
                state="Stemming open",
                tone="warning",
            )
        )
    for p in _regional(visible.filter(status=Proposal.Status.ADOPTED)).order_by("reference"):
        section.items.append(
            Item(
                f"{p.reference} {p.title}",
                reverse("proposals:detail", args=[p.pk]) + "#toekenningen",
                detail="Aangenomen; nog geen toekenning",
                state="Toekennen",
            )
        )
    awards = (
        Award.objects.filter(proposal__in=_regional(visible))
        .filter(~Exists(DecisionLetter.objects.filter(award=OuterRef("pk"))))
        .select_related("proposal")
        .order_by("number")
    )
    for award in awards:
        section.items.append(
            Item(
                f"{award.number} ({award.proposal.reference} {award.proposal.title})",
                reverse("proposals:detail", args=[award.proposal_id]) + "#toekenningen",
                detail=f"Toekenning {award.year} van {format_euro(award.amount.amount)} zonder beschikking",
                state="Beschikking maken",
            )
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
    for r in requests:
        section.items.append(
            Item(
                f"PxQ-aanvraag {r.year} van {r.provider.name}",
                reverse("allocations:request", args=[r.provider.slug, r.pk]),
                detail=f"Ingediend op {format_date(r.submitted_at)}",
                state="Ingediend",
            )
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
    visible_ids = set(providers_visible_to(user).values_list("pk", flat=True))
    rows = [
        r
        for r in region_dashboard(region_id=user_region_id(user), year=year, visible_to=user)
        if r.status in (AMBER, RED) and r.provider.pk in visible_ids
    ]
    bsns = dict(
        ClientRegistration.objects.filter(
            fund_records_q(user), year=year, provider__in=[r.provider.pk for r in rows]
        )
        .values("provider")
        .annotate(n=Count("pk"))
        .values_list("provider", "n")
    )
    for r in rows:
        red = r.status == RED
        section.items.append(
            Item(
                r.provider.name,
                reverse("allocations:provider", args=[r.provider.slug]) + f"?jaar={year}",
                detail=(
                    f"{_month(year, r.month)}: {format_number(r.percent, 1)}% van het budget; "
                    + (
                        "algehele opnamestop; "
                        if red
                        else "BSN verplicht voor opnames boven budget; "
                    )
                    + _count(bsns.get(r.provider.pk, 0), "BSN", "BSN's")
                    + " doorgegeven"
                ),
                state="Boven 105%" if red else "Boven 100%",
                tone="error" if red else "warning",
            )
        )
    return section


def _forecasts_missing(user, today: dt.date) -> Section:
    year, month, deadline = forecast_due(today)
    section = Section(
        "forecasts",
        "Prognoses niet geleverd",
        f"Er ontbreekt geen prognose over {_month(year, month)}"
        + (f" (uiterlijk {format_date(deadline)})." if today <= deadline else "."),
    )
    if today <= deadline:  # not late before the fifth working day has passed
        return section
    providers = (
        providers_visible_to(user)
        .filter(forecast_missing_q(year=year, month=month, visible_to=user))
        .order_by("name")
    )
    for provider in providers:
        section.items.append(
            Item(
                provider.name,
                reverse("allocations:provider", args=[provider.slug]),
                detail=f"Prognose {_month(year, month)} was uiterlijk {format_date(deadline)} te leveren",
                state="Te laat",
                tone="error",
            )
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
    ids = set(visible.values_list("pk", flat=True))
    for row in region_report_rows(today=today):
        if row.state == accounting_rules.ReportState.OVERDUE and row.proposal.pk in ids:
            section.items.append(
                Item(
                    f"{row.proposal.reference} {row.proposal.title}",
                    reverse("accounting:region_report", args=[row.proposal.pk]),
                    detail=f"{row.region_name}; was vóór {format_date(row.deadline)} te leveren",
                    state="Te laat",
                    tone="error",
                )
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


# ------------------------------------------------------------------------------- portefeuillehouder


def portfolio_holder_worklist(user, *, today: dt.date | None = None) -> Worklist:
    today = today or timezone.localdate()
    funds = funds_visible_to(user).values("pk")
    municipality_id = user_municipality_id(user)

    votes = Section("votes", "Open stemmingen", "Er staat geen stemming voor u open.")
    own = Vote.objects.filter(agenda_item=OuterRef("pk"), municipality_id=municipality_id).values(
        "choice"
    )[:1]
    items = (
        AgendaItem.objects.filter(
            closed_at__isnull=True,
            meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ,
            meeting__fund__in=funds,
            proposal__in=proposals_visible_to(user),
        )
        .select_related("meeting__fund", "proposal")
        .annotate(own_choice=Subquery(own))
        .order_by("meeting__date", "position", "pk")
    )
    labels = dict(Vote.Choice.choices)
    for item in items:
        meeting = item.meeting
        votes.items.append(
            Item(
                f"{item.proposal.reference} {item.proposal.title}",
                reverse("proposals:item", args=[item.pk]),
                detail=(
                    f"{meeting.title or meeting.get_kind_display()}, {format_date(meeting.date)}; "
                    f"besluit in deze vergadering (uiterste datum {format_date(meeting.date)})"
                ),
                state=(
                    f"U stemde {labels[item.own_choice].lower()}"
                    if item.own_choice
                    else f"Stemmen vanaf {format_date(meeting.date)}"
                    if meeting.date > today
                    else "Nog niet gestemd"
                ),
                tone="ok" if item.own_choice else "" if meeting.date > today else "warning",
            )
        )

    upcoming = Section("meetings", "Komende vergaderingen", "Er is geen vergadering gepland.")
    meetings = (
        Meeting.objects.filter(fund__in=funds, date__gte=today)
        .select_related("fund")
        .annotate(has_overview=Exists(FundOverviewSnapshot.objects.filter(meeting=OuterRef("pk"))))
        .order_by("date", "pk")
    )
    for m in meetings:
        upcoming.items.append(
            Item(
                m.title or str(m),
                reverse("proposals:meeting", args=[m.pk]),
                detail=f"{m.get_kind_display()}, {format_date(m.date)}, {m.fund.name}"
                + ("; met fondsoverzicht" if m.has_overview else ""),
            )
        )

    last = (
        Meeting.objects.filter(
            fund__in=funds,
            kind=Meeting.Kind.PHO_MAATSCHAPPIJ,
            date__lte=today,
            items__decision__isnull=False,
        )
        .order_by("-date", "-pk")
        .first()
    )
    decided = Section(
        "decisions", "Besluiten van de laatste vergadering", "Er zijn nog geen besluiten genomen."
    )
    if last is not None:
        decided.title = f"Besluiten van de laatste vergadering ({last.get_kind_display()} {format_date(last.date)})"
        for d in (
            Decision.objects.filter(agenda_item__meeting=last)
            .select_related("proposal", "agenda_item")
            .order_by("agenda_item__position", "pk")
        ):
            decided.items.append(
                Item(
                    f"{d.proposal.reference} {d.proposal.title}",
                    reverse("proposals:item", args=[d.agenda_item_id]),
                    detail=d.get_rule_display(),
                    state=d.get_outcome_display(),
                    tone="ok" if d.outcome == Decision.Outcome.ADOPTED else "error",
                )
            )
    return Worklist(
        Role.PORTFOLIO_HOLDER, "Werklijst portefeuillehouder", [votes, upcoming, decided]
    )


# ------------------------------------------------------------------------------- aanbieder


def provider_worklist(user, *, today: dt.date | None = None) -> Worklist:
    today = today or timezone.localdate()
    provider = providers_visible_to(user).filter(pk=user_provider_id(user)).first()
    forecast = Section("forecast", "Prognose", "Er is geen budget waarvoor u een prognose levert.")
    bsn = Section("bsn", "BSN's te registreren", "U hoeft nu geen BSN's te registreren.")
    requests = Section("requests", "Uw PxQ-aanvragen", "U heeft geen PxQ-aanvragen.")
    letters = Section(
        "letters", "Ontvangen beschikkingen", "U heeft nog geen beschikkingen ontvangen."
    )
    sections = [forecast, bsn, requests, letters]
    if provider is None:
        return Worklist(Role.PROVIDER, "Werklijst aanbieder", sections)

    due_year, due_month, deadline = forecast_due(today)
    budget_years = set(
        BudgetLine.objects.filter(provider=provider).values_list("year", flat=True).distinct()
    )
    base = reverse("allocations:provider", args=[provider.slug])
    if (
        due_year in budget_years
        and providers_visible_to(user)
        .filter(forecast_missing_q(year=due_year, month=due_month), pk=provider.pk)
        .exists()
    ):
        late = today > deadline
        forecast.items.append(
            Item(
                f"Prognose {_month(due_year, due_month)} leveren",
                base + f"?jaar={due_year}",
                detail=f"Uiterlijk {format_date(deadline)} (de vijfde werkdag)",
                state="Te laat" if late else "Te leveren",
                tone="error" if late else "warning",
            )
        )
    if budget_years:
        year = max(budget_years)
        status = provider_status(provider=provider, year=year)
        if status.status is None:
            forecast.items.append(
                Item(
                    f"Prognose {year}", base + f"?jaar={year}", detail="Nog geen prognose geleverd"
                )
            )
        else:
            text = {
                AMBER: "tussen 100% en 105%: BSN verplicht voor opnames boven budget",
                RED: "boven 105%: algehele opnamestop",
            }.get(status.status, "binnen het budget (tot en met 100%)")
            forecast.items.append(
                Item(
                    f"Prognose {year}, stand {_month(year, status.month)}",
                    base + f"?jaar={year}",
                    detail=f"{format_number(status.percent, 1)}% van het budget ({format_euro(status.cost)} van "
                    f"{format_euro(status.budget)}): {text}",
                    state={AMBER: "Boven 100%", RED: "Boven 105%"}.get(
                        status.status, "Binnen budget"
                    ),
                    tone={AMBER: "warning", RED: "error"}.get(status.status, "ok"),
                )
            )
            if status.status == RED:
                bsn.empty = (
                    "Er geldt een algehele opnamestop (boven 105%): u neemt nu geen cliënten op."
                )
            elif status.status == AMBER:
                registered = ClientRegistration.objects.filter(provider=provider, year=year).count()
                bsn.items.append(
                    Item(
                        "BSN van elke cliënt die u boven budget opneemt",
                        reverse("allocations:client_new", args=[provider.slug]) + f"?jaar={year}",
                        detail=f"{_count(registered, 'cliënt', 'cliënten')} vastgelegd in {year}",
                        state="Registreren",
                        tone="warning",
                    )
                )
    for r in BudgetRequest.objects.filter(provider=provider).order_by("-submitted_at", "-pk"):
        requests.items.append(
            Item(
                f"PxQ-aanvraag {r.year}",
                reverse("allocations:request", args=[provider.slug, r.pk]),
                detail=f"Ingediend op {format_date(r.submitted_at)}",
                state=r.get_status_display(),
                tone=""
                if r.status == BudgetRequest.Status.SUBMITTED
                else ("error" if r.status == BudgetRequest.Status.REJECTED else "ok"),
            )
        )
    _letters(letters, proposals_visible_to(user))
    return Worklist(Role.PROVIDER, "Werklijst aanbieder", sections)


def _letters(section: Section, visible) -> None:
    for letter in (
        DecisionLetter.objects.filter(award__proposal__in=visible)
        .select_related("award__proposal")
        .order_by("-issued_at", "-pk")
    ):
        award = letter.award
        section.items.append(
            Item(
                f"Beschikking {award.number}"
                + (f" (versie {letter.version})" if letter.version > 1 else ""),
                reverse(
                    "proposals:letter_pdf", args=[award.proposal_id, award.number, letter.version]
                ),
                detail=f"{award.proposal.reference} {award.proposal.title}; {format_euro(award.amount.amount)} "
                f"voor {award.year}; verzonden {format_date(letter.issued_at)}",
            )
        )


# ------------------------------------------------------------------------------- coördinerende gemeente


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
                    f"; {_count(len(findings), 'afwijking', 'afwijkingen')} toegelicht"
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
    for p in (
        visible.filter(ambassador_advice__isnull=False, decision__isnull=True)
        .select_related("ambassador_advice")
        .order_by("reference")
    ):
        advice.items.append(
            Item(
                f"{p.reference} {p.title}",
                reverse("proposals:detail", args=[p.pk]) + "#besluit",
                detail=f"Advies bestuurlijk ambassadeurs: {p.ambassador_advice.get_advice_display().lower()}",
                state="Besluiten",
                tone="warning",
            )
        )

    reports = Section("reports", "Projectverslagen van de regio's", "Er wacht geen projectverslag.")
    ids = set(visible.values_list("pk", flat=True))
    _report_items(
        reports,
        [r for r in region_report_rows(today=today) if r.proposal.pk in ids],
        with_region=True,
    )
    return Worklist(
        Role.COORDINATOR, "Werklijst coördinerende gemeente", [divisions, sisa, advice, reports]
    )


def _report_items(section: Section, rows, *, with_region: bool) -> None:
    states = accounting_rules.ReportState
    for row in rows:
        if row.state in (states.RECEIVED, states.RECEIVED_LATE):
            continue
        overdue = row.state == states.OVERDUE
        section.items.append(
            Item(
                f"{row.proposal.reference} {row.proposal.title}",
                reverse("accounting:region_report", args=[row.proposal.pk]),
                detail=(f"{row.region_name}; " if with_region else "")
                + f"project eindigt {format_date(row.project_end)}; verslag vóór {format_date(row.deadline)}",
                state=row.state_label,
                tone="error" if overdue else ("warning" if row.state == states.DUE else ""),
            )
        )


# ------------------------------------------------------------------------------- jeugdhulpregio


def region_worklist(user, *, today: dt.date | None = None) -> Worklist:
    today = today or timezone.localdate()
    region_id = user_region_id(user)
    visible = proposals_visible_to(user).filter(filing_region=region_id)
    reports = Section(
        "reports", "Projectverslagen (vóór 1 maart)", "Er is geen projectverslag te leveren."
    )
    ids = set(visible.values_list("pk", flat=True))
    _report_items(
        reports,
        [r for r in region_report_rows(region_id=region_id, today=today) if r.proposal.pk in ids],
        with_region=False,
    )
    requests = Section(
        "requests", "Uw bestedingsverzoeken", "U heeft geen bestedingsverzoeken ingediend."
    )
    tones = {
        Proposal.Status.AWARDED: "ok",
        Proposal.Status.RUNNING: "ok",
        Proposal.Status.COMPLETED: "ok",
        Proposal.Status.REJECTED: "error",
        Proposal.Status.DRAFT: "warning",
    }
    for p in visible.select_related("fund").order_by("-created_at", "-pk"):
        requests.items.append(
            Item(
                f"{p.reference} {p.title}",
                reverse("proposals:detail", args=[p.pk]),
                detail=p.fund.name,
                state=p.get_status_display(),
                tone=tones.get(p.status, ""),
            )
        )
    return Worklist(Role.REGION, "Werklijst jeugdhulpregio", [reports, requests])


def administrator_worklist(user, *, today: dt.date | None = None) -> Worklist:
    """A functional administrator: the organisations whose users they manage (one query)."""
    section = Section(
        "organisations", "Gebruikers en rollen", "U beheert de gebruikers van geen organisatie."
    )
    for organisation in (
        organisations_administered_by(user).annotate(members=Count("memberships")).order_by("name")
    ):
        section.items.append(
            Item(
                str(organisation),
                reverse("core:organisation", args=[organisation.slug]),
                detail=f"{organisation.members} {'gebruiker' if organisation.members == 1 else 'gebruikers'}",
            )
        )
    return Worklist(Role.ADMINISTRATOR, "Werklijst functioneel beheerder", [section])


WORKLISTS = {
    Role.TWO: two_worklist,
    Role.PORTFOLIO_HOLDER: portfolio_holder_worklist,
    Role.PROVIDER: provider_worklist,
    Role.COORDINATOR: coordinator_worklist,
    Role.REGION: region_worklist,
    Role.ADMINISTRATOR: administrator_worklist,
}


def worklists_for(user, *, today: dt.date | None = None) -> list[Worklist]:
    """The worklist of each role the user has, in the order of core.roles.Role."""
    roles = roles_of(user)
    return [WORKLISTS[role](user, today=today) for role in Role if role.value in roles]
