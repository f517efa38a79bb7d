"""Demo spending requests of the SPUK BREN Zuid-West (seed 004 Bijlage 4 and 5): the 2020 BREN
projects as SPUK awards, the requests for 2021 in every stage (screening, consent, the bestuurlijk
ambassadeurs' advice, the coordinating municipality's decision) and the research of the knowledge
and development function. Idempotent.
"""

import datetime as dt
from decimal import Decimal

from accounting.services.awards import (
    award_make,  # demo data: the story makes awards as Rotterdam does
)
from core.models import Region
from demo.funds import SPUK_SLUG
from demo.proposals import goals, user_named
from demo.timeline import at, held, on
from fund.models import Fund
from proposals.models import AmbassadorAdvice, Proposal, ScreeningItem
from proposals.rules import SCREENING_CRITERIA
from proposals.services import advice as advice_services
from proposals.services import intake as intake_services
from proposals.services import letters as letter_services
from proposals.services import meetings as meeting_services
from proposals.services import screening as screening_services

# seed 004 Bijlage 4: budget 2020 (filing region, title, amount, other regions the work runs in)
BREN_2020 = [
    (
        "midden-holland",
        "PAST, harmonicavoorziening, innovatie verblijfszorg in de regio (VIDEO)",
        "446644.00",
        [],
    ),
    (
        "midden-holland",
        "Project Mockingbird (innovatie pleegzorg als onderdeel van programma Gewoon Thuis Jeugd)",
        "285000.00",
        [],
    ),
    ("midden-holland", "Project Jongvolwassenen Midden-Holland", "45000.00", []),
    ("haaglanden", "Ombuigcoördinator", "80000.00", []),
    (
        "rotterdam-rijnmond",
        "Projecten Timon (vijf projecten; bedragen per project nader te bepalen door Timon, ZHZ en Rijnmond)",
        "751056.00",
        ["zuid-holland-zuid"],
    ),
    (
        "rotterdam-rijnmond",
        "Coördinatie- en proceskosten (uren voorzitters RET's, projectleiding en projectondersteuning)",
        "102300.00",
        [],
    ),
]
AMBASSADORS = "Bestuurlijk ambassadeurs BREN Zuid-West (wethouders jeugd van de jeugdhulpregio's)"
AMBASSADOR_MEETINGS = [  # seed 004 §5.3 and H10: first on 16-7-2021, then every three to six months
    (
        dt.date(2021, 7, 16),
        "Eerste bijeenkomst: inrichtingsplan, thema's van juni 2021, verdeling 2021 en het onderzoek.",
    ),
    (dt.date(2021, 10, 22), "Voortgang bouwteams en de ontwikkelagenda."),
    (dt.date(2022, 2, 11), "Rode draden 2022 en de verdeling van de middelen 2022."),
]
RESEARCH_TITLE = "Onderzoek kennis- en ontwikkelfunctie BREN (casusregister complexe problematiek)"
RESEARCH_SUMMARY = (
    "Vierjarig onderzoek (2021 t/m 2024) naar jeugdigen met complexe problematiek, € 159.000 per jaar: een postdoc "
    "onderzoeker € 75.000; een onderzoeker € 45.000; bijdrage gezinnen € 10.000; bijdrage professionals € 10.000; "
    "vacatiegelden leerbijeenkomsten € 4.000; materiële kosten € 15.000 (seed 004 Bijlage 5)."
)

TIMON_PROJECTS = (
    "Verbetering doorgaande zorglijn 18-/18+; ontwikkeling groepsaanpak voor toenemende problematiek rondom "
    "steekincidenten; uitbreiding 'verbetering overgang gesloten naar open residentiële jeugdhulp'; verbetering en "
    "verdieping van samenwerkingsproject forensische pot; verbeteren aanpak en aanbod voor de LIV-doelgroep."
)

