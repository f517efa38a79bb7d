"""Demo of seed 002 §2.2 for the three demo providers: products, the Holland Rijnland tariff list
2016, granted PxQ requests and the monthly forecasts from July 2016. Jeugdhulp Rijnland stays green,
GGZ Leiden Jeugd is amber from its first forecast on and registers BSNs, LVB Zorg Bollenstreek goes
amber in August and red in September (intake stop).
The entered expected units stay within a few percent of the estimate from clients, doorlooptijd and
outflow (a little above it: the providers count on some intake), except one line that TWO is meant to
ask about: GGZ Leiden Jeugd's crisis shelter in October.
The story starts when the seed's does: the TWO's memo follows the third version of the
Meicirculaire 2016 (9 June 2016), the knelpunten fund is set up after it (demo.funds), the providers
ask in early July with their waiting lists of mid July in view (§2.2, Bijlage 1 punt 1.9), TWO grants
in July, and the first monthly forecast is July's. Replayed on those dates: the forecast of a month
in the first days of the next, a BSN registered on the day of the intake. Idempotent: what exists is
left alone."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model

from accounting.services.awards import budget_grant_make
from allocations.models import BudgetRequest, ForecastSubmission, ProductCategory, Unit
from allocations.services import budget_requests as request_services
from allocations.services import clients as client_services
from allocations.services import forecasts as forecast_services
from allocations.services import products as product_services
from core.dates import month_name
from core.models import Provider, Region
from demo.funds import MIDDEN_HOLLAND_SLUG
from demo.timeline import SYSTEM_START, at, on, workday
from fund.models import Fund

YEAR = 2016
# seed 002 §2.2: after the memo of June 2016 (the fund is set up on 13 June, demo.funds); the money
# is charged to the municipalities on 15 July and the first payments go out on 1 August (demo.books)
REQUESTED_ON, GRANTED_ON = dt.date(2016, 7, 4), dt.date(2016, 7, 18)
FIRST_MONTH = 7  # the first forecast is July's: the month of the grant
C = ProductCategory
U = Unit

# provider slug: [(code, name, category, unit, price P, requested Q, granted Q)]
PRODUCTS = {
    "jeugdhulp-rijnland": [
        (
            "45A01",
            "Ambulante begeleiding individueel",
            C.AMBULATORY,
            U.HOUR,
            "68.50",
            "6000",
            "6000",
        ),
        ("41A03", "Dagbehandeling jeugd", C.DAY_TREATMENT, U.DAYPART, "95.00", "1800", "1800"),
        (
            "44A02",
            "Verblijf in pleeggezin",
            C.RESIDENTIAL_WITHOUT_TREATMENT,
            U.DAY,
            "42.00",
            "4000",
            "4000",
        ),
    ],
    "ggz-leiden-jeugd": [
        (
            "54A01",
            "Jeugd-GGZ diagnostiek en behandeling",
            C.YOUTH_MENTAL_HEALTH,
            U.MINUTE,
            "1.85",
            "150000",
            "150000",
        ),
        (
            "54A05",
            "Jeugd-GGZ specialistische behandeling",
            C.YOUTH_MENTAL_HEALTH,
            U.HOUR,
            "115.00",
            "2400",
            "2400",
        ),
        ("46A01", "Crisisopvang", C.CRISIS, U.DAY, "310.00", "300", "300"),
    ],
    "lvb-zorg-bollenstreek": [
        (
            "43A01",
            "Verblijf LVB met behandeling",
            C.RESIDENTIAL_WITH_TREATMENT,
            U.DAY,
            "245.00",
            "1500",
            "1200",
        ),
        ("41A02", "Dagbehandeling LVB", C.DAY_TREATMENT, U.DAYPART, "88.00", "2500", "2000"),
        ("45A03", "Ambulante begeleiding LVB", C.AMBULATORY, U.HOUR, "72.00", "3000", "3000"),
    ],
}
USERS = {
    "jeugdhulp-rijnland": "aanbieder",
    "ggz-leiden-jeugd": "aanbieder-ggz",
    "lvb-zorg-bollenstreek": "aanbieder-lvb",
}
# The hour at which each provider sends its forecasts, so that their rows do not all share one time.
SENDS_AT = {
    "jeugdhulp-rijnland": (9, 12),
    "ggz-leiden-jeugd": (10, 41),
    "lvb-zorg-bollenstreek": (14, 5),
}
# Forecast total units as % of granted units, month FIRST_MONTH (July) to 12.
TRAJECTORY = {
    "jeugdhulp-rijnland": [95, 96, 95, 97, 98, 97],
    "ggz-leiden-jeugd": ["101", "102", "103", "104.5", "104", "103"],
    "lvb-zorg-bollenstreek": [99, "103", "106", "110", "108", "107"],
}
WAITING = {
    "jeugdhulp-rijnland": [9, 8, 8, 7, 6, 6],
    "ggz-leiden-jeugd": [41, 43, 44, 45, 44, 43],
    "lvb-zorg-bollenstreek": [33, 36, 38, 41, 43, 45],
}
MONTHS = range(FIRST_MONTH, 13)
# (provider, month, product): other inputs than the usual ones, so that the entered expected units
# differ strongly from the estimate (allocations.forecast.deviates_strongly). Only the inputs of the
# estimate change, never units or cost, so every status stays as it is.
DEVIATING = {
    ("ggz-leiden-jeugd", 10, "46A01"): {
        "expected_outflow": 20
    },  # estimate 34,93 against 52 entered: +48,9%
}
DEVIATING_NOTE = {
    ("ggz-leiden-jeugd", 10): (
        " Crisisopvang: twee derde van wie nu in de opvang zit, stroomt voor 31-12 uit; wij rekenen met "
        "nieuwe crisisplaatsingen, daarom ligt ons aantal boven de schatting."
    ),
}
# Public test numbers (valid 11-check, not people): DOMAIN.md reference facts.
TEST_BSNS = ["999991772", "999996708", "999996630", "999996642", "999995844"]
EXPLANATION = {
    "jeugdhulp-rijnland": "Trajecten verkort door eerder af te schalen naar het jeugd- en gezinsteam.",
    "ggz-leiden-jeugd": (
        "Afgeschaald naar de basis-GGZ en terugverwezen naar de huisarts waar dat kon. De wachtlijst komt uit "
        "hogere vraag: meer verwijzingen door huisartsen dan in 2015."
    ),
    "lvb-zorg-bollenstreek": (
        "Trajecten verkort en cliënten terugverwezen naar het JGT, maar de instroom in verblijf blijft hoger "
        "dan begroot."
    ),
}
# Said in the forecast that goes above 105% and every one after it (the stop starts the day it is sent).
STOP_NOTE = " Sinds de prognose over {month} geldt een algehele opnamestop."

# seed 002 §2.2 rules 2, 4 and 6: each provider's own request text (made up for the demo, in the
# providers' situations of the story): the motivation and the four things rule 6 asks for
REQUEST_TEXT = {
    "jeugdhulp-rijnland": {
        "motivation": "Wachtlijst voor ambulante begeleiding en dagbehandeling; zonder extra budget een opnamestop in het "
        "najaar. Gevraagd in PxQ volgens de tarievenlijst Holland Rijnland 2016.",
        "scaling_down": "Veertig cliënten in 2015 na de behandelfase overgedragen aan het jeugd- en gezinsteam voor lichte "
        "begeleiding.",
        "referring_back": "Aanmeldingen zonder specialistische vraag terugverwezen naar het JGT; twaalf in het laatste kwartaal.",
        "shortening": "Gemiddelde duur van ambulante trajecten van 34 naar 28 weken, met een evaluatie na twaalf weken.",
        "demand_evidence": "Aanmeldingen 2015: 18% meer dan 2014, vooral via huisartsen, en in het eerste kwartaal van 2016 "
        "nog meer; de uitstroom bleef gelijk.",
    },
    "ggz-leiden-jeugd": {
        "motivation": "De wachtlijst voor jeugd-GGZ loopt op; crisisplaatsingen verdringen de reguliere behandeling.",
        "scaling_down": "Na diagnostiek waar het kon afgeschaald naar de basis-GGZ; een GGZ-consulent werkt mee in twee JGT's.",
        "referring_back": "Lichte klachten terugverwezen naar de huisarts en de praktijkondersteuner jeugd.",
        "shortening": "Behandelingen met een vaste duur (modules van 8 of 16 sessies) in plaats van open trajecten.",
        "demand_evidence": "Verwijzingen door huisartsen 2015: 22% meer dan 2014; de behandelduur daalde, de wachtlijst steeg toch.",
    },
    "lvb-zorg-bollenstreek": {
        "motivation": "Verblijf met behandeling is vol; zonder extra budget geldt binnen enkele weken een opnamestop.",
        "scaling_down": "Jongeren uit verblijf eerder naar ambulante begeleiding thuis, met een vaste terugvalplek.",
        "referring_back": "Cliënten na dagbehandeling terugverwezen naar het JGT met een overdrachtsgesprek.",
        "shortening": "Verblijfsduur begrensd op zes maanden met een plan voor uitstroom vanaf de eerste week.",
        "demand_evidence": "Instroom in verblijf 2015 hoger dan begroot (zeven plaatsingen via de veiligheidsketen) bij gelijke uitstroom.",
    },
}


def load() -> None:
    _load_holland_rijnland()
    _load_midden_holland()


# Midden-Holland (demo data, not from the seeds): Jeugdhulp Rijnland works there too, and asks the
# region's own fund for a budget in 2017 at Midden-Holland's tariff; TWO Jeugdhulp Midden-Holland decides.
MIDDEN_HOLLAND_REQUEST = (
    "45A01",
    "70.00",
    "500",
)  # product, P (tariff 2017 Midden-Holland), Q asked and granted


def _load_midden_holland() -> None:
    fund = Fund.objects.filter(slug=MIDDEN_HOLLAND_SLUG).first()
    if fund is None or BudgetRequest.objects.filter(fund=fund).exists():
        return
    users = get_user_model().objects
    staff, provider_user = users.get(username="two-midden-holland"), users.get(username="aanbieder")
    provider = Provider.objects.get(slug="jeugdhulp-rijnland")
    code, price, quantity = MIDDEN_HOLLAND_REQUEST
    product = provider.products.get(code=code)
    with on(at(dt.date(2016, 11, 7), 10)):
        product_services.tariff_set(
            region=fund.region,
            year=2017,
            product_code=code,
            unit=product.unit,
            price=Decimal(price),
            user=staff,
        )
    with on(at(dt.date(2016, 11, 14), 9, 30)):
        request = request_services.budget_request_submit(
            provider=provider,
            year=2017,
            quantities={product: Decimal(quantity)},
            fund=fund,
            user=provider_user,
            motivation="Gezinshuizen in Midden-Holland: ambulante begeleiding voor jeugdigen uit de regio (demo).",
            scaling_down="Begeleiding afgebouwd zodra een gezinshuis de zorg zelf kan dragen (demo).",
            referring_back="Jeugdigen na stabilisatie terugverwezen naar het sociaal team van hun gemeente (demo).",
            shortening="Trajecten met een vaste evaluatie na acht weken (demo).",
            demand_evidence="Meer plaatsingen in gezinshuizen in 2016 dan in 2015, bij gelijke uitstroom (demo).",
        )
    with on(at(dt.date(2016, 11, 28), 11)):
        budget_grant_make(
            request=request,
            granted={line.pk: Decimal(quantity) for line in request.lines.all()},
            note="Toegekend uit het Transformatiefonds Midden-Holland (demo).",
            user=staff,
        )


def _load_holland_rijnland() -> None:
    users = get_user_model().objects
    two = users.get(username="two")
    region = Region.objects.get(slug="holland-rijnland")
    for slug, products in PRODUCTS.items():
        provider = Provider.objects.get(slug=slug)
        user = users.get(username=USERS[slug])
        made = {}
        with on(SYSTEM_START):
            for code, name, category, unit, price, _q, _g in products:
                made[code] = product_services.product_create_or_update(
                    provider=provider, code=code, name=name, category=category, unit=unit, user=two
                )
                product_services.tariff_set(
                    region=region,
                    year=YEAR,
                    product_code=code,
                    unit=unit,
                    price=Decimal(price),
                    user=two,
                )
        hour, minute = SENDS_AT[slug]
        if not BudgetRequest.objects.filter(provider=provider, year=YEAR).exists():
            with on(at(REQUESTED_ON, hour, minute)):
                request = request_services.budget_request_submit(
                    provider=provider,
                    year=YEAR,
                    quantities={made[code]: Decimal(q) for code, *_rest, q, _g in products},
                    user=user,
                    **REQUEST_TEXT[slug],
                )
            granted = {
                line.pk: Decimal(next(g for c, *_r, g in products if c == line.product.code))
                for line in request.lines.select_related("product")
            }
            with on(at(GRANTED_ON, hour, minute)):
                budget_grant_make(
                    request=request,
                    granted=granted,
                    note="Toegekend uit de knelpuntenmiddelen 2016.",
                    user=two,
                )
        if ForecastSubmission.objects.filter(provider=provider, year=YEAR).exists():
            continue
        bsns = list(TEST_BSNS) if slug == "ggz-leiden-jeugd" else []
        red_since = None
        for month in MONTHS:
            percent = Decimal(str(TRAJECTORY[slug][month - FIRST_MONTH]))
            waiting = WAITING[slug][month - FIRST_MONTH]
            rows = []
            for index, (code, *_rest, granted) in enumerate(products):
                total = (Decimal(granted) * percent / 100).quantize(
                    Decimal("1"), rounding=ROUND_HALF_UP
                )
                delivered = (total * month / 12).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
                estimate_inputs = {
                    "clients_in_care": 20 + 5 * index,
                    "average_duration_weeks": Decimal("26") - index * 4,
                    "expected_outflow": 2 + index,
                    **DEVIATING.get((slug, month, code), {}),
                }
                rows.append(
                    forecast_services.ForecastRow(
                        product_code=code,
                        units_delivered=delivered,
                        **estimate_inputs,
                        expected_units=total - delivered,
                        waiting_list=waiting if index == 0 else 2 + index,
                        waiting_weeks=Decimal(waiting) / 4,
                        trend=_trend(WAITING[slug], month - FIRST_MONTH),
                        regional_use_percent=Decimal("92.5"),
                    )
                )
            if percent > 105 and red_since is None:
                red_since = (
                    month  # the provider sends the forecast that stops its intake, and says so
                )
            explanation = EXPLANATION[slug] + DEVIATING_NOTE.get((slug, month), "")
            if red_since is not None:
                explanation += STOP_NOTE.format(month=month_name(red_since))
            # the forecast of a month is sent in the first days of the next (December's in January)
            next_month = dt.date(YEAR + month // 12, month % 12 + 1, 3)
            with on(at(workday(next_month), hour, minute)):  # an intake stop starts on this day
                forecast_services.forecast_submit(
                    provider=provider,
                    year=YEAR,
                    month=month,
                    rows=rows,
                    explanation=explanation,
                    source=ForecastSubmission.Source.WEB,
                    user=user,
                )
            if bsns and percent > 100 and next_month.year == YEAR:
                # taken in after the forecast showed the provider above budget; registered on the day
                intake_on = workday(next_month.replace(day=10))
                with on(at(intake_on, 11)):
                    client_services.client_register(
                        provider=provider,
                        product=made[products[0][0]],
                        year=YEAR,
                        bsn=bsns.pop(0),
                        intake_on=intake_on,
                        user=user,
                    )


def _trend(waiting: list[int], index: int) -> str:
    """The trend of the waiting list at `index` against the month before (the first: stable)."""
    if index == 0 or waiting[index] == waiting[index - 1]:
        return "stable"
    return "rising" if waiting[index] > waiting[index - 1] else "falling"
