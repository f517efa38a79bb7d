"""The worklist of a provider: its proposals, letters, PxQ requests, forecasts due and clients above budget."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from allocations.forecast import AMBER, RED, forecast_due
from allocations.models import BudgetLine, BudgetRequest, ClientRegistration
from allocations.selectors.forecasts import forecast_missing_q, provider_status
from allocations.selectors.providers import providers_visible_to
from core.dates import month_year
from core.permissions import user_provider_id
from core.roles import Role
from core.templatetags.nl import format_date, format_euro, format_number
from proposals.models import (
    DecisionLetter,
)
from proposals.selectors import proposals_visible_to
from worklists.selectors.common import Item, Section, Worklist, count_label


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
                f"Prognose {month_year(due_year, due_month)} leveren",
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
                    f"Prognose {year}, stand {month_year(year, status.month)}",
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
                        detail=f"{count_label(registered, 'cliënt', 'cliënten')} vastgelegd in {year}",
                        state="Registreren",
                        tone="warning",
                    )
                )
    requests.add(  # the newest first
        BudgetRequest.objects.filter(provider=provider).order_by("-submitted_at", "-pk"),
        lambda r: Item(
            f"PxQ-aanvraag {r.year}",
            reverse("allocations:request", args=[provider.slug, r.pk]),
            detail=f"Ingediend op {format_date(r.submitted_at)}",
            state=r.get_status_display(),
            tone=""
            if r.status == BudgetRequest.Status.SUBMITTED
            else ("error" if r.status == BudgetRequest.Status.REJECTED else "ok"),
        ),
    )
    _letters(letters, proposals_visible_to(user))
    return Worklist(Role.PROVIDER, "Werklijst aanbieder", sections)


def _letters(section: Section, visible) -> None:
    def item(letter) -> Item:
        award = letter.award
        return Item(
            f"Beschikking {award.number}"
            + (f" (versie {letter.version})" if letter.version > 1 else ""),
            reverse("proposals:letter_pdf", args=[award.proposal_id, award.number, letter.version]),
            detail=f"{award.proposal.reference} {award.proposal.title}; {format_euro(award.amount.amount)} "
            f"voor {award.year}; verzonden {format_date(letter.issued_at)}",
        )

    section.add(  # the newest first
        DecisionLetter.objects.filter(award__proposal__in=visible)
        .select_related("award__proposal")
        .order_by("-issued_at", "-pk"),
        item,
    )
