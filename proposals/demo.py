"""Demo proposals for the Tijdelijk Fonds (seed 002 ch. 3) and the SPUK BREN Zuid-West (seed 004
Bijlage 4): every state, votes (one adopted by two thirds without consensus, one rejected),
awards with decision letters, and the 2020 BREN projects as SPUK awards. Idempotent.
"""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model

from accounting import services as books  # demo data: the story makes awards as TWO does
from core.demo import at, held, on
from core.models import Municipality, Provider, Region
from fund.models import Fund
from fund.selectors import municipality_weights
from proposals import services
from proposals.models import AmbassadorAdvice, Proposal, ScreeningItem
from proposals.rules import SCREENING_CRITERIA

TF_SLUG = "tijdelijk-fonds-holland-rijnland"
SPUK_SLUG = "spuk-bren-zuid-west"

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
    (dt.date(2021, 7, 16), "Eerste bijeenkomst: inrichtingsplan, thema's van juni 2021, verdeling 2021 en het onderzoek."),
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

# the applicants' answers to their fund's criteria (proposals.criteria): seed 002 §3.3, seed 004 §6.4
TF_ANSWERS = {
    "innovation": "De aanvragers vervangen losse trajecten door één gezamenlijke aanpak die in de "
    "regio nog niet bestaat.",
    "transformation_goals": "Het project brengt de doelen van 'Hart voor de Jeugd' dichterbij: "
    "eerder passende hulp, dichter bij huis, minder residentiële zorg.",
    "integrated_care": "De aanvragers werken in één team over de aangekruiste doelgroepen en "
    "zorgvormen, met één plan per gezin en afspraken in de keten.",
}
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


def _user(username):
    return get_user_model().objects.get(username=username)


def _goals(description, indicator, value, unit, date):
    return [
        services.GoalInput(
            description, [services.IndicatorInput(indicator, Decimal(value), unit, date)]
        )
    ]


def load() -> None:
    tf = Fund.objects.filter(slug=TF_SLUG).first()
    if tf is not None and not tf.proposals.exists():
        _load_tijdelijk_fonds(tf)
    spuk = Fund.objects.filter(slug=SPUK_SLUG).first()
    if spuk is not None and not spuk.proposals.exists():
        _load_spuk(spuk)
    midden_holland = Fund.objects.filter(slug=MIDDEN_HOLLAND_SLUG).first()
    if midden_holland is not None and not midden_holland.proposals.exists():
        _load_midden_holland(midden_holland)


# ---------------------------------------------------------------- Midden-Holland (demo data, not from the seeds)

MIDDEN_HOLLAND_SLUG = "transformatiefonds-midden-holland-demo"


def _load_midden_holland(fund: Fund) -> None:
    """One proposal of the second region's own fund, by its own office: Jeugdhulp Rijnland works in
    Midden-Holland too. Made up for the demo (the seeds describe no fund of Midden-Holland)."""
    staff = _user("two-midden-holland")
    rijnland = Provider.objects.get(slug="jeugdhulp-rijnland")
    with on(dt.date(2016, 10, 3)):
        proposal = services.proposal_create(
            user=staff, fund=fund, title="Gezinshuizen Midden-Holland (demo)",
            summary="Gezinshuizen met ambulante GGZ-behandeling aan huis, zodat jeugdigen niet naar een "
                    "residentiële instelling buiten de regio hoeven. Demogegevens, niet uit de seeds.",
            contact="Projectleider Jeugdhulp Rijnland", applicants=[rijnland], cells=[(1, 1), (2, 2)],
            no_waiting_list_declaration=True, requested={2016: Decimal("45000"), 2017: Decimal("90000")},
            goals=_goals("Jeugdigen blijven in de regio wonen", "Jeugdigen in een gezinshuis in de regio", "12",
                         "jeugdigen", dt.date(2017, 12, 31)),
            answers=TF_ANSWERS,
        )
    with on(dt.date(2016, 10, 10)):
        services.proposal_transition(user=staff, proposal=proposal, to_status="submitted", note="")