# the applicants' answers to the SPUK's criteria (proposals.criteria): seed 004 §6.4
SPUK_ANSWERS = {
    "content_1": "Het verzoek versterkt de eigen kracht van jeugdigen en gezinnen en biedt eerder "
    "samenhangende hulp: één gezin, één plan, één regisseur.",
    "content_2": "Het thema komt in alle regio's van Zuid-West terug in de rode-dradenanalyse en "
    "kent nog geen passende oplossing.",
    "content_3": "Het verzoek biedt consultatie en advies, organiseert aanvullende expertise waar de "
    "jongere al hulp krijgt en bundelt wat de expertteams leren.",
    "lawful_1": "Sluit aan bij het bestaande expertteam en de regionale infrastructuur, verbreedt "
    "het eigen aanbod niet en wordt binnen de bestedingsperiode uitgegeven.",
    "lawful_2": "Doelen, activiteiten en de inzet van mensen en geld staan in het plan, met "
    "prestatie-indicatoren per doel.",
    "lawful_3": "De regio monitort de besteding en levert het verantwoordingsverslag uiterlijk vóór "
    "1 maart van het volgende jaar.",
    "lawful_4": "Besteding volgens het aanbestedingsrecht en het inkoopbeleid van de regio; de "
    "inkoopadviseur van de regio denkt mee.",
}


def load() -> None:
    fund = Fund.objects.filter(slug=SPUK_SLUG).first()
    if fund is not None and not fund.proposals.exists():
        _load_spuk(fund)


