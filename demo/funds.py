"""Demo funds of seed 002 (Holland Rijnland) and seed 004 (SPUK BREN Zuid-West).

Replayed on the dates of the story: a Meicirculaire is read in early June of its year (that of
2016 on 9 June, the third version, on which seed 002 rests); a fund is set up with its tranches,
and a tranche is made definitive early in its own year. The story of seed 002 starts after that
circular: the TWO's memo asks the municipalities for both the knelpunten money of 2016 (its
tranche definitive on the Meicirculaire 2016) and the Tijdelijk Fonds (all four years on the
Meicirculaire 2016), and both funds are set up in June 2016. A fund set up before the circular
of its basis gets its tranche without a basis and its contributions once the circular is there.
"""

import datetime as dt
from decimal import Decimal

from core.models import Municipality, Region
from core.services import municipal_organisation, office_of
from demo.timeline import FIXTURES, at, load_json, on, workday
from fund import services
from fund.models import BudgetCircular, BudgetDomain, Fund, ParticipationRule, Tranche

# The demo funds the other stories tell of (fixtures/funds.json)
TF_SLUG = "tijdelijk-fonds-holland-rijnland"
KNELPUNTEN_SLUG = "knelpunten-zin-2016"
SPUK_SLUG = "spuk-bren-zuid-west"
MIDDEN_HOLLAND_SLUG = "transformatiefonds-midden-holland-demo"  # demo data, not from the seeds

# When each demo fund was set up; other funds: the first workday of their term.
SET_UP = {
    # seed 002: after the third version of the Meicirculaire 2016 (9 June); the money is for 2016
    KNELPUNTEN_SLUG: dt.date(2016, 6, 13),
    TF_SLUG: dt.date(2016, 6, 13),
    SPUK_SLUG: dt.date(2020, 1, 6),
}


# seed 002 Bijlage 2 note 3: the Meicirculaire 2016 appeared in three versions; the third, of 9 June,
# is the one the memo and Bijlage 3 rest on
LOADED_ON = {2016: dt.date(2016, 6, 9)}


def circular_loaded_on(published_year: int) -> dt.date:
    return LOADED_ON.get(published_year, workday(dt.date(published_year, 6, 6)))


def load() -> None:
    data = load_json("funds.json")
    circulars = {}
    for c in data["circulars"]:
        circular = BudgetCircular.objects.filter(slug=c["slug"]).first()
        if circular is None:
            with on(at(circular_loaded_on(c["published_year"]), 11)):
                circular = services.circular_import(
                    name=c["name"],
                    slug=c["slug"],
                    published_year=c["published_year"],
                    region=Region.objects.get(slug=c["region"]),
                    content=(FIXTURES / c["file"]).read_bytes(),
                    filename=c["file"],
                )
        circulars[c["slug"]] = circular
    domains = {d.code: d for d in BudgetDomain.objects.all()}
    for f in data["funds"]:
        term_start = dt.date.fromisoformat(f["term_start"])
        set_up = SET_UP.get(f["slug"], workday(term_start))
        with on(set_up):
            fund = _fund(f, domains)
        for t in f["tranches"]:
            if Tranche.objects.filter(fund=fund, year=t["year"]).exists():
                continue
            basis = circulars[t["basis"]] if t["basis"] else None
            computed_on = set_up
            if basis is not None and circular_loaded_on(basis.published_year) > set_up:
                # the amount is agreed first; what each municipality pays follows from the circular
                with on(at(set_up, 14)):
                    tranche = services.tranche_create(
                        fund=fund, year=t["year"], amount=Decimal(t["amount"]), basis=None
                    )
                computed_on = circular_loaded_on(basis.published_year) + dt.timedelta(days=7)
                with on(at(computed_on, 14)):
                    services.tranche_rebase(
                        tranche=tranche,
                        circular=basis,
                        user=None,
                        note=f"Bijdragen berekend op de {basis} (demo)",
                    )
            else:
                with on(at(set_up, 14)):
                    tranche = services.tranche_create(
                        fund=fund,
                        year=t["year"],
                        amount=Decimal(t["amount"]),
                        basis=basis,
                        **t.get("composition", {}),
                    )
            if t["definitive"]:
                definitive_on = max(
                    computed_on + dt.timedelta(days=7), workday(dt.date(t["year"], 1, 9))
                )
                with on(at(definitive_on, 15)):
                    services.tranche_make_definitive(
                        tranche=tranche, user=None, note="Definitief volgens het besluit (demo)"
                    )
            if decision := t.get(
                "decision"
            ):  # a SPUK's yearly grant decision (made up, marked DEMO)
                decided_on = dt.date.fromisoformat(decision["date"])
                with on(at(max(set_up, decided_on), 16)):
                    services.tranche_decision_record(
                        tranche=tranche, number=decision["number"], date=decided_on, user=None
                    )


def _fund(f, domains) -> Fund:
    region = Region.objects.get(slug=f["region"]) if f.get("region") else None
    coordinator = (
        Municipality.objects.get(cbs_code=f["coordinating_municipality"])
        if f.get("coordinating_municipality")
        else None
    )
    fund, _ = Fund.objects.update_or_create(
        slug=f["slug"],
        defaults={
            "name": f["name"],
            "kind": f["kind"],
            "region": region,
            "landsdeel": f.get("landsdeel", ""),
            "coordinating_municipality": coordinator,
            # a SPUK is managed by its coordinating municipality, a regional fund by the region's office
            "managed_by": municipal_organisation(coordinator)
            if f["kind"] == Fund.Kind.SPUK
            else office_of(region),
            "term_start": dt.date.fromisoformat(f["term_start"]),
            "term_end": dt.date.fromisoformat(f["term_end"]),
            "description": f["description"],
            "sisa_code": f.get("sisa_code", ""),
            **f.get(
                "letter", {}
            ),  # who issues the decision letters, where to object, the legal ground
        },
    )
    for r in f["rules"]:
        rule, _ = ParticipationRule.objects.update_or_create(
            fund=fund,
            municipality=Municipality.objects.get(cbs_code=r["municipality"]),
            from_year=r["from_year"],
            defaults={"note": r["note"]},
        )
        rule.domains.set([domains[d] for d in r["domains"]])
    return fund
