"""Reads of the BREN process: one overview per network, for its page. A fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from bren import rules
from bren.models import BuildingTeam, DevelopmentAgenda, PlanAssessment, RedThreadsAnalysis, Theme
from fund.models import Fund
from proposals.models import AmbassadorMeeting

OUTCOME_LABELS = {
    "incomplete": "Nog niet compleet",
    "approved": "Goedgekeurd",
    "not_approved": "Niet goedgekeurd",
}


@dataclass
class TeamRow:
    team: BuildingTeam
    assessments: list[PlanAssessment]
    fees: list = field(default_factory=list)

    @property
    def outcome(self) -> str:
        return rules.assessment_outcome((a.capacity, a.verdict) for a in self.assessments)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def missing(self) -> list[str]:
        return rules.assessment_missing(a.capacity for a in self.assessments)


@dataclass
class BrenOverview:
    fund: Fund
    analyses: list[RedThreadsAnalysis]
    teams: dict[int, TeamRow]  # by theme id
    agendas: list[DevelopmentAgenda]
    meetings: list[AmbassadorMeeting]

    def team_for(self, theme: Theme) -> TeamRow | None:
        return self.teams.get(theme.pk)


def bren_overview(fund: Fund) -> BrenOverview:
    analyses = list(
        RedThreadsAnalysis.objects.filter(fund=fund)
        .order_by("year")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("priority")))
    )
    teams = {}
    for team in (
        BuildingTeam.objects.filter(theme__analysis__fund=fund)
        .select_related("region", "plan", "theme")
        .prefetch_related("assessments", "vacation_fees")
    ):
        teams[team.theme_id] = TeamRow(
            team, list(team.assessments.all()), list(team.vacation_fees.all())
        )
    agendas = list(
        DevelopmentAgenda.objects.filter(fund=fund)
        .order_by("year")
        .prefetch_related(
            Prefetch(
                "themes",
                queryset=Theme.objects.order_by("priority").select_related("building_team"),
            )
        )
    )
    for analysis in analyses:
        for theme in analysis.themes.all():
            theme.row = teams.get(
                theme.pk
            )  # for the page: the theme's building team and its assessment
    meetings = list(
        AmbassadorMeeting.objects.filter(fund=fund)
        .order_by("date")
        .prefetch_related("advices__proposal")
    )
    return BrenOverview(
        fund=fund, analyses=analyses, teams=teams, agendas=agendas, meetings=meetings
    )
