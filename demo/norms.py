"""Demo of the youth-protection norms, from the seeds to the number:

- seed 001 (plan of approach of Zuid-West): children not in time with fitting help, 124 on
  15-2-2021, 61 on 15-6-2021, 76 on 1-9-2021 (ch. 1A); children who waited longer than three months,
  72, 39, 36, 20, 26 on 15-1, 15-2, 15-3, 15-6 and 1-9 of 2021 (ch. 1); intensified supervision of six
  months after the inspection report of 5 July 2021; the eight solution lines and their planning;
- seed 000 (Doorbraakaanpak GI's, Zuid-Holland Zuid): 96 young people waiting longer than three
  months mid-November 2020, 7 at the Leger des Heils without a youth protector within six weeks,
  the selection of 10 cases (5 JB West, 3 WSG, 2 LdH);
- seed 003 (inspection report Noord-Holland and Amsterdam, ch. 4): the assessment per GI.
"""

import datetime as dt

from django.contrib.auth import get_user_model

from core.models import Municipality, Provider, Region
from demo.funds import SPUK_SLUG, TF_SLUG
from demo.timeline import on
from norms import services
from norms.models import (
    Action,
    ActionPlan,
    Area,
    InspectionAssessment,
    InspectionReport,
    Institution,
    Norm,
    NormCount,
)
from proposals.models import Award, Proposal

ZUID_WEST = "zuid-west"
ZW_REGIONS = [
    "haaglanden",
    "midden-holland",
    "holland-rijnland",
    "zuid-holland-zuid",
]  # seed 001, foreword
SUPERVISION_START = dt.date(
    2021, 7, 5
)  # seed 001: the IGJ report of 5 July; six months of intensified supervision

INSTITUTIONS = [
    ("JB West", "Jeugdbescherming west", "jb-west"),
    (
        "WSS",
        "William Schrikker Stichting Jeugdbescherming en Jeugdreclassering (seed 000: WSG)",
        "wss",
    ),
    ("LJ&R", "Leger des Heils Jeugdbescherming en Reclassering (LdH)", "ljr"),
    ("DJGB", "De Jeugd- en Gezinsbeschermers", "djgb"),
    ("JBRA", "Jeugdbescherming Regio Amsterdam", "jbra"),
    ("Briedis", "Briedis (failliet per 1 juni 2021)", "briedis"),
]

P, L = "passende-hulp-3-maanden", "langer-dan-3-maanden-gewacht"
ZW_COUNTS = [
    # seed 001 ch. 1: the table of children who waited longer than three months
    (
        dt.date(2021, 1, 15),
        L,
        72,
        "region",
        "Plan van aanpak Zuidwest, tabel langer dan drie maanden gewacht",
    ),
    (
        dt.date(2021, 2, 15),
        L,
        39,
        "region",
        "Plan van aanpak Zuidwest, tabel langer dan drie maanden gewacht",
    ),
    (
        dt.date(2021, 3, 15),
        L,
        36,
        "region",
        "Plan van aanpak Zuidwest, tabel langer dan drie maanden gewacht",
    ),
    (
        dt.date(2021, 6, 15),
        L,
        20,
        "region",
        "Plan van aanpak Zuidwest, tabel langer dan drie maanden gewacht",
    ),
    (
        dt.date(2021, 9, 1),
        L,
        26,
        "region",
        "Plan van aanpak Zuidwest, tabel langer dan drie maanden gewacht",
    ),
    # seed 001 ch. 1A: not in time with fitting help; the IGJ reported on the state of 15 February
    (
        dt.date(2021, 2, 15),
        P,
        124,
        "inspection",
        "Stand waarop de IGJ rapporteerde (plan van aanpak, 1A)",
    ),
    (dt.date(2021, 6, 15), P, 61, "region", "Plan van aanpak Zuidwest, 1A"),
    (dt.date(2021, 9, 1), P, 76, "region", "Plan van aanpak Zuidwest, 1A: in de zomer opgelopen"),
]