def _load_spuk(fund: Fund) -> None:
    """The BREN projects of 2020 (AO Jeugd of 12 March 2020, awards in March) and the requests
    for 2021 on the AO Jeugd of 11 March 2021, each step on its own date."""
    rotterdam = user_named("rotterdam")
    regions = {r.slug: r for r in Region.objects.all()}

    def when(day, i=0):  # requests handled one after the other on a day
        return at(day, 9) + dt.timedelta(minutes=10 * i)

    def move(moment, p, target):
        with on(moment):
            p.refresh_from_db()
            screening_services.proposal_transition(user=rotterdam, proposal=p, to_status=target)

    def meeting(created, date, title):
        with on(created):
            return meeting_services.meeting_create(
                user=rotterdam, fund=fund, kind="ao_jeugd", date=date, title=title
            )

    def make(moment, region, title, amount, work_regions=(), year=2020):
        summary = f"Bestedingsverzoek van {regions[region].name}: {title}."
        if title.startswith("Projecten Timon"):
            summary += " " + TIMON_PROJECTS
        if title == RESEARCH_TITLE:
            summary += " " + RESEARCH_SUMMARY
        with on(moment):
            return intake_services.proposal_create(
                user=rotterdam,
                fund=fund,
                title=title,
                summary=summary,
                contact=f"Beleidsadviseur jeugd {regions[region].name}",
                filing_region=regions[region],
                work_regions=[regions[w] for w in work_regions],
                requested={year: Decimal(amount)},
                goals=goals(
                    "Duurzame transformatie voor jeugdigen met complexe problematiek",
                    "Jeugdigen met een passend perspectief",
                    "20",
                    "jeugdigen",
                    dt.date(year, 12, 31),
                ),
                answers=SPUK_ANSWERS,
            )

    def screen(p, submitted, assessed, consent_given_on, verdict="met", only=None):
        move(submitted, p, "submitted")
        with on(assessed):
            for criterion in only or SCREENING_CRITERIA:
                screening_services.screening_record(
                    user=rotterdam,
                    proposal=p,
                    criterion=criterion,
                    verdict=verdict,
                    motivation="Beoordeeld aan de hand van het plan en de begroting.",
                    assessor_name="Voorzitter RET Zuid-West"
                    if criterion.startswith("content")
                    else "Lid AO Jeugd Rotterdam",
                    assessor_capacity=ScreeningItem.Capacity.EXPERT_CHAIR
                    if criterion.startswith("content")
                    else ScreeningItem.Capacity.AO_MEMBER,
                )
            for region in p.work_regions.all():
                screening_services.consent_record(
                    user=rotterdam,
                    proposal=p,
                    region=region,
                    given_by=f"Regiomanager {region.name}",
                    given_on=consent_given_on,
                    note="Schriftelijke instemming",
                )

    def advise(p, meeting, screened, advice="positive", text="", ambassadors=None):
        """Screened and on the agenda of the AO Jeugd. The bestuurlijk ambassadeurs advise only at
        one of their meetings, the first on 16-7-2021 (seed 004 H10): before it there is no advice
        and Rotterdam decides alone (the decision says so)."""
        move(screened, p, "screened")
        with on(screened + dt.timedelta(minutes=2)):
            meeting_services.agenda_item_add(user=rotterdam, meeting=meeting, proposal=p)
        if ambassadors is None:
            return
        with on(at(ambassadors.date, 15) + (screened - at(screened.date(), 9))):
            advice_services.advice_record(
                user=rotterdam,
                proposal=p,
                advice=advice,
                meeting=ambassadors,
                ambassadors=AMBASSADORS,
                text=text
                or (
                    "Past bij de rode draden en de prioriteiten van het landsdeel."
                    if advice == "positive"
                    else "Verbreedt het bestaande aanbod in de eigen regio."
                ),
            )

    def decide(p, decided, outcome="adopted"):
        advised = AmbassadorAdvice.objects.filter(proposal=p).exists()
        with on(decided):
            advice_services.spuk_decide(
                user=rotterdam,
                proposal=p,
                outcome=outcome,
                note="Besluit gemeente Rotterdam, gehoord het advies van de bestuurlijk ambassadeurs."
                if advised
                else (
                    "Past bij de rode draden en de prioriteiten van het landsdeel."
                    if outcome == "adopted"
                    else "Verbreedt het bestaande aanbod in de eigen regio."
                ),
            )

    # 2020: the spending plan of Bijlage 4
    ao = meeting(dt.date(2020, 1, 20), dt.date(2020, 3, 12), "Bestedingsplan BREN Zuid-West 2020")
    with held():  # each request from submission to award in turn: the books wait until all are done
        for i, (region, title, amount, work_regions) in enumerate(BREN_2020):
            p = make(when(dt.date(2020, 1, 27), i), region, title, amount, work_regions)
            screen(
                p, when(dt.date(2020, 2, 3), i), when(dt.date(2020, 2, 28), i), dt.date(2020, 2, 27)
            )
            advise(p, ao, when(dt.date(2020, 3, 2), i))
            decide(p, when(dt.date(2020, 3, 19), i))
            with on(when(dt.date(2020, 3, 26), i)):
                a = award_make(
                    user=rotterdam,
                    proposal=p,
                    year=2020,
                    amount=Decimal(amount),
                    period_start=dt.date(2020, 1, 1),
                    period_end=dt.date(2020, 12, 31),
                    conditions=f"Besteding volgens {fund.legal_ground[:1].lower()}{fund.legal_ground[1:]}",
                )
                if i < 2:
                    letter_services.letter_issue(
                        user=rotterdam,
                        award=a,
                        addressee=f"Jeugdhulpregio {regions[region].name}",
                        signatory="Wethouder Jeugd gemeente Rotterdam",
                    )
            move(when(dt.date(2020, 4, 1), i), p, "running")

    # seed 004 H10: the first meeting of the ambassadors is planned for 16 July 2021; then every
    # three to six months (§5.3). Planned in January 2021, when the network's plan was drawn up.
    with on(at(dt.date(2021, 1, 11), 9)):
        ambassador_meetings = [
            advice_services.ambassador_meeting_record(
                user=rotterdam, fund=fund, date=day, attendees=AMBASSADORS, summary=summary
            )
            for day, summary in AMBASSADOR_MEETINGS
        ]

    # 2021: requests for the next year, in every stage
    ao_2021 = meeting(
        dt.date(2021, 1, 18), dt.date(2021, 3, 11), "Bestedingsplan BREN Zuid-West 2021"
    )
    waiting = make(
        when(dt.date(2021, 1, 19)),
        "midden-holland",
        "Expertteam-uren en vacatiegelden 2021",
        "90000",
        year=2021,
    )
    refused = make(
        when(dt.date(2021, 1, 19), 1),
        "rotterdam-rijnmond",
        "Uitbreiding eigen ambulant aanbod Rijnmond",
        "200000",
        year=2021,
    )
    partial = make(
        when(dt.date(2021, 1, 25)),
        "zuid-holland-zuid",
        "Doorbraakaanpak LIV-doelgroep",
        "120000",
        ["haaglanden"],
        year=2021,
    )
    screened = make(
        when(dt.date(2021, 1, 25), 1),
        "haaglanden",
        "Bouwteam verbinding Wlz en jeugdhulp",
        "150000",
        year=2021,
    )
    for i, p in enumerate((waiting, refused)):
        screen(p, when(dt.date(2021, 2, 1), i), when(dt.date(2021, 2, 15), i), dt.date(2021, 2, 12))
    screen(
        partial,
        when(dt.date(2021, 2, 8)),
        when(dt.date(2021, 2, 22)),
        dt.date(2021, 2, 19),
        only=SCREENING_CRITERIA[:3],
    )  # submitted; lawfulness not yet assessed, consent recorded
    screen(
        screened, when(dt.date(2021, 2, 8), 1), when(dt.date(2021, 2, 22), 1), dt.date(2021, 2, 19)
    )
    make(
        when(dt.date(2021, 2, 22), 2),
        "holland-rijnland",
        "Kennisdeling complexe casuïstiek Holland Rijnland",
        "60000",
        year=2021,
    )  # draft
    advise(
        waiting,
        ao_2021,
        when(dt.date(2021, 3, 1)),
        text="Positief; de coördinerende gemeente besluit.",
        ambassadors=ambassador_meetings[0],  # waited for the ambassadors' first meeting
    )
    advise(refused, ao_2021, when(dt.date(2021, 3, 1), 1), advice="negative")
    move(when(dt.date(2021, 3, 1), 2), screened, "screened")
    decide(refused, when(dt.date(2021, 3, 18)), outcome="rejected")

    # the other stages of a SPUK request: adopted (award to follow), awarded (starts in April),
    # withdrawn, and a 2020 project completed
    adopted = make(
        when(dt.date(2021, 1, 26)),
        "rotterdam-rijnmond",
        "Scholing ervaringsdeskundigen Zuid-West",
        "45000",
        ["haaglanden", "zuid-holland-zuid"],
        year=2021,
    )
    awarded = make(
        when(dt.date(2021, 1, 26), 1),
        "zuid-holland-zuid",
        "Regionale expertpool complexe scheidingen",
        "80000",
        year=2021,
    )
    for i, p in enumerate((adopted, awarded)):
        screen(p, when(dt.date(2021, 2, 2), i), when(dt.date(2021, 2, 16), i), dt.date(2021, 2, 12))
        advise(p, ao_2021, when(dt.date(2021, 3, 2), i))
        decide(p, when(dt.date(2021, 3, 18), 1 + i))
    with on(when(dt.date(2021, 3, 25))):
        award_make(
            user=rotterdam,
            proposal=awarded,
            year=2021,
            amount=Decimal("80000"),
            period_start=dt.date(2021, 4, 1),
            period_end=dt.date(2021, 12, 31),
            conditions=f"Besteding volgens {fund.legal_ground[:1].lower()}{fund.legal_ground[1:]}",
        )
    withdrawn = make(
        when(dt.date(2021, 1, 27)),
        "haaglanden",
        "Inkoopverkenning gesloten jeugdhulp",
        "30000",
        year=2021,
    )
    move(when(dt.date(2021, 2, 10)), withdrawn, "withdrawn")
    finished = Proposal.objects.get(fund=fund, title=BREN_2020[-1][1])
    move(when(dt.date(2021, 1, 29)), finished, "completed")

    # seed 004 Bijlage 5: the research of the knowledge and development function, four years from
    # 2021 at EUR 159,000 a year, advised by the ambassadors at their first meeting, then decided
    ao_july = meeting(
        dt.date(2021, 6, 21),
        dt.date(2021, 7, 8),
        "Ontwikkelagenda en onderzoek BREN Zuid-West 2021",
    )
    research = make(
        when(dt.date(2021, 6, 21), 1), "rotterdam-rijnmond", RESEARCH_TITLE, "159000", year=2021
    )
    screen(research, when(dt.date(2021, 6, 23)), when(dt.date(2021, 6, 30)), dt.date(2021, 6, 30))
    advise(
        research,
        ao_july,
        when(dt.date(2021, 7, 1)),
        ambassadors=ambassador_meetings[0],
        text="Positief: het onderzoek levert de kennis- en ontwikkelfunctie van het netwerk (Bijlage 5).",
    )
    decide(research, when(dt.date(2021, 7, 20)))
    assert Proposal.objects.filter(fund=fund).count() == len(BREN_2020) + 9
