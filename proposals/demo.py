"""Demo proposals for the Tijdelijk Fonds (seed 002 ch. 3) and the SPUK BREN Zuid-West (seed 004
Bijlage 4): every state, votes (one adopted by two thirds without consensus, one rejected),
awards with decision letters, and the 2020 BREN projects as SPUK awards. Idempotent.
"""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model

from core.models import Municipality, Provider, Region
from fund.models import Fund
from fund.selectors import municipality_weights
from proposals import services
from proposals.models import Proposal, ScreeningItem
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
TIMON_PROJECTS = (
    "Verbetering doorgaande zorglijn 18-/18+; ontwikkeling groepsaanpak voor toenemende problematiek rondom "
    "steekincidenten; uitbreiding 'verbetering overgang gesloten naar open residentiële jeugdhulp'; verbetering en "
    "verdieping van samenwerkingsproject forensische pot; verbeteren aanpak en aanbod voor de LIV-doelgroep."
)


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


# ---------------------------------------------------------------- Tijdelijk Fonds Holland Rijnland


def _load_tijdelijk_fonds(fund: Fund) -> None:
    two, provider_user = _user("two"), _user("aanbieder")
    providers = {p.slug: p for p in Provider.objects.all()}
    rijnland, ggz, lvb = (
        providers["jeugdhulp-rijnland"],
        providers["ggz-leiden-jeugd"],
        providers["lvb-zorg-bollenstreek"],
    )
    end = dt.date(2019, 12, 31)

    def make(title, applicants, cells, amounts, goal, *, user=two, declaration=True):
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
        )

    def step(p, *targets):
        for target in targets:
            p.refresh_from_db()
            services.proposal_transition(user=two, proposal=p, to_status=target)

    make(
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
    submitted = make(
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
    step(submitted, "submitted")
    one_row = make(
        "Extra ambulante gezinsbegeleiding",
        [rijnland],
        [(1, 1), (1, 2)],
        {2018: "75000"},
        _goals("Meer gezinsbegeleiding", "Gezinnen begeleid", "40", "gezinnen", end),
    )
    step(one_row, "submitted")  # fails the matrix rule: one row only; the page says why
    screened = make(
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
    step(screened, "submitted", "screened")

    ao = services.meeting_create(
        user=two,
        fund=fund,
        kind="ao_jeugd",
        date=dt.date(2017, 3, 9),
        title="Voorstellen Tijdelijk Fonds",
    )
    pho_march = services.meeting_create(
        user=two,
        fund=fund,
        kind="pho_maatschappij",
        date=dt.date(2017, 3, 23),
        title="Besluitvorming Tijdelijk Fonds",
    )
    weights = municipality_weights(fund=fund, year=2017)
    pho_users = {m.pk: _pho_user(m) for m in Municipality.objects.filter(pk__in=list(weights))}
    by_weight = sorted(weights, key=lambda m: (-weights[m], m))

    def vote_and_close(p, choices, meeting=pho_march):
        services.agenda_item_add(user=two, meeting=ao, proposal=p)
        item = services.agenda_item_add(user=two, meeting=meeting, proposal=p)
        for municipality_id, choice in choices.items():
            services.vote_cast(user=pho_users[municipality_id], agenda_item=item, choice=choice)
        return item

    residential = make(
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
    completed = make(
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
    two_thirds = make(
        "Kortdurend verblijf met behandeling bij LVB en GGZ",
        [lvb, ggz],
        [(2, 2), (3, 2), (3, 1)],
        {2018: "180000"},
        _goals("Kortere verblijfsduur", "Gemiddelde verblijfsduur", "90", "dagen", end),
    )
    rejected = make(
        "Extra crisisbedden jeugd-GGZ en veiligheid",
        [ggz],
        [(2, 2), (1, 3)],
        {2018: "400000"},
        _goals("Crisisopvang zonder wachttijd", "Crisisbedden beschikbaar", "4", "bedden", end),
    )
    running_2 = make(
        "Gedragswetenschapper in het onderwijs",
        [rijnland, lvb],
        [(1, 1), (3, 1), (1, 3)],
        {2017: "70000"},
        _goals("Vroegsignalering op school", "Scholen bereikt", "25", "scholen", end),
    )
    withdrawn = make(
        "Ouderplatform jeugdhulp",
        [rijnland],
        [(1, 1), (2, 2)],
        {2018: "20000"},
        _goals("Ouders betrokken bij de transformatie", "Bijeenkomsten", "6", "bijeenkomsten", end),
    )
    step(withdrawn, "submitted")
    withdrawn.refresh_from_db()
    services.proposal_transition(
        user=two, proposal=withdrawn, to_status="withdrawn", note="Opgenomen in een ander project."
    )

    everyone_yes = dict.fromkeys(weights, "yes")
    for p in (residential, awarded, completed, running_2):
        step(p, "submitted", "screened")
        item = vote_and_close(p, everyone_yes)
        services.agenda_item_close(user=two, agenda_item=item, note="Consensus in het PHO.")

    # seed 002 §3.2: no consensus, yet two thirds of the weighted votes
    step(two_thirds, "submitted", "screened")
    choices, against = {}, Fraction(0)
    for m in by_weight[
        1:
    ]:  # fill "no" up to about 30% of the weight, the largest municipality votes yes
        if against + weights[m] <= Fraction(3, 10):
            choices[m], against = "no", against + weights[m]
    choices.update({m: "yes" for m in weights if m not in choices})
    choices[next(m for m in reversed(by_weight) if choices[m] == "yes")] = "abstain"
    decision = services.agenda_item_close(user=two, agenda_item=vote_and_close(two_thirds, choices))
    assert decision.rule == "two_thirds", decision.rule

    # rejected: the largest municipalities vote no until more than a third of the weight is against
    step(rejected, "submitted", "screened")
    choices, against = {}, Fraction(0)
    for m in by_weight:
        if against <= Fraction(1, 3):
            choices[m], against = "no", against + weights[m]
        else:
            choices[m] = "yes"
    services.agenda_item_close(user=two, agenda_item=vote_and_close(rejected, choices))

    # on agenda with an open vote on the next PHO
    pho_sept = services.meeting_create(
        user=two,
        fund=fund,
        kind="pho_maatschappij",
        date=dt.date(2017, 9, 14),
        title="Tijdelijk Fonds, tweede ronde",
    )
    open_item = make(
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
    step(open_item, "submitted", "screened")
    item = vote_and_close(
        open_item, {by_weight[0]: "yes", by_weight[1]: "yes", by_weight[2]: "no"}, meeting=pho_sept
    )

    def award(p, year, amount, start, stop):
        return services.award_create(
            user=two,
            proposal=p,
            year=year,
            amount=Decimal(amount),
            period_start=start,
            period_end=stop,
            conditions="Halfjaarlijks voortgangsoverleg met de TWO Jeugdhulp.",
        )

    signatory = "Voorzitter PHO Maatschappij Holland Rijnland, namens deze: het hoofd TWO Jeugdhulp"
    letters = [
        award(completed, 2016, "80000", dt.date(2016, 9, 1), dt.date(2016, 12, 31)),
        award(completed, 2017, "60000", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        award(residential, 2017, "250000", dt.date(2017, 4, 1), dt.date(2017, 12, 31)),
        award(awarded, 2017, "300000", dt.date(2017, 4, 1), dt.date(2017, 12, 31)),
        award(running_2, 2017, "70000", dt.date(2017, 4, 1), dt.date(2017, 12, 31)),
        award(residential, 2018, "200000", dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
        award(awarded, 2018, "150000", dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
    ]
    for a in letters[:5]:
        services.letter_issue(
            user=two,
            award=a,
            addressee=f"{a.proposal.applicants.order_by('name').first().name}, t.a.v. de directie",
            signatory=signatory,
        )
    step(residential, "running")
    step(running_2, "running")
    step(completed, "running", "completed")
    assert item is not None


def _pho_user(municipality: Municipality):
    from core.demo import pho_username

    return _user(pho_username(municipality))


# ---------------------------------------------------------------- SPUK BREN Zuid-West


def _load_spuk(fund: Fund) -> None:
    rotterdam = _user("rotterdam")

    def move(p, target):
        p.refresh_from_db()
        services.proposal_transition(user=rotterdam, proposal=p, to_status=target)

    regions = {r.slug: r for r in Region.objects.all()}
    ao = services.meeting_create(
        user=rotterdam,
        fund=fund,
        kind="ao_jeugd",
        date=dt.date(2020, 3, 12),
        title="Bestedingsplan BREN Zuid-West 2020",
    )

    def make(region, title, amount, work_regions=(), year=2020):
        summary = f"Bestedingsverzoek van {regions[region].name}: {title}."
        if title.startswith("Projecten Timon"):
            summary += " " + TIMON_PROJECTS
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
        )

    def screen(p, verdict="met", only=None):
        move(p, "submitted")
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
                given_on=dt.date(2020, 2, 27),
                note="Schriftelijke instemming",
            )

    def decide(p, outcome="adopted", advice="positive"):
        move(p, "screened")
        services.agenda_item_add(user=rotterdam, meeting=ao, proposal=p)
        services.advice_record(
            user=rotterdam,
            proposal=p,
            advice=advice,
            ambassadors="Bestuurlijk ambassadeurs BREN Zuid-West",
            text="Past bij de rode draden en de prioriteiten van het landsdeel."
            if advice == "positive"
            else "Verbreedt het bestaande aanbod in de eigen regio.",
        )
        services.spuk_decide(
            user=rotterdam,
            proposal=p,
            outcome=outcome,
            note="Besluit gemeente Rotterdam, gehoord het advies van de bestuurlijk ambassadeurs.",
        )

    for i, (region, title, amount, work_regions) in enumerate(BREN_2020):
        p = make(region, title, amount, work_regions)
        screen(p)
        decide(p)
        a = services.award_create(
            user=rotterdam,
            proposal=p,
            year=2020,
            amount=Decimal(amount),
            period_start=dt.date(2020, 1, 1),
            period_end=dt.date(2020, 12, 31),
            conditions="Besteding volgens de Regeling specifieke uitkering randvoorwaardelijke functies jeugdhulp.",
        )
        if i < 2:
            services.letter_issue(
                user=rotterdam,
                award=a,
                addressee=f"Jeugdhulpregio {regions[region].name}",
                signatory="Wethouder Jeugd gemeente Rotterdam",
            )
        move(p, "running")

    make(
        "holland-rijnland", "Kennisdeling complexe casuïstiek Holland Rijnland", "60000", year=2021
    )  # draft
    partial = make(
        "zuid-holland-zuid", "Doorbraakaanpak LIV-doelgroep", "120000", ["haaglanden"], year=2021
    )
    screen(
        partial, only=SCREENING_CRITERIA[:3]
    )  # submitted; lawfulness not yet assessed, consent recorded
    screened = make("haaglanden", "Bouwteam verbinding Wlz en jeugdhulp", "150000", year=2021)
    screen(screened)
    move(screened, "screened")
    waiting = make("midden-holland", "Expertteam-uren en vacatiegelden 2021", "90000", year=2021)
    screen(waiting)
    move(waiting, "screened")
    services.agenda_item_add(user=rotterdam, meeting=ao, proposal=waiting)
    services.advice_record(
        user=rotterdam,
        proposal=waiting,
        advice="positive",
        ambassadors="Bestuurlijk ambassadeurs BREN Zuid-West",
        text="Positief; de coördinerende gemeente besluit.",
    )
    refused = make(
        "rotterdam-rijnmond", "Uitbreiding eigen ambulant aanbod Rijnmond", "200000", year=2021
    )
    screen(refused)
    decide(refused, outcome="rejected", advice="negative")
    assert Proposal.objects.filter(fund=fund).count() == len(BREN_2020) + 5