ASSESSMENTS = [
    # seed 003 ch. 4: norm, sub-criterion, order, GI (None: the report's total), assessed, in order
    (
        "jeugdbeschermer-5-werkdagen",
        "vaste jeugdbeschermer",
        1,
        [
            ("DJGB", 23, 19),
            ("JBRA", 21, 17),
            ("LJ&R", 5, 5),
            ("WSS", 11, 11),
            ("Briedis", 1, 1),
            (None, 61, 53),
        ],
    ),
    (
        "jeugdbeschermer-5-werkdagen",
        "tijdig (binnen vijf werkdagen)",
        2,
        [
            ("DJGB", 13, 8),
            ("JBRA", 10, 8),
            ("LJ&R", 5, 4),
            ("WSS", 3, 3),
            ("Briedis", 1, 1),
            (None, 32, 24),
        ],
    ),
    (
        "gedragen-koers-6-weken",
        "koers aanwezig",
        1,
        [("DJGB", 13, 10), ("JBRA", 11, 8), ("LJ&R", 4, 4), ("WSS", 5, 5), (None, 33, 27)],
    ),
    # The report's total (28/16) is more than its GIs' lines (26/14): the WSS's five cases are not
    # split by sub-criterion. Both are shown; nothing is made up to close the gap.
    (
        "gedragen-koers-6-weken",
        "koers tijdig (binnen zes weken)",
        2,
        [("DJGB", 13, 5), ("JBRA", 9, 6), ("LJ&R", 4, 3), (None, 28, 16)],
    ),
    (
        "gedragen-koers-6-weken",
        "koers gedragen",
        3,
        [("DJGB", 13, 10), ("JBRA", 14, 12), ("LJ&R", 4, 3), ("WSS", 5, 5), (None, 36, 30)],
    ),
    ("passende-hulp-3-maanden", "passende hulp tijdig ingezet", 1, [(None, 54, 32)]),
]

