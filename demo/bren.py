"""Demo of the BREN process of seed 004 §6.4 for Zuid-West, on the dates of the story: the red
threads of 2020 (Bijlage 1) and the four themes chosen in June 2021 (§6.5), a building team per
theme in Q3 2021 (H10) with the indicative budgets of the 2021 division, their plans assessed (one
not yet by an expert-team chair: not complete), the development agenda 2021, and the new red-threads
round in Q4 2021 for the money of 2022. Kartrekkers and members are named by role, not by person.
Vacatiegeld is paid in the books (demo.books). Idempotent."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from bren import services
from bren.models import RedThreadsAnalysis
from core.models import Region
from demo.funds import SPUK_SLUG
from demo.timeline import at, on
from fund.models import Fund

FINDINGS_2021 = (
    "Opgesteld voor 2020 (inrichtingsplan, Bijlage 1) met de expertteams: knelpunten in het organiseren van hulp voor "
    "de meest kwetsbare doelgroep en tekorten in het zorgaanbod, ook te weinig capaciteit van bestaand aanbod.\n"
    "1. Door het uitblijven van passende hulp in bestaand aanbod neemt de complexiteit van de problematiek toe.\n"
    "2. Te weinig capaciteit in bestaand aanbod belemmert het combineren van op maat samengestelde zorgpakketten."
)
FINDINGS_2022 = (
    "Nieuwe inventarisatie voor de ronde middelen 2022 (H10: Q4 2021), met de eerste ervaringen van de "
    "bouwteams en de monitoring van de expertteams."
)
CHOSEN_BY = "De regionale expertteams en het AO Jeugd"
# seed 004 §6.5: the themes as set in June 2021, from the young person's question
THEMES = [
    (
        "Nabijheid en kleinschaligheid in de hulpverlening",
        "Mag ik meer tijd en onverdeelde aandacht voor mijn ingewikkelde problemen?",
        "midden-holland",
    ),
    (
        "Wachtlijstproblematiek",
        "Mijn problemen zijn ingewikkeld, waarom moet ik zo lang wachten?",
        "haaglanden",
    ),
    (
        "Doorlopende lijn voor de forensische doelgroep",
        "Ik doe vaak dingen verkeerd, maar waarom wil niemand mij helpen?",
        "rotterdam-rijnmond",
    ),
    (
        "Hoogspecialistische zorgvragen",
        "Mijn problemen komen niet vaak voor en zijn ingewikkeld, mag ik hulp van de mensen die er veel verstand van "
        "hebben en het liefst dicht bij thuis?",
        "zuid-holland-zuid",
    ),
]
INDICATIVE_BUDGET = Decimal("802002")  # each theme's line of the 2021 division (demo.books)
# (theme number, assessor, capacity, verdict, date): theme 2 lacks an expert-team chair, theme 4 is not assessed yet
ASSESSMENTS = [
    (1, "Lid AO Jeugd Midden-Holland", "ao_member", "approved", dt.date(2021, 9, 20)),
    (1, "Voorzitter RET Midden-Holland", "expert_chair", "approved", dt.date(2021, 9, 20)),
    (2, "Lid AO Jeugd Haaglanden", "ao_member", "approved", dt.date(2021, 9, 20)),
    (3, "Lid AO Jeugd Rotterdam-Rijnmond", "ao_member", "approved", dt.date(2021, 9, 21)),
    (3, "Voorzitter RET Rijnmond", "expert_chair", "approved", dt.date(2021, 9, 21)),
]


def load() -> None:
    fund = Fund.objects.filter(slug=SPUK_SLUG).first()
    user = get_user_model().objects.filter(username="rotterdam").first()
    if fund is None or user is None or RedThreadsAnalysis.objects.filter(fund=fund).exists():
        return
    regions = {r.slug: r for r in Region.objects.all()}
    with on(at(dt.date(2020, 11, 30), 11)):
        analysis = services.red_threads_record(
            user=user,
            fund=fund,
            year=2021,
            made_on=dt.date(2020, 11, 30),
            made_by="Voorzitters regionale expertteams en de jeugdhulpregio's",
            findings=FINDINGS_2021,
        )
    themes = []
    with on(at(dt.date(2021, 6, 14), 14)):
        for priority, (title, question, _) in enumerate(THEMES, start=1):
            themes.append(
                services.theme_prioritise(
                    user=user,
                    analysis=analysis,
                    priority=priority,
                    title=title,
                    question=question,
                    chosen_by=CHOSEN_BY,
                )
            )
    teams = {}
    for priority, (theme, (_, _, region)) in enumerate(zip(themes, THEMES, strict=True), start=1):
        formed_on = dt.date(2021, 7, 26) + dt.timedelta(days=priority - 1)
        with on(at(formed_on, 10)):
            name = regions[region].name
            teams[priority] = services.building_team_form(
                user=user,
                theme=theme,
                region=regions[region],
                expert_team=f"Regionaal expertteam {name}",
                client_perspective="Ervaringsdeskundige jongere en ouder",
                research="Academische werkplaats jeugd (kenniswerkplaats)",
                kartrekker=f"Beleidsadviseur jeugd {name}",
                indicative_budget=INDICATIVE_BUDGET,
                formed_on=formed_on,
                plan_summary="Uitwerking in inspiratiesessies; plan met doelen, activiteiten en inzet, getoetst met een inkoopexpert.",
            )
    for priority, assessor, capacity, verdict, day in ASSESSMENTS:
        with on(at(day, 15)):
            services.plan_assess(
                user=user,
                building_team=teams[priority],
                assessor_name=assessor,
                capacity=capacity,
                verdict=verdict,
                assessed_on=day,
                motivation="Doelen, activiteiten en middelen hangen logisch samen; bovenregionaal van aard.",
            )
    with on(at(dt.date(2021, 9, 27), 16)):
        services.agenda_adopt(
            user=user,
            fund=fund,
            year=2021,
            adopted_on=dt.date(2021, 9, 27),
            themes=themes,
            national_developments="Landelijk projectleidersoverleg: monitoring van de expertisenetwerken.",
        )
    with on(at(dt.date(2021, 11, 29), 11)):
        services.red_threads_record(
            user=user,
            fund=fund,
            year=2022,
            made_on=dt.date(2021, 11, 29),
            made_by="Voorzitters regionale expertteams en de jeugdhulpregio's",
            findings=FINDINGS_2022,
        )
