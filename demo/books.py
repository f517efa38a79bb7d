"""Demo books: contributions charged and received, the demo awards committed, payments and a
refund, the providers' knelpunten budgets paid (one partly released), settlement groups (seed 002
§3.2.7) with the early Alphen/Kaag settlement confirmed, the SPUK 2020 division of seed 004
Bijlage 4, region reports and an evaluation. Idempotent.

Every booking is made on its own date. `plan()` runs before the meetings are replayed and plans
the bookings in the one timeline of the demo (demo.timeline.later), so each meeting's fund overview,
kept when the meeting is planned, shows the books of that day; `load()` runs after the other stories
for what needs their rows (the providers' payments, region reports)."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from accounting.models import (
    PAYMENT_KINDS,
    BudgetPart,
    EntryKind,
    IndicatorResult,
    JournalEntry,
    RegionReport,
    SettlementGroup,
    SettlementGroupMember,
    SpukBudgetDivision,
    SpukBudgetLine,
    SpukExplanation,
    VacationFee,
)
from accounting.services.awards import (
    budget_commitment_release,
    budget_payment_make,
    payment_make,
    refund_receive,
)
from accounting.services.ledger import (
    contribution_receive,
    contributions_charge,
    grant_committed,
    grant_outstanding,
    tranche_recalculate_definitive,
)
from accounting.services.monitoring import region_report_deliver
from accounting.services.settlement import settlement_confirm
from accounting.services.spuk import (
    DivisionLineInput,
    spuk_division_adopt,
    spuk_division_save,
    vacation_fee_pay,
)
from allocations.models import BudgetRequest, RequestStatus
from bren.models import BuildingTeam
from core.models import Municipality, Region
from demo.funds import KNELPUNTEN_SLUG, SPUK_SLUG, TF_SLUG, circular_loaded_on
from demo.timeline import at, later, load_json, on
from fund.models import BudgetCircular, Contribution, Fund
from proposals.models import Award, PerformanceIndicator, Proposal

ALPHEN, KAAG = "GM0484", "GM1884"
NOT_YET_PAID_2018 = ("GM0546", "GM0537")  # Leiden and Katwijk: 2018 still to receive in the demo

# seed 004 Bijlage 4: begroting middelen 2020 (part, label, region, amount, title of the demo project)
BIJLAGE_4 = [
    (
        BudgetPart.THEME,
        "PAST, harmonicavoorziening, innovatie verblijfszorg (VIDEO)",
        "midden-holland",
        "446644",
        "PAST, harmonicavoorziening",
    ),
    (
        BudgetPart.THEME,
        "Project Mockingbird (innovatie pleegzorg)",
        "midden-holland",
        "285000",
        "Project Mockingbird",
    ),
    (
        BudgetPart.THEME,
        "Project Jongvolwassenen Midden-Holland",
        "midden-holland",
        "45000",
        "Project Jongvolwassenen",
    ),
    (BudgetPart.THEME, "Ombuigcoördinator Haaglanden", "haaglanden", "80000", "Ombuigcoördinator"),
    (
        BudgetPart.THEME,
        "Totaal projecten Timon (vijf projecten; de bedragen per project bepaalt Timon met ZHZ en Rijnmond)",
        "rotterdam-rijnmond",
        "751056",
        "Projecten Timon",
    ),
    # not only the project leader (1a): the hours of the RET chairs, project lead and project support
    (
        BudgetPart.PROCESS_COORDINATION,
        "Coördinatie-/proceskosten gemeente Rotterdam (uren voorzitters RET's, projectleiding en projectondersteuning)",
        "rotterdam-rijnmond",
        "102300",
        "Coördinatie- en proceskosten",
    ),
]
# seed 004 Bijlage 5: the research proposal of the knowledge and development function, four years
# from 2021, EUR 159,000 a year in six lines (part 3, leren en ontwikkelen)
RESEARCH_LINES = [
    ("Onderzoek: een postdoc onderzoeker", "75000"),
    ("Onderzoek: een onderzoeker", "45000"),
    ("Onderzoek: bijdrage gezinnen (initieel interview + elke 6 maanden contact)", "10000"),
    ("Onderzoek: bijdrage professionals (per jongere 4 uur, € 200 à 50 jongeren)", "10000"),
    ("Onderzoek: vacatiegelden leerbijeenkomsten (2 keer per jaar, 10 experts)", "4000"),
    ("Onderzoek: materiële kosten", "15000"),
]
RESEARCH_YEARS = (2021, 2022, 2023, 2024)
# The 2021 division (seed 004 §6.4; the seed gives the parts and the 10% rules, not the amounts: the
# process costs and theme budgets below are the demo's). It adds up to the grant of 4,680,380:
# process 350,000; themes 3,703,342 of which 370,334 (10%) unforeseen; learning 159,000 (the research
# of Bijlage 5); unforeseen 468,038 (10%).
DIVISION_2021 = [
    (BudgetPart.PROCESS_LEADER, "Projectleider BREN 2021", "110000", None),
    (BudgetPart.PROCESS_CHAIRS, "Uren voorzitters regionale expertteams 2021", "95000", None),
    (BudgetPart.PROCESS_BUILDING_TEAMS, "Uren deelnemers bouwteams 2021", "85000", None),
    (BudgetPart.PROCESS_EXPERTS, "Vacatiegelden experts 2021", "40000", None),
    (BudgetPart.PROCESS_COMMUNICATION, "Communicatie (nieuwsbrief, platforms) 2021", "20000", None),
    (
        BudgetPart.THEME,
        "Regionale expertpool complexe scheidingen",
        "80000",
        "Regionale expertpool",
    ),
    (
        BudgetPart.THEME,
        "Scholing ervaringsdeskundigen Zuid-West",
        "45000",
        "Scholing ervaringsdeskundigen",
    ),
    (
        BudgetPart.THEME,
        "Thema 1: nabijheid en kleinschaligheid in de hulpverlening (bouwteam)",
        "802002",
        None,
    ),
    (BudgetPart.THEME, "Thema 2: wachtlijstproblematiek (bouwteam)", "802002", None),
    (
        BudgetPart.THEME,
        "Thema 3: doorlopende lijn forensische doelgroep (bouwteam)",
        "802002",
        None,
    ),
    (BudgetPart.THEME, "Thema 4: hoogspecialistische zorgvragen (bouwteam)", "802002", None),
    (BudgetPart.THEME_UNFORESEEN, "Thema's: onvoorzien, niet toebedeeld (10%)", "370334", None),
    *[
        (BudgetPart.LEARNING, label, amount, "Onderzoek kennis- en ontwikkelfunctie")
        for label, amount in RESEARCH_LINES
    ],
    (BudgetPart.UNFORESEEN, "Onvoorzien (10%)", "468038", None),
]
AMBASSADORS_FIRST_MEETING = dt.date(2021, 7, 16)  # seed 004 H10
DIVISION_2021_ADOPTED = dt.date(
    2021, 7, 22
)  # Rotterdam decides after the ambassadors' advice of 16 July
DEVIATION_2020 = (
    "De begroting 2020 (inrichtingsplan Bijlage 4) is vastgesteld vóór de verdeling van §6.4 gold; er is in 2020 geen "
    "post onvoorzien opgenomen. Besluit van de gemeente Rotterdam alleen: de bestuurlijk ambassadeurs kwamen pas op "
    "16-7-2021 voor het eerst bijeen."
)


def _replay(steps) -> None:
    """Run (moment, step) pairs in the order of their moments, each on its own moment."""
    for moment, step in sorted(steps, key=lambda s: s[0]):
        with on(moment):
            step()


def _booked(day: dt.date, *after) -> dt.datetime:
    """When a booking dated `day` was made: that day, or just after the rows it needs (an award
    can be committed with a booking date before the day it was made)."""
    return max([at(day, 9), *(moment + dt.timedelta(hours=1) for moment in after)])


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def plan() -> None:
    """Before the meetings are replayed (demo.proposals, demo.spuk): plan the bookings on their dates
    (demo.timeline.later), so that each meeting's fund overview shows the books of its day. An award
    is committed by the service that makes it (accounting.services.awards.award_make)."""
    two, rotterdam = _user("two"), _user("rotterdam")
    tf = Fund.objects.filter(slug=TF_SLUG).first()
    if tf is not None and not JournalEntry.objects.filter(fund=tf).exists():
        _plan(_tijdelijk_fonds_steps(tf, two))
    knelpunten = Fund.objects.filter(slug=KNELPUNTEN_SLUG).first()
    if (
        knelpunten is not None
        and not JournalEntry.objects.filter(
            fund=knelpunten, kind=EntryKind.CONTRIBUTION_CHARGED
        ).exists()
    ):
        _plan(_charge_and_receive(knelpunten, two))
    spuk = Fund.objects.filter(slug=SPUK_SLUG).first()
    if spuk is not None and not SpukBudgetDivision.objects.filter(fund=spuk).exists():
        _plan(_spuk_steps(spuk, rotterdam))


def load() -> None:
    """After the other stories: what needs their rows (region reports, the knelpunten fund's groups)."""
    knelpunten = Fund.objects.filter(slug=KNELPUNTEN_SLUG).first()
    if knelpunten is not None:
        _fixture_settlement_groups(knelpunten)
        # the providers' budgets are granted in demo.budgets: pay them, each on its date
        if not JournalEntry.objects.filter(fund=knelpunten, kind__in=PAYMENT_KINDS).exists():
            _replay(_provider_payments(knelpunten, _user("two")))
    spuk = Fund.objects.filter(slug=SPUK_SLUG).first()
    if spuk is not None and not RegionReport.objects.filter(proposal__fund=spuk).exists():
        _replay(_region_reports(spuk))
    if spuk is not None and not VacationFee.objects.filter(fund=spuk).exists():
        _replay(_vacation_fees(spuk, _user("rotterdam")))


def _plan(steps) -> None:
    for moment, step in steps:
        later(moment, step)


def _provider_payments(fund, two):
    """seed 002 §2.2: the providers' budgets granted from the knelpunten fund are paid in 2016, once
    the municipalities are charged (15 July). Jeugdhulp Rijnland in two advances up to the 97% its
    forecasts show, the rest of its budget released at the end of the year; GGZ Leiden Jeugd
    monthly from August; LVB Zorg Bollenstreek in two instalments. Those two go over their budget
    (amber, red) and are paid their whole budget, no more."""
    requests = {
        r.provider.slug: r
        for r in BudgetRequest.objects.filter(
            fund=fund, year=2016, status__in=[RequestStatus.GRANTED, RequestStatus.PARTLY_GRANTED]
        ).select_related("provider")
    }
    steps = []

    def pay(slug, share, day, *, final=False, note=""):
        if (request := requests.get(slug)) is not None:
            steps.append(
                (
                    _booked(day),
                    lambda: budget_payment_make(
                        budget_request=request,
                        user=two,
                        final=final,
                        booked_on=day,
                        note=note,
                        amount=(grant_committed(request) * Decimal(share)).quantize(
                            Decimal("0.01")
                        ),
                    ),
                )
            )

    pay("jeugdhulp-rijnland", "0.50", dt.date(2016, 8, 1), note="eerste termijn")
    pay(
        "jeugdhulp-rijnland", "0.47", dt.date(2016, 12, 1), note="tweede termijn, naar de prognoses"
    )
    if (request := requests.get("jeugdhulp-rijnland")) is not None:
        steps.append(
            (
                _booked(dt.date(2016, 12, 30)),
                lambda: budget_commitment_release(
                    budget_request=request,
                    user=two,
                    booked_on=dt.date(2016, 12, 30),
                    amount=grant_outstanding(request),
                    reason="Niet benut in 2016: de aanbieder bleef volgens de prognoses onder het budget",
                ),
            )
        )
    for month in range(8, 13):
        pay(
            "ggz-leiden-jeugd",
            "0.2",
            dt.date(2016, month, 1),
            final=month == 12,
            note=f"termijn {month - 7} van 5",
        )
    pay("lvb-zorg-bollenstreek", "0.5", dt.date(2016, 8, 1), note="eerste termijn")
    pay("lvb-zorg-bollenstreek", "0.5", dt.date(2016, 12, 20), final=True, note="tweede termijn")
    return steps


def _charge_and_receive(fund, user, skip=(), charge_all_on=None):
    """Charge each year's contributions in January of the year (or all of them on `charge_all_on`)
    and receive them in March; what is received is what the contribution says on that day."""
    steps = []
    for tranche in fund.tranches.order_by("year"):
        # 2016: the contributions follow from the Meicirculaire 2016 (computed in June 2016)
        charged_on, received_on = (
            (dt.date(2016, 7, 15), dt.date(2016, 9, 1))
            if tranche.year == 2016
            else (dt.date(tranche.year, 1, 15), dt.date(tranche.year, 3, 1))
        )
        charged_on = charge_all_on or charged_on
        steps.append(
            (
                _booked(charged_on),
                lambda t=tranche, d=charged_on: contributions_charge(
                    tranche=t, user=user, booked_on=d
                ),
            )
        )
        if tranche.year >= 2019:
            continue  # the last year's contributions are still to be received
        for c in tranche.contributions.select_related("municipality"):
            if tranche.year == 2018 and c.municipality.cbs_code in skip:
                continue
            steps.append(
                (
                    _booked(received_on),
                    lambda t=tranche, c=c, d=received_on: contribution_receive(
                        fund=fund,
                        year=t.year,
                        municipality=c.municipality,
                        user=user,
                        booked_on=d,
                        amount=Contribution.objects.get(pk=c.pk).amount.amount,
                    ),
                )
            )  # definitive by then, if recalculated
    return steps


def _recalculations(fund, two):
    """seed 002 besluitpunt 3b: 2018 becomes definitive on the Meicirculaire 2017 and 2019 on the
    Meicirculaire 2018, a week after each circular is read; each municipality's difference with
    the provisional contribution charged in 2016 is booked as an extra charge or a refund."""
    steps = []
    for year, slug in ((2018, "meicirculaire-2017"), (2019, "meicirculaire-2018")):
        circular = BudgetCircular.objects.filter(slug=slug).first()
        tranche = fund.tranches.filter(year=year, status="provisional").first()
        if circular is None or tranche is None:
            continue
        day = circular_loaded_on(circular.published_year) + dt.timedelta(days=7)
        steps.append(
            (
                at(day, 14),
                lambda t=tranche, c=circular, d=day: tranche_recalculate_definitive(
                    tranche=t,
                    circular=c,
                    user=two,
                    booked_on=d,
                    note=f"Definitief op de {c} (besluitpunt 3b); verschil per gemeente geboekt",
                ),
            )
        )
    return steps


def _tijdelijk_fonds_steps(fund, two):
    # the councils adopted all four fillings with the fund (seed 002 besluitpunt 3a): TWO charges
    # them at once, 2018 and 2019 on their provisional figures; each year is paid in its March
    steps = _charge_and_receive(
        fund, two, skip=NOT_YET_PAID_2018, charge_all_on=dt.date(2016, 7, 15)
    )
    steps += _recalculations(fund, two)

    def pay(prefix, year, amount, final, day, note=""):
        steps.append(
            (
                at(day, 9),
                lambda: payment_make(
                    award=_award(fund, prefix, year),
                    amount=Decimal(amount),
                    final=final,
                    user=two,
                    booked_on=day,
                    note=note,
                ),
            )
        )

    pay("Pilot 1 gezin 1 plan", 2016, "80000", True, dt.date(2016, 12, 20))
    pay("Pilot 1 gezin 1 plan", 2017, "55000", True, dt.date(2017, 12, 20), note="5.000 niet nodig")
    pay("Van residentieel naar ambulant", 2017, "150000", False, dt.date(2017, 4, 15))
    pay("Van residentieel naar ambulant", 2017, "100000", True, dt.date(2017, 12, 20))
    pay("Van residentieel naar ambulant", 2018, "120000", False, dt.date(2018, 2, 1))
    pay("Integrale wijkteams jeugd", 2017, "200000", False, dt.date(2017, 4, 15))
    steps.append(
        (
            at(dt.date(2018, 3, 1), 9),
            lambda: refund_receive(
                award=_award(fund, "Integrale wijkteams jeugd", 2017),
                amount=Decimal("10000"),
                user=two,
                booked_on=dt.date(2018, 3, 1),
                reason="Niet bestede uren wijkteams 2017",
            ),
        )
    )
    pay("Gedragswetenschapper in het onderwijs", 2017, "35000", False, dt.date(2017, 5, 1))
    # the early group is settled once 2016 is closed; the results are evaluated after the term
    steps.append((at(dt.date(2017, 2, 15), 14), lambda: _settlement_groups(fund, two)))
    for year, day in EVALUATED_ON.items():
        steps.append((at(day), lambda y=year: _evaluation(fund, two, y)))
    return steps


def _award(fund, prefix, year):
    """The award the story made by now (a step that needs one runs after it is made)."""
    award = Award.objects.filter(
        proposal__fund=fund, proposal__title__startswith=prefix, year=year
    ).first()
    if award is None:
        raise LookupError(f"demo: no award {year} for {prefix!r} yet")
    return award


def _settlement_groups(fund, two) -> None:
    """seed 002 §3.2.7: Alphen aan den Rijn and Kaag en Braassem settle 2016 at the end of 2016;
    their Veiligheid part (2017 on) and everything of the others after the full term."""
    special = list(Municipality.objects.filter(cbs_code__in=[ALPHEN, KAAG]))
    early, _ = SettlementGroup.objects.get_or_create(
        fund=fund,
        name="Alphen aan den Rijn en Kaag en Braassem 2016",
        defaults={
            "settle_after": dt.date(2016, 12, 31),
            "note": "Seed 002 §3.2.7: afrekening einde 2016",
        },
    )
    final, _ = SettlementGroup.objects.get_or_create(
        fund=fund,
        name="Eindafrekening na 3,5 jaar",
        defaults={
            "settle_after": fund.term_end,
            "note": "Seed 002 §3.2.6: afrekening na afloop; Alphen en Kaag: Veiligheid",
        },
    )
    for m in special:
        SettlementGroupMember.objects.get_or_create(
            group=early, municipality=m, defaults={"from_year": 2016, "to_year": 2016}
        )
        SettlementGroupMember.objects.get_or_create(
            group=final, municipality=m, defaults={"from_year": 2017, "to_year": 2019}
        )
    for m in Municipality.objects.filter(region=fund.region).exclude(cbs_code__in=[ALPHEN, KAAG]):
        SettlementGroupMember.objects.get_or_create(
            group=final, municipality=m, defaults={"from_year": 2016, "to_year": 2019}
        )
    if two is not None:
        settlement_confirm(group=early, user=two)


def _fixture_settlement_groups(fund) -> None:
    """The settlement groups that fixtures/funds.json gives for `fund` (each: its municipalities,
    budget years and the date after which it may be settled)."""
    spec = next(f for f in load_json("funds.json")["funds"] if f["slug"] == fund.slug)
    for g in spec.get("settlement_groups", []):
        group, _ = SettlementGroup.objects.get_or_create(
            fund=fund,
            name=g["name"],
            defaults={"settle_after": dt.date.fromisoformat(g["settle_after"]), "note": g["note"]},
        )
        for municipality in Municipality.objects.filter(cbs_code__in=g["members"]):
            SettlementGroupMember.objects.get_or_create(
                group=group,
                municipality=municipality,
                defaults={"from_year": g["from_year"], "to_year": g["to_year"]},
            )


# seed 002 §3.2 (5): every year of the fund is evaluated, early the next year; the share of each
# indicator's target reached by the end of that year (the last year: the result)
EVALUATED_ON = {
    2016: dt.date(2017, 2, 15),
    2017: dt.date(2018, 2, 15),
    2018: dt.date(2019, 2, 15),
    2019: dt.date(2020, 2, 17),
}
PROGRESS = {2016: Decimal("0.25"), 2017: Decimal("0.5"), 2018: Decimal("0.75"), 2019: Decimal("1")}


def _evaluation(fund, two, year=2019) -> None:
    delivered = [Decimal("1.1"), Decimal("0.8"), Decimal("1.0"), Decimal("0.6")]
    indicators = PerformanceIndicator.objects.filter(
        goal__proposal__fund=fund, goal__proposal__awards__year__lte=year
    ).distinct()
    for i, indicator in enumerate(indicators.order_by("pk")):
        value = (indicator.target_value * delivered[i % len(delivered)] * PROGRESS[year]).quantize(
            Decimal("1")
        )
        met = value >= indicator.target_value
        if year == 2019:
            assessment = (
                "Doel gehaald; resultaat borgen in de reguliere inkoop."
                if met
                else "Doel niet gehaald; de aanloop duurde langer dan gepland."
            )
        else:
            assessment = (
                f"Tussenstand eind {year}: {value} van de streefwaarde {indicator.target_value.normalize():f} "
                + (
                    "bereikt; op koers."
                    if delivered[i % len(delivered)] >= 1
                    else "bereikt; achter op schema."
                )
            )
        IndicatorResult.objects.get_or_create(
            indicator=indicator,
            year=year,
            defaults={
                "delivered_value": value,
                "source": "two",
                "entered_by": two,
                "assessment": assessment,
            },
        )


def _spuk_steps(fund, rotterdam):
    steps = []

    def divide():
        regions = {r.slug: r for r in Region.objects.all()}
        projects = {p.title: p for p in Proposal.objects.filter(fund=fund)}

        def proposal_for(prefix):
            return next((p for title, p in projects.items() if title.startswith(prefix)), None)

        lines = [
            DivisionLineInput(
                part=part,
                label=label,
                amount=Decimal(amount),
                region_id=regions[region].pk if region in regions else None,
                proposal_id=getattr(proposal_for(prefix), "pk", None),
            )
            for part, label, region, amount, prefix in BIJLAGE_4
        ]
        division = spuk_division_save(fund=fund, year=2020, lines=lines, user=rotterdam)
        with on(at(dt.date(2020, 3, 30), 11)):
            spuk_division_adopt(division=division, user=rotterdam, deviation_note=DEVIATION_2020)

    steps.append((at(dt.date(2020, 3, 26), 15), divide))  # after the awards of 26 March 2020

    def divide_2021():
        projects = list(Proposal.objects.filter(fund=fund))

        def proposal_id(prefix):
            return next((p.pk for p in projects if prefix and p.title.startswith(prefix)), None)

        lines = [
            DivisionLineInput(
                part=part, label=label, amount=Decimal(amount), proposal_id=proposal_id(prefix)
            )
            for part, label, amount, prefix in DIVISION_2021
        ]
        with on(at(dt.date(2021, 7, 19), 10)):
            division = spuk_division_save(fund=fund, year=2021, lines=lines, user=rotterdam)
        with on(at(DIVISION_2021_ADOPTED, 11)):
            spuk_division_adopt(division=division, user=rotterdam)
        # 2022 is reserved (4,850,000), provisional until the decision: a draft with the research's year
        research = proposal_id("Onderzoek kennis- en ontwikkelfunctie")
        with on(at(DIVISION_2021_ADOPTED, 12)):
            spuk_division_save(
                fund=fund,
                year=2022,
                user=rotterdam,
                lines=[
                    DivisionLineInput(
                        part=BudgetPart.LEARNING,
                        label=label,
                        amount=Decimal(amount),
                        proposal_id=research,
                    )
                    for label, amount in RESEARCH_LINES
                ],
            )

    steps.append((at(dt.date(2021, 7, 19), 10), divide_2021))
    for tranche in fund.tranches.order_by("year"):
        steps.append(
            (
                _booked(dt.date(tranche.year, 1, 15)),
                lambda t=tranche: contributions_charge(
                    tranche=t, user=rotterdam, booked_on=dt.date(t.year, 1, 15)
                ),
            )
        )
        if tranche.year <= 2021:
            steps.append(
                (
                    _booked(dt.date(tranche.year, 2, 1)),
                    lambda t=tranche: contribution_receive(
                        fund=fund,
                        year=t.year,
                        municipality=None,
                        amount=t.amount.amount,
                        user=rotterdam,
                        booked_on=dt.date(t.year, 2, 1),
                    ),
                )
            )

    def pay(prefix, amount, final, day):
        steps.append(
            (
                _booked(day),
                lambda: payment_make(
                    award=_award(fund, prefix, 2020),
                    amount=Decimal(amount),
                    final=final,
                    user=rotterdam,
                    booked_on=day,
                ),
            )
        )

    final_2020 = {
        "PAST": "446644",
        "Project Mockingbird": "285000",
        "Project Jongvolwassenen": "45000",
        "Ombuigcoördinator": "70000",
        "Coördinatie- en proceskosten": "102300",
    }
    for prefix, amount in final_2020.items():
        pay(prefix, amount, True, dt.date(2020, 12, 15))
    pay("Projecten Timon", "500000", False, dt.date(2020, 11, 1))
    pay("Projecten Timon", "200000", False, dt.date(2021, 3, 1))

    def explain():
        ombuig = SpukBudgetLine.objects.filter(
            division__fund=fund, division__year=2020, label__startswith="Ombuigcoördinator"
        ).first()
        if ombuig is not None and rotterdam is not None:
            SpukExplanation.objects.get_or_create(
                line=ombuig,
                year=2020,
                defaults={
                    "text": "De coördinator startte in maart; € 10.000 is niet besteed en vrijgevallen.",
                    "entered_by": rotterdam,
                },
            )

    steps.append((at(dt.date(2021, 2, 10)), explain))  # with the SiSa accounts of 2020
    return steps


def _region_reports(fund) -> list:
    """Reports of the SPUK projects' regions (seed 004 §6.4 (4.3): before 1 March of the next
    year): one on time and one late for 2020, and the 2021 expert pool's on 21 February 2022, so
    that on a peildatum of 1 February 2022 it is due but not yet late."""
    region_users = {
        u.profile.region_id: u
        for u in get_user_model()
        .objects.filter(groups__name="jeugdhulpregio", profile__region__isnull=False)
        .select_related("profile")
    }
    rotterdam = _user("rotterdam")  # receives a report for a region without its own user here

    def project(prefix):
        return Proposal.objects.filter(
            fund=fund, title__startswith=prefix, awards__isnull=False
        ).first()

    reports = [
        (
            project("Project Mockingbird"),
            dt.datetime(2021, 2, 15, 10, 0, tzinfo=dt.UTC),
            "De doelen van 2020 zijn gehaald: de beoogde jeugdigen kregen een passend perspectief.",
        ),
        (
            project("Project Jongvolwassenen"),
            dt.datetime(2021, 3, 20, 10, 0, tzinfo=dt.UTC),
            "De doelen van 2020 zijn gehaald: de beoogde jeugdigen kregen een passend perspectief.",
        ),
        (
            project("Regionale expertpool"),
            dt.datetime(2022, 2, 21, 10, 0, tzinfo=dt.UTC),
            "De expertpool adviseerde in 2021 bij complexe scheidingen in heel Zuid-West; de doelen zijn gehaald.",
        ),
    ]
    steps = []
    for proposal, when, results in reports:
        user = region_users.get(getattr(proposal, "filing_region_id", None)) or rotterdam
        if proposal is None or user is None:
            continue
        steps.append(
            (
                when,
                lambda p=proposal, u=user, w=when, r=results: region_report_deliver(
                    proposal=p,
                    user=u,
                    delivered_at=w,
                    results=r,
                    conditions="Ondersteunend aan de bestaande infrastructuur; aanbesteding met inkoopdeskundige; geen verbreding "
                    "van het eigen aanbod.",
                ),
            )
        )
    return steps


# seed 004 §6.4 step 6: the experts of building team 1 paid by the hour for its session of
# 5 October 2021 (vacatiegeld), from part 1d of the 2021 division (rates are the demo's)
VACATION_FEES = [
    ("Ervaringsdeskundige (cliëntperspectief)", "6", "75.00"),
    ("Kinder- en jeugdpsychiater (expert)", "4", "125.00"),
]


def _vacation_fees(fund, rotterdam):
    team = (
        BuildingTeam.objects.filter(theme__analysis__fund=fund, theme__priority=1)
        .select_related("theme")
        .first()
    )
    if team is None or rotterdam is None:
        return []
    day, paid = dt.date(2021, 10, 5), dt.date(2021, 10, 15)
    return [
        (
            at(paid, 10, i),
            lambda e=expert, h=hours, r=rate: vacation_fee_pay(
                fund=fund,
                year=2021,
                expert=e,
                meeting=f"Inspiratiesessie bouwteam {team.theme.title}",
                meeting_date=day,
                hours=Decimal(h),
                rate=Decimal(r),
                user=rotterdam,
                building_team=team,
                booked_on=paid,
            ),
        )
        for i, (expert, hours, rate) in enumerate(VACATION_FEES)
    ]