# seed 001, "Verdere uitwerking": owner, activity, result and planning per solution line.
# (line, number, owner, activity, result, planned date, reached on, at risk, provider owner slug, money)
ACTIONS = [
    (
        1,
        "1.1",
        "SOJ Zuid-Holland Zuid met het OZJ (seed 000)",
        "Selectie van 10 urgente casussen uit de 96 (richtlijn 5 JB West / 3 WSG / 2 LdH) met procesregie",
        "10 casussen geselecteerd en in procesregie",
        dt.date(2021, 1, 31),
        dt.date(2021, 1, 29),
        False,
        None,
        None,
    ),
    (
        1,
        "1.2",
        "Jeugdhulpregio's Zuidwest met GI's en experttafels",
        "Dossiers analyseren van jeugdigen die nog op passende hulp wachten; patronen delen met de betrokkenen",
        "Patronen gedeeld met de betrokkenen doorbraakaanpak",
        dt.date(2021, 10, 31),
        None,
        False,
        None,
        None,
    ),
    (
        1,
        "1.3",
        "Jeugdhulpregio's Zuidwest",
        "Regionale inzichten op de onderdelen van de doorbraakaanpak opleveren en delen",
        "Regionale inzichten gedeeld",
        dt.date(2021, 11, 30),
        None,
        False,
        None,
        "award",
    ),
    (
        1,
        "1.4",
        "Jeugdhulpregio's en regio Zuidwest",
        "Besluitvorming regionaal en bovenregionaal over de doorontwikkeling",
        "Besluit genomen; implementatie vanaf maart 2022",
        dt.date(2022, 2, 28),
        None,
        False,
        None,
        None,
    ),
    (
        2,
        "2.1",
        "Jeugdhulpregio's met verwijzers en aanbieders",
        "Analyse van ontbrekend aanbod per regio volgens één format, ook bij complexe scheidingen",
        "Regionale inzichten opgeleverd (volgens format)",
        dt.date(2021, 11, 15),
        None,
        False,
        None,
        None,
    ),
    (
        2,
        "2.2",
        "Regio Zuidwest met het BREN",
        "Bovenregionale besluitvorming over lacunes in het aanbod; het BREN inschakelen",
        "Besluit over bovenregionale lacunes",
        dt.date(2022, 4, 30),
        None,
        False,
        None,
        "spuk",
    ),
    (
        2,
        "2.3",
        "Jeugdhulp Rijnland (experttafel Holland Rijnland)",
        "Regel het, of leg uit: passende hulp regelen voor casussen aan de experttafel",
        "Elke casus aan de experttafel heeft passende hulp of een uitleg",
        dt.date(2021, 12, 31),
        None,
        False,
        "jeugdhulp-rijnland",
        None,
    ),
    (
        3,
        "3.1",
        "Regio Zuidwest",
        "Inventariseren bij welke werkprocessen bovenregionale harmonisering gewenst is",
        "Inzicht welke zaken bovenregionaal spelen",
        dt.date(2021, 12, 31),
        None,
        False,
        None,
        None,
    ),
    (
        3,
        "3.2",
        "Regio Zuidwest",
        "Uitwerken hoe we bovenregionaal vorm geven en besluiten",
        "Besluitvorming op bovenregionaal niveau",
        dt.date(2022, 3, 4),
        None,
        False,
        None,
        None,
    ),
    (
        4,
        "4.1",
        "Haaglanden, Midden-Holland, Holland Rijnland en JB West",
        "Verbeterplan en caseloadverlaging JB West voortzetten in 2022 (bestuurlijk besluit najaar 2021)",
        "Verbeterplan JB West verlengd",
        dt.date(2021, 12, 31),
        None,
        False,
        None,
        None,
    ),
    (
        4,
        "4.2",
        "Regio Zuidwest met LdH en WSS",
        "Verbeterplannen van het LdH en de WSS in de route voor bestuurlijke besluitvorming brengen",
        "Verbeterplannen LdH en WSS besloten",
        dt.date(2021, 12, 31),
        None,
        True,
        None,
        None,
    ),
    (
        5,
        "5.1",
        "Jeugdhulpregio's Zuidwest",
        "Per regio inzichtelijk maken welke bureaucratische knelpunten er zijn (woonplaatsbeginsel, 18-/18+)",
        "Per regio inzichtelijk wat de knelpunten zijn",
        dt.date(2021, 11, 15),
        None,
        False,
        None,
        None,
    ),
    (
        5,
        "5.2",
        "Regio Zuidwest",
        "Bovenregionale knelpunten en werkprocessen van een oplossing voorzien",
        "Besluitvorming over bovenregionale knelpunten",
        dt.date(2022, 3, 31),
        None,
        False,
        None,
        None,
    ),
    (
        6,
        "6.1",
        "GI's met Veilig Thuis, de RvdK en lokale teams",
        "Concreet plan voor het arbeidsmarktprobleem, met een vernieuwd functieprofiel voor de jeugdbeschermer",
        "Plan arbeidsmarkt GI's",
        dt.date(2022, 3, 31),
        None,
        True,
        None,
        None,
    ),
    (
        7,
        "7.1",
        "Regio Zuidwest",
        "Landelijke knelpunten agenderen bij VWS en JenV (wachttijden RvdK, Wlz, volwassen GGZ)",
        "Knelpunten besproken met de ministeries",
        dt.date(2021, 12, 31),
        None,
        False,
        None,
        None,
    ),
    (
        8,
        "8.1",
        "Regio Zuidwest",
        "Maandelijks de drie tellingen opvragen tijdens het verscherpt toezicht; daarna per kwartaal",
        "Tellingen per maand vastgelegd",
        dt.date(2022, 1, 5),
        None,
        False,
        None,
        None,
    ),
    (
        8,
        "8.2",
        "Regio Zuidwest",
        "Realisatie van de acties volgen met het stoplichtmodel, als basis voor de rapportage aan het Rijk",
        "Voortgangsrapportage aan het Rijk",
        dt.date(2021, 12, 31),
        None,
        False,
        None,
        None,
    ),
]
NO_DATE_IN_SEED = {
    "6.1",
    "7.1",
    "8.2",
}  # the plan names no date for these: ours, said in their notes

# What happened after the plan (our story, so the history and the lights have something to show).
LATER = [
    (
        dt.date(2021, 11, 12),
        "2.1",
        {
            "result_reached_on": dt.date(2021, 11, 12),
            "status_notes": "Alle vier regio's leverden hun inzichten volgens het format.",
        },
    ),
    (
        dt.date(2021, 11, 22),
        "1.2",
        {"status_notes": "Analyse loopt nog in twee regio's.", "at_risk": True},
    ),
    (dt.date(2022, 1, 5), "8.1", {"result_reached_on": dt.date(2022, 1, 5)}),
]


def load() -> None:
    services.norms_ensure()
    two = get_user_model().objects.filter(username="two").first()
    institutions = {
        code: Institution.objects.update_or_create(
            code=code, defaults={"name": name, "slug": slug}
        )[0]
        for code, name, slug in INSTITUTIONS
    }
    with on(dt.date(2021, 1, 4)):
        zw = _areas()
    _counts(zw, institutions, two)
    _inspection(institutions)
    _plan(zw, two)


