"""Demo proposals of the regional transformation funds: the Tijdelijk Fonds Holland Rijnland
(seed 002 ch. 3) in every state, with votes (one adopted by two thirds without consensus, one
rejected) and awards with decision letters, and one proposal of Midden-Holland's own fund (demo
data, not from the seeds). The SPUK's requests are demo.spuk. Idempotent.
"""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model

from accounting.services.awards import award_make  # demo data: the story makes awards as TWO does
from core.models import Municipality, Provider
from demo.funds import MIDDEN_HOLLAND_SLUG, TF_SLUG
from demo.organisations import pho_username
from demo.timeline import at, on
from fund.models import Fund
from fund.selectors import municipality_weights
from proposals.services import intake as intake_services
from proposals.services import letters as letter_services
from proposals.services import meetings as meeting_services
from proposals.services import screening as screening_services

# the applicants' answers to their fund's criteria (proposals.criteria): seed 002 §3.3
TF_ANSWERS = {
    "innovation": "De aanvragers vervangen losse trajecten door één gezamenlijke aanpak die in de "
    "regio nog niet bestaat.",
    "transformation_goals": "Het project brengt de doelen van 'Hart voor de Jeugd' dichterbij: "
    "eerder passende hulp, dichter bij huis, minder residentiële zorg.",
    "integrated_care": "De aanvragers werken in één team over de aangekruiste doelgroepen en "
    "zorgvormen, met één plan per gezin en afspraken in de keten.",
}


def user_named(username):
    return get_user_model().objects.get(username=username)


def goals(description, indicator, value, unit, date):
    return [
        intake_services.GoalInput(
            description, [intake_services.IndicatorInput(indicator, Decimal(value), unit, date)]
        )
    ]


def load_tijdelijk_fonds() -> None:
    fund = Fund.objects.filter(slug=TF_SLUG).first()
    if fund is not None and not fund.proposals.exists():
        _load_tijdelijk_fonds(fund)


def load_midden_holland() -> None:
    fund = Fund.objects.filter(slug=MIDDEN_HOLLAND_SLUG).first()
    if fund is not None and not fund.proposals.exists():
        _load_midden_holland(fund)


# ---------------------------------------------------------------- Midden-Holland (demo data, not from the seeds)


def _load_midden_holland(fund: Fund) -> None:
    """One proposal of the second region's own fund, by its own office: Jeugdhulp Rijnland works in
    Midden-Holland too. Made up for the demo (the seeds describe no fund of Midden-Holland)."""
    staff = user_named("two-midden-holland")
    rijnland = Provider.objects.get(slug="jeugdhulp-rijnland")
    with on(dt.date(2016, 10, 3)):
        proposal = intake_services.proposal_create(
            user=staff,
            fund=fund,
            title="Gezinshuizen Midden-Holland (demo)",
            summary="Gezinshuizen met ambulante GGZ-behandeling aan huis, zodat jeugdigen niet naar een "
            "residentiële instelling buiten de regio hoeven. Demogegevens, niet uit de seeds.",
            contact="Projectleider Jeugdhulp Rijnland",
            applicants=[rijnland],
            cells=[(1, 1), (2, 2)],
            no_waiting_list_declaration=True,
            requested={2016: Decimal("45000"), 2017: Decimal("90000")},
            goals=goals(
                "Jeugdigen blijven in de regio wonen",
                "Jeugdigen in een gezinshuis in de regio",
                "12",
                "jeugdigen",
                dt.date(2017, 12, 31),
            ),
            answers=TF_ANSWERS,
        )
    with on(dt.date(2016, 10, 10)):
        screening_services.proposal_transition(
            user=staff, proposal=proposal, to_status="submitted", note=""
        )


# ---------------------------------------------------------------- Tijdelijk Fonds Holland Rijnland


def _load_tijdelijk_fonds(fund: Fund) -> None:
    """Replayed in the order and on the dates of the story: a first proposal decided by the PHO of
    July 2016, the main round for the PHO of 23 March 2017, an open vote on the PHO of September
    2017 and new proposals in the autumn of 2017."""
    two, provider_user = user_named("two"), user_named("aanbieder")
    providers = {p.slug: p for p in Provider.objects.all()}
    rijnland, ggz, lvb = (
        providers["jeugdhulp-rijnland"],
        providers["ggz-leiden-jeugd"],
        providers["lvb-zorg-bollenstreek"],
    )
    end = dt.date(2019, 12, 31)

    def make(day, title, applicants, cells, amounts, goal, *, user=two, declaration=True):
        with on(day):
            return intake_services.proposal_create(
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
                screening_services.proposal_transition(
                    user=two, proposal=p, to_status=target, note=note
                )

    def meeting(created, kind, date, title):
        with on(created):
            return meeting_services.meeting_create(
                user=two, fund=fund, kind=kind, date=date, title=title
            )

    def put_on_agenda(day, meeting, *proposals):
        for i, p in enumerate(proposals):
            with on(at(day) + dt.timedelta(minutes=5 * i)):
                meeting_services.agenda_item_add(user=two, meeting=meeting, proposal=p)

    def vote(meeting, p, choices, *, close=True, note="", slot=0):
        """The portefeuillehouders vote in the meeting; TWO closes the vote at its end."""
        item = meeting.items.get(proposal=p)
        with on(at(meeting.date, 14) + dt.timedelta(minutes=20 * slot)):
            for municipality_id, choice in choices.items():
                meeting_services.vote_cast(
                    user=pho_users[municipality_id], agenda_item=item, choice=choice
                )
        if not close:
            return item
        with on(at(meeting.date, 14, 15) + dt.timedelta(minutes=20 * slot)):
            return meeting_services.agenda_item_close(user=two, agenda_item=item, note=note)

    def award(day, p, year, amount, start, stop, *, letter=True, slot=0):
        with on(at(day) + dt.timedelta(minutes=10 * slot)):
            a = award_make(
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
                letter_services.letter_issue(
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
        goals(
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
        goals(
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
        goals(
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
        goals("Kortere verblijfsduur", "Gemiddelde verblijfsduur", "90", "dagen", end),
    )
    rejected = make(
        dt.date(2016, 11, 28),
        "Extra crisisbedden jeugd-GGZ en veiligheid",
        [ggz],
        [(2, 2), (1, 3)],
        {2018: "400000"},
        goals("Crisisopvang zonder wachttijd", "Crisisbedden beschikbaar", "4", "bedden", end),
    )
    running_2 = make(
        dt.date(2016, 12, 5),
        "Gedragswetenschapper in het onderwijs",
        [rijnland, lvb],
        [(1, 1), (3, 1), (1, 3)],
        {2017: "70000"},
        goals("Vroegsignalering op school", "Scholen bereikt", "25", "scholen", end),
    )
    withdrawn = make(
        dt.date(2016, 12, 12),
        "Ouderplatform jeugdhulp",
        [rijnland],
        [(1, 1), (2, 2)],
        {2018: "20000"},
        goals("Ouders betrokken bij de transformatie", "Bijeenkomsten", "6", "bijeenkomsten", end),
    )
    open_item = make(
        dt.date(2016, 12, 19),
        "Samen sterker: jeugdbescherming en ambulante GGZ",
        [ggz, rijnland],
        [(2, 1), (1, 3)],
        {2018: "140000"},
        goals(
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
        letter_services.rejection_letter_issue(
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
        goals(
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
        goals(
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
        goals("Meer gezinsbegeleiding", "Gezinnen begeleid", "40", "gezinnen", end),
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
        goals(
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
    return user_named(pho_username(municipality))
