"""Every write of the BREN process (seed 004 §6.4): the coordinating municipality (or the staff of
the organisation that manages the SPUK) records it. One function per use case, atomic, with a named actor."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from djmoney.money import Money

from bren.models import BuildingTeam, DevelopmentAgenda, PlanAssessment, RedThreadsAnalysis, Theme
from core.exceptions import DomainError
from core.models import Region
from core.permissions import is_fund_staff, user_municipality_id
from fund.models import Fund


class BrenError(DomainError):
    pass


def may_manage(user, fund: Fund) -> bool:
    """The coordinating municipality of this SPUK (seed 004 §5: Rotterdam coordinates), or TWO staff
    of the organisation that manages it (issue 13: another region's office does not)."""
    if fund.kind != Fund.Kind.SPUK:
        return False
    return is_fund_staff(user, fund) or (
        fund.coordinating_municipality_id is not None
        and user_municipality_id(user) == fund.coordinating_municipality_id
    )


def _check(user, fund: Fund) -> None:
    if not may_manage(user, fund):
        raise BrenError("Alleen de coördinerende gemeente (of TWO) legt het BREN-proces vast.")


def _text(value: str, what: str) -> str:
    if not value or not value.strip():
        raise BrenError(f"Vul {what} in.")
    return value.strip()


@transaction.atomic
def red_threads_record(
    *, user, fund: Fund, year: int, made_on: dt.date, made_by: str, findings: str
) -> RedThreadsAnalysis:
    _check(user, fund)
    if RedThreadsAnalysis.objects.filter(fund=fund, year=year).exists():
        raise BrenError(f"Er is al een rode-dradenanalyse voor {year}.")
    return RedThreadsAnalysis.objects.create(
        fund=fund,
        year=year,
        made_on=made_on,
        made_by=_text(made_by, "wie de analyse opstelde"),
        findings=_text(findings, "de rode draden"),
        recorded_by=user,
    )


@transaction.atomic
def theme_prioritise(
    *,
    user,
    analysis: RedThreadsAnalysis,
    priority: int,
    title: str,
    chosen_by: str,
    question: str = "",
) -> Theme:
    """Step 2: the themes are chosen by the expert teams and the AO."""
    _check(user, analysis.fund)
    if Theme.objects.filter(analysis=analysis, priority=priority).exists():
        raise BrenError(f"Prioriteit {priority} is al aan een thema gegeven.")
    return Theme.objects.create(
        analysis=analysis,
        priority=priority,
        title=_text(title, "het thema"),
        chosen_by=_text(chosen_by, "wie het thema koos (expertteams en AO)"),
        question=question.strip(),
    )


@transaction.atomic
def building_team_form(
    *,
    user,
    theme: Theme,
    region: Region,
    expert_team: str,
    client_perspective: str,
    research: str,
    kartrekker: str,
    indicative_budget: Decimal,
    formed_on: dt.date,
    plan_summary: str = "",
    plan=None,
) -> BuildingTeam:
    """Step 3: the square (jeugdhulpregio, expert team, client perspective, research), a kartrekker
    and an indicative budget."""
    _check(user, theme.analysis.fund)
    if indicative_budget is None or indicative_budget <= 0:
        raise BrenError("Geef het bouwteam een richtinggevend budget groter dan nul.")
    if BuildingTeam.objects.filter(theme=theme).exists():
        raise BrenError(f"{theme} heeft al een bouwteam.")
    return BuildingTeam.objects.create(
        theme=theme,
        region=region,
        expert_team=_text(expert_team, "het expertteam"),
        client_perspective=_text(client_perspective, "het cliëntperspectief"),
        research=_text(research, "het onderzoek"),
        kartrekker=_text(kartrekker, "de kartrekker"),
        indicative_budget=Money(indicative_budget, "EUR"),
        formed_on=formed_on,
        plan_summary=plan_summary.strip(),
        plan=plan,
    )


@transaction.atomic
def plan_assess(
    *,
    user,
    building_team: BuildingTeam,
    assessor_name: str,
    capacity: str,
    verdict: str,
    motivation: str,
    assessed_on: dt.date,
) -> PlanAssessment:
    """Step 5: an AO member or an expert-team chair assesses the team's plans."""
    _check(user, building_team.theme.analysis.fund)
    if capacity not in PlanAssessment.Capacity.values:
        raise BrenError("Kies de hoedanigheid: lid AO of voorzitter expertteam.")
    if verdict not in PlanAssessment.Verdict.values:
        raise BrenError("Kies het oordeel: goedgekeurd of niet goedgekeurd.")
    name = _text(assessor_name, "de naam van de beoordelaar")
    try:
        with transaction.atomic():
            return PlanAssessment.objects.create(
                building_team=building_team,
                assessor_name=name,
                capacity=capacity,
                verdict=verdict,
                motivation=_text(motivation, "de motivering"),
                assessed_on=assessed_on,
                recorded_by=user,
            )
    except IntegrityError as exc:
        raise BrenError(f"{name} heeft dit plan al beoordeeld.") from exc


@transaction.atomic
def agenda_adopt(
    *,
    user,
    fund: Fund,
    year: int,
    adopted_on: dt.date,
    themes: list[Theme],
    national_developments: str = "",
) -> DevelopmentAgenda:
    """Step 7: the AO's development agenda of the year."""
    _check(user, fund)
    if not themes:
        raise BrenError("Een ontwikkelagenda geeft de thema's een plek; kies er minstens één.")
    if any(t.analysis.fund_id != fund.pk for t in themes):
        raise BrenError("Kies thema's van dit netwerk.")
    if DevelopmentAgenda.objects.filter(fund=fund, year=year).exists():
        raise BrenError(f"De ontwikkelagenda {year} is al vastgesteld.")
    agenda = DevelopmentAgenda.objects.create(
        fund=fund,
        year=year,
        adopted_on=adopted_on,
        national_developments=national_developments.strip(),
        recorded_by=user,
    )
    agenda.themes.set(themes)
    return agenda