def _areas() -> Area:
    rotterdam = Municipality.objects.filter(cbs_code="GM0599").first()
    zw, _ = Area.objects.update_or_create(
        slug=ZUID_WEST,
        defaults={
            "name": "Zuid-West",
            "kind": Area.Kind.SUPRA,
            "coordinating_municipality": rotterdam,
            "monitoring_start": SUPERVISION_START,
            "supervision_start": SUPERVISION_START,
        },
    )
    for region in Region.objects.filter(slug__in=ZW_REGIONS):
        Area.objects.update_or_create(
            region=region,
            defaults={
                "name": region.name,
                "slug": region.slug,
                "kind": Area.Kind.REGION,
                "parent": zw,
            },
        )
    Area.objects.update_or_create(
        slug="noord-holland-amsterdam",
        defaults={
            "name": "Noord-Holland en Amsterdam",
            "kind": Area.Kind.SUPRA,
        },
    )
    return zw


def _counts(zw: Area, institutions, two) -> None:
    zhz = Area.objects.get(slug="zuid-holland-zuid")
    with on(dt.date(2020, 11, 20)):  # seed 000: "De gezamenlijk GI's geven half november aan"
        services.counts_record(
            user=two,
            area=zhz,
            reference_date=dt.date(2020, 11, 15),
            counts={L: 96},
            source=NormCount.Source.GI,
            note="Doorbraakaanpak GI's: JB West, WSG en LdH samen",
        )
        services.counts_record(
            user=two,
            area=zhz,
            reference_date=dt.date(2020, 11, 15),
            counts={"jeugdbeschermer-5-werkdagen": 7},
            institution=institutions["LJ&R"],
            source=NormCount.Source.GI,
            note="niet binnen 6 weken een jeugdbeschermer toegewezen",
        )
    for day, code, count, source, note in ZW_COUNTS:
        with on(day + dt.timedelta(days=7)):
            services.counts_record(
                user=two,
                area=zw,
                reference_date=day,
                counts={code: count},
                source=source,
                note=note,
            )


def _inspection(institutions) -> None:
    area = Area.objects.get(slug="noord-holland-amsterdam")
    with on(dt.date(2021, 7, 5)):
        report, _ = InspectionReport.objects.update_or_create(
            area=area,
            published_on=dt.date(2021, 7, 5),
            defaults={
                "title": "Tijdige en passende hulp aan kinderen met een jeugdbeschermingsmaatregel: "
                "regiorapport Noord-Holland en Amsterdam (IGJ en Inspectie JenV)",
            },
        )
        norms = {n.code: n for n in Norm.objects.all()}
        for code, criterion, order, lines in ASSESSMENTS:
            for gi, assessed, in_order in lines:
                InspectionAssessment.objects.update_or_create(
                    report=report,
                    institution=institutions[gi] if gi else None,
                    norm=norms[code],
                    criterion=criterion,
                    defaults={"order": order, "assessed": assessed, "in_order": in_order},
                )


def _money(kind: str):
    if kind == "spuk":
        return {
            "proposal": Proposal.objects.filter(
                fund__slug=SPUK_SLUG, title__startswith="PAST"
            ).first()
        }
    if kind == "award":
        return {
            "award": Award.objects.filter(proposal__fund__slug=TF_SLUG).order_by("number").first()
        }
    return {}


def _plan(zw: Area, two) -> None:
    if ActionPlan.objects.filter(area=zw).exists():
        return  # the history of a plan is write-once: a second load_demo keeps the first story
    with on(dt.date(2021, 9, 30)):
        plan = ActionPlan.objects.create(
            area=zw,
            title="Uitvoeringsplan plan van aanpak jeugdbeschermingsregio Zuidwest",
            adopted_on=dt.date(2021, 9, 30),
        )
        for (
            line,
            number,
            owner,
            activity,
            result,
            planned,
            reached,
            risk,
            provider,
            money,
        ) in ACTIONS:
            notes = (
                "Planningsdatum is onze aanname: het plan van aanpak noemt er geen."
                if number in NO_DATE_IN_SEED
                else ""
            )
            fields = {
                "solution_line": line,
                "number": number,
                "owner": owner,
                "activity": activity,
                "result": result,
                "planned_date": planned,
                "result_reached_on": reached,
                "at_risk": risk,
                "status_notes": notes,
                "owner_provider": Provider.objects.filter(slug=provider).first()
                if provider
                else None,
            }
            fields.update(
                {k: v for k, v in _money(money).items() if v is not None} if money else {}
            )
            services.action_create(user=two, plan=plan, **fields)
    for day, number, changes in LATER:
        with on(day):
            services.action_update(
                user=two, action=Action.objects.get(plan=plan, number=number), **changes
            )