# ---------------------------------------------------------------- Tijdelijk Fonds Holland Rijnland


def _load_tijdelijk_fonds(fund: Fund) -> None:
    """Replayed in the order and on the dates of the story: a first proposal decided by the PHO of
    July 2016, the main round for the PHO of 23 March 2017, an open vote on the PHO of September
    2017 and new proposals in the autumn of 2017."""
    two, provider_user = _user("two"), _user("aanbieder")
    providers = {p.slug: p for p in Provider.objects.all()}
    rijnland, ggz, lvb = (
        providers["jeugdhulp-rijnland"],
        providers["ggz-leiden-jeugd"],
        providers["lvb-zorg-bollenstreek"],
    )
    end = dt.date(2019, 12, 31)

    def make(day, title, applicants, cells, amounts, goal, *, user=two, declaration=True):
        with on(day):
            return services.proposal_create(
                user=user,
                fund=fund,
                title=title,
                summary=f"{title}: een transformatieproject dat zorgvormen en doelgroepen verbindt.",
                contact="Projectleider " + applicants[0].name,
                applicants=applicants,
                cells=cells,
                no_waiting_list_declaration=declaration,
                requested={y: Decimal(a) for y, a in amounts.items()},
                goals=goal,
                answers=TF_ANSWERS,
            )

    def step(day, target, *proposals, note=""):
        for i, p in enumerate(proposals):
            with on(at(day) + dt.timedelta(minutes=5 * i)):
                p.refresh_from_db()
                services.proposal_transition(user=two, proposal=p, to_status=target, note=note)

    def meeting(created, kind, date, title):
        with on(created):
            return services.meeting_create(user=two, fund=fund, kind=kind, date=date, title=title)

    def put_on_agenda(day, meeting, *proposals):
        for i, p in enumerate(proposals):
            with on(at(day) + dt.timedelta(minutes=5 * i)):
                services.agenda_item_add(user=two, meeting=meeting, proposal=p)

    def vote(meeting, p, choices, *, close=True, note="", slot=0):
        """The portefeuillehouders vote in the meeting; TWO closes the vote at its end."""
        item = meeting.items.get(proposal=p)
        with on(at(meeting.date, 14) + dt.timedelta(minutes=20 * slot)):
            for municipality_id, choice in choices.items():
                services.vote_cast(user=pho_users[municipality_id], agenda_item=item, choice=choice)
        if not close:
            return item
        with on(at(meeting.date, 14, 15) + dt.timedelta(minutes=20 * slot)):
            return services.agenda_item_close(user=two, agenda_item=item, note=note)

    def award(day, p, year, amount, start, stop, *, letter=True, slot=0):
        with on(at(day) + dt.timedelta(minutes=10 * slot)):
            a = books.award_make(
                user=two,
                proposal=p,
                year=year,
                amount=Decimal(amount),
                period_start=start,
                period_end=stop,
                conditions="Halfjaarlijks voortgangsoverleg met de TWO Jeugdhulp.",
                advance_percent=80,
            )
            if letter:  # the decision letter goes out on the day of the award
                services.letter_issue(
                    user=two,
                    award=a,
                    addressee=f"{a.proposal.applicants.order_by('name').first().name}, t.a.v. de directie",
                    signatory="Voorzitter PHO Maatschappij Holland Rijnland, namens deze: het hoofd TWO Jeugdhulp",
                )
        return a

    weights = municipality_weights(fund=fund, year=2017)
    pho_users = {m.pk: _pho_user(m) for m in Municipality.objects.filter(pk__in=list(weights))}
    by_weight = sorted(weights, key=lambda m: (-weights[m], m))
    everyone_yes = dict.fromkeys(weights, "yes")

    # 2016: the first proposal, decided before the summer; the fund runs from 1 July 2016
    ao_2016 = meeting(
        dt.date(2016, 6, 14), "ao_jeugd", dt.date(2016, 7, 7), "Startvoorstel Tijdelijk Fonds"
    )
    pho_2016 = meeting(
        dt.date(2016, 6, 14),
        "pho_maatschappij",
        dt.date(2016, 7, 14),
        "Besluit startvoorstel Tijdelijk Fonds",
    )
    completed = make(
        dt.date(2016, 6, 15),
        "Pilot 1 gezin 1 plan: JGT en specialistische hulp",
        [rijnland, lvb],
        [(1, 1), (3, 2)],
        {2016: "80000", 2017: "60000"},
        _goals(
            "Eén plan per gezin",
            "Gezinnen met één gezamenlijk plan",
            "100",
            "gezinnen",
            dt.date(2017, 12, 31),
        ),
    )
    step(dt.date(2016, 6, 20), "submitted", completed)
    step(dt.date(2016, 6, 27), "screened", completed)
    put_on_agenda(dt.date(2016, 6, 30), ao_2016, completed)
    put_on_agenda(dt.date(2016, 7, 8), pho_2016, completed)
    vote(pho_2016, completed, everyone_yes, note="Consensus in het PHO.")
    award(
        dt.date(2016, 7, 21), completed, 2016, "80000", dt.date(2016, 9, 1), dt.date(2016, 12, 31)
    )
    step(dt.date(2016, 9, 1), "running", completed)

    # autumn 2016: the proposals of the main round
    residential = make(
        dt.date(2016, 11, 7),
        "Van residentieel naar ambulant: intensieve thuisbehandeling",
        [rijnland, ggz],
        [(1, 2), (2, 1), (2, 2)],
        {2017: "250000", 2018: "200000"},
        _goals(
            "Minder residentiële plaatsingen",
            "Jongeren thuis behandeld in plaats van opgenomen",
            "45",
            "jongeren",
            end,
        ),
    )
    awarded = make(
        dt.date(2016, 11, 14),
        "Integrale wijkteams jeugd: specialistische expertise",
        [ggz, lvb],
        [(2, 1), (3, 1), (3, 3)],
        {2017: "300000", 2018: "150000"},
        _goals(
            "Specialistische kennis in de wijkteams",
            "Consultaties in wijkteams",
            "400",
            "consultaties",
            end,
        ),
    )
    two_thirds = make(
        dt.date(2016, 11, 21),
        "Kortdurend verblijf met behandeling bij LVB en GGZ",
        [lvb, ggz],
        [(2, 2), (3, 2), (3, 1)],
        {2018: "180000"},
        _goals("Kortere verblijfsduur", "Gemiddelde verblijfsduur", "90", "dagen", end),
    )
    rejected = make(
        dt.date(2016, 11, 28),
        "Extra crisisbedden jeugd-GGZ en veiligheid",
        [ggz],
        [(2, 2), (1, 3)],
        {2018: "400000"},
        _goals("Crisisopvang zonder wachttijd", "Crisisbedden beschikbaar", "4", "bedden", end),
    )
    running_2 = make(
        dt.date(2016, 12, 5),
        "Gedragswetenschapper in het onderwijs",
        [rijnland, lvb],
        [(1, 1), (3, 1), (1, 3)],
        {2017: "70000"},
        _goals("Vroegsignalering op school", "Scholen bereikt", "25", "scholen", end),
    )
    withdrawn = make(
        dt.date(2016, 12, 12),
        "Ouderplatform jeugdhulp",
        [rijnland],
        [(1, 1), (2, 2)],
        {2018: "20000"},
        _goals("Ouders betrokken bij de transformatie", "Bijeenkomsten", "6", "bijeenkomsten", end),
    )
    open_item = make(
        dt.date(2016, 12, 19),
        "Samen sterker: jeugdbescherming en ambulante GGZ",
        [ggz, rijnland],
        [(2, 1), (1, 3)],
        {2018: "140000"},
        _goals(
            "Minder escalatie naar jeugdbescherming",
            "Jongeren zonder maatregel geholpen",
            "35",
            "jongeren",
            end,
        ),
    )

    # 2017: the second year of the pilot, the meetings of the year, the main round
    award(dt.date(2017, 1, 9), completed, 2017, "60000", dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    # A meeting is planned, with its fund overview, when its agenda goes out (about two weeks
    # before), so each overview shows the fund as it stood then.
    main_round = (residential, awarded, two_thirds, rejected, running_2, open_item)
    step(dt.date(2017, 1, 16), "submitted", withdrawn, *main_round)
    step(dt.date(2017, 2, 6), "screened", *main_round)
    step(dt.date(2017, 2, 13), "withdrawn", withdrawn, note="Opgenomen in een ander project.")
    ao = meeting(
        dt.date(2017, 2, 22), "ao_jeugd", dt.date(2017, 3, 9), "Voorstellen Tijdelijk Fonds"
    )
    put_on_agenda(dt.date(2017, 2, 23), ao, *main_round)
    pho_march = meeting(
        dt.date(2017, 3, 10),
        "pho_maatschappij",
        dt.date(2017, 3, 23),
        "Besluitvorming Tijdelijk Fonds",
    )
    put_on_agenda(dt.date(2017, 3, 10), pho_march, *main_round[:-1])

    # in the order of the agenda
    for slot, p in enumerate((residential, awarded)):
        vote(pho_march, p, everyone_yes, note="Consensus in het PHO.", slot=slot)

    # seed 002 §3.2: no consensus, yet two thirds of the weight of all members votes yes: a few
    # smaller municipalities vote no (up to a fifth of the weight), the smallest yes abstains
    choices, against = {}, Fraction(0)
    for m in by_weight[1:]:  # the largest municipality votes yes
        if against + weights[m] <= Fraction(1, 5):
            choices[m], against = "no", against + weights[m]
    choices.update({m: "yes" for m in weights if m not in choices})
    choices[next(m for m in reversed(by_weight) if choices[m] == "yes")] = "abstain"
    decision = vote(pho_march, two_thirds, choices, slot=2)
    assert decision.rule == "two_thirds", decision.rule

    # rejected: the largest municipalities vote no until more than a third of the weight is against
    choices, against = {}, Fraction(0)
    for m in by_weight:
        if against <= Fraction(1, 3):
            choices[m], against = "no", against + weights[m]
        else:
            choices[m] = "yes"
    decision = vote(pho_march, rejected, choices, slot=3)
    assert decision.rule == "rejected", decision.rule
    vote(pho_march, running_2, everyone_yes, note="Consensus in het PHO.", slot=4)

    for slot, (p, amount) in enumerate(
        ((residential, "250000"), (awarded, "300000"), (running_2, "70000"))
    ):
        award(
            dt.date(2017, 3, 30),
            p,
            2017,
            amount,
            dt.date(2017, 4, 1),
            dt.date(2017, 12, 31),
            slot=slot,
        )
    step(dt.date(2017, 4, 3), "running", residential, running_2)
    with on(at(dt.date(2017, 3, 30), 15)):  # the afwijzing goes out with the week's letters
        services.rejection_letter_issue(
            user=two,
            proposal=rejected,
            reason="Het PHO Maatschappij gaf geen bindend advies om het voorstel te honoreren: extra "
            "crisisbedden vergroten de capaciteit, maar veranderen de zorg niet (seed 002 §3.3: het fonds "
            "is geen verkapte financiering van wachtlijsten).",
            addressee="GGZ Leiden Jeugd (demo), t.a.v. de directie",
            signatory="Voorzitter PHO Maatschappij Holland Rijnland, namens deze: het hoofd TWO Jeugdhulp",
        )

    # a proposal screened after the AO of March waits for the next AO Jeugd
    screened = make(
        dt.date(2017, 5, 15),
        "Veiligheid en GGZ: gezamenlijke triage",
        [ggz, rijnland],
        [(2, 3), (1, 1)],
        {2018: "110000"},
        _goals(
            "Snellere passende hulp na een veiligheidsmelding",
            "Doorlooptijd triage",
            "10",
            "werkdagen",
            end,
        ),
    )
    step(dt.date(2017, 5, 29), "submitted", screened)
    step(dt.date(2017, 6, 19), "screened", screened)

    # on agenda with an open vote on the PHO of September
    pho_sept = meeting(
        dt.date(2017, 8, 30),
        "pho_maatschappij",
        dt.date(2017, 9, 14),
        "Tijdelijk Fonds, tweede ronde",
    )
    put_on_agenda(dt.date(2017, 8, 31), pho_sept, open_item)
    # open: the larger municipalities have voted yes, together more than two thirds of the weight;
    # Lisse and the smaller ones have not voted yet (seed 002 §3.2: who stays away is no consent)
    lisse = Municipality.objects.get(cbs_code="GM0553").pk
    choices, in_favour = {}, Fraction(0)
    for m in by_weight:
        if m != lisse and in_favour < Fraction(7, 10):
            choices[m], in_favour = "yes", in_favour + weights[m]
    item = vote(pho_sept, open_item, choices, close=False)

    # autumn 2017: new proposals for 2018
    submitted = make(
        dt.date(2017, 9, 25),
        "Gezamenlijke GGZ-LVB poli",
        [ggz, lvb],
        [(2, 1), (3, 2)],
        {2018: "90000"},
        _goals(
            "Eén poli voor jongeren met GGZ- en LVB-problematiek",
            "Jongeren behandeld",
            "60",
            "jongeren",
            end,
        ),
    )
    one_row = make(
        dt.date(2017, 9, 26),
        "Extra ambulante gezinsbegeleiding",
        [rijnland],
        [(1, 1), (1, 2)],
        {2018: "75000"},
        _goals("Meer gezinsbegeleiding", "Gezinnen begeleid", "40", "gezinnen", end),
    )
    step(dt.date(2017, 10, 2), "submitted", submitted)
    step(
        dt.date(2017, 10, 3), "submitted", one_row
    )  # fails the matrix rule: one row only; the page says why
    make(
        dt.date(2017, 10, 16),
        "Ambulante spoedhulp thuis bij LVB en gedragsproblemen",
        [rijnland, lvb],
        [(1, 1), (3, 1), (3, 3)],
        {2018: "120000"},
        _goals(
            "Spoedhulp thuis in plaats van crisisopname",
            "Crisisopnames voorkomen",
            "30",
            "opnames",
            end,
        ),
        user=provider_user,
    )

    # the awards for 2018 (no letters yet) and the pilot completed after its last payment
    for slot, (p, amount) in enumerate(((residential, "200000"), (awarded, "150000"))):
        award(
            dt.date(2017, 12, 11),
            p,
            2018,
            amount,
            dt.date(2018, 1, 1),
            dt.date(2018, 12, 31),
            letter=False,
            slot=slot,
        )
    step(dt.date(2018, 1, 15), "completed", completed)
    assert item is not None


def _pho_user(municipality: Municipality):
    from core.demo import pho_username

    return _user(pho_username(municipality))


# ---------------------------------------------------------------- SPUK BREN Zuid-West


def _load_spuk(fund: Fund) -> None:
    """The BREN projects of 2020 (AO Jeugd of 12 March 2020, awards in March) and the requests
    for 2021 on the AO Jeugd of 11 March 2021, each step on its own date."""
    rotterdam = _user("rotterdam")
    regions = {r.slug: r for r in Region.objects.all()}

    def when(day, i=0):  # requests handled one after the other on a day
        return at(day, 9) + dt.timedelta(minutes=10 * i)

    def move(moment, p, target):
        with on(moment):
            p.refresh_from_db()
            services.proposal_transition(user=rotterdam, proposal=p, to_status=target)

    def meeting(created, date, title):
        with on(created):
            return services.meeting_create(
                user=rotterdam, fund=fund, kind="ao_jeugd", date=date, title=title
            )

    def make(moment, region, title, amount, work_regions=(), year=2020):
        summary = f"Bestedingsverzoek van {regions[region].name}: {title}."
        if title.startswith("Projecten Timon"):
            summary += " " + TIMON_PROJECTS
        if title == RESEARCH_TITLE:
            summary += " " + RESEARCH_SUMMARY
        with on(moment):
            return services.proposal_create(
                user=rotterdam,
                fund=fund,
                title=title,
                summary=summary,
                contact=f"Beleidsadviseur jeugd {regions[region].name}",
                filing_region=regions[region],
                work_regions=[regions[w] for w in work_regions],
                requested={year: Decimal(amount)},
                goals=_goals(
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
                services.screening_record(
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
                services.consent_record(
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
            services.agenda_item_add(user=rotterdam, meeting=meeting, proposal=p)
        if ambassadors is None:
            return
        with on(at(ambassadors.date, 15) + (screened - at(screened.date(), 9))):
            services.advice_record(
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
            services.spuk_decide(
                user=rotterdam,
                proposal=p,
                outcome=outcome,
                note="Besluit gemeente Rotterdam, gehoord het advies van de bestuurlijk ambassadeurs." if advised
                else ("Past bij de rode draden en de prioriteiten van het landsdeel." if outcome == "adopted"
                      else "Verbreedt het bestaande aanbod in de eigen regio."),
            )

    # 2020: the spending plan of Bijlage 4
    ao = meeting(dt.date(2020, 1, 20), dt.date(2020, 3, 12), "Bestedingsplan BREN Zuid-West 2020")
    with held():  # each request from submission to award in turn: the books wait until all are done
        for i, (region, title, amount, work_regions) in enumerate(BREN_2020):
            p = make(when(dt.date(2020, 1, 27), i), region, title, amount, work_regions)
            screen(p, when(dt.date(2020, 2, 3), i), when(dt.date(2020, 2, 28), i), dt.date(2020, 2, 27))
            advise(p, ao, when(dt.date(2020, 3, 2), i))
            decide(p, when(dt.date(2020, 3, 19), i))
            with on(when(dt.date(2020, 3, 26), i)):
                a = books.award_make(
                    user=rotterdam,
                    proposal=p,
                    year=2020,
                    amount=Decimal(amount),
                    period_start=dt.date(2020, 1, 1),
                    period_end=dt.date(2020, 12, 31),
                    conditions=f"Besteding volgens {fund.legal_ground[:1].lower()}{fund.legal_ground[1:]}",
                )
                if i < 2:
                    services.letter_issue(
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
            services.ambassador_meeting_record(user=rotterdam, fund=fund, date=day, attendees=AMBASSADORS, summary=summary)
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
        books.award_make(
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
    ao_july = meeting(dt.date(2021, 6, 21), dt.date(2021, 7, 8), "Ontwikkelagenda en onderzoek BREN Zuid-West 2021")
    research = make(when(dt.date(2021, 6, 21), 1), "rotterdam-rijnmond", RESEARCH_TITLE, "159000", year=2021)
    screen(research, when(dt.date(2021, 6, 23)), when(dt.date(2021, 6, 30)), dt.date(2021, 6, 30))
    advise(research, ao_july, when(dt.date(2021, 7, 1)), ambassadors=ambassador_meetings[0],
           text="Positief: het onderzoek levert de kennis- en ontwikkelfunctie van het netwerk (Bijlage 5).")
    decide(research, when(dt.date(2021, 7, 20)))
    assert Proposal.objects.filter(fund=fund).count() == len(BREN_2020) + 9
