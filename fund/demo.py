"""Demo funds of seed 002 (Holland Rijnland) and seed 004 (SPUK BREN Zuid-West)."""

import datetime as dt
from decimal import Decimal

from core.demo import FIXTURES, load_json
from core.models import Municipality, Region
from fund import services
from fund.models import BudgetCircular, BudgetDomain, Fund, ParticipationRule, Tranche


def load() -> None:
    data = load_json("funds.json")
    circulars = {}
    for c in data["circulars"]:
        circular = BudgetCircular.objects.filter(slug=c["slug"]).first()
        if circular is None:
            circular = services.circular_import(
                name=c["name"], slug=c["slug"], published_year=c["published_year"],
                region=Region.objects.get(slug=c["region"]), content=(FIXTURES / c["file"]).read_bytes(), filename=c["file"],
            )
        circulars[c["slug"]] = circular
    domains = {d.code: d for d in BudgetDomain.objects.all()}
    for f in data["funds"]:
        fund, _ = Fund.objects.update_or_create(slug=f["slug"], defaults={
            "name": f["name"], "kind": f["kind"],
            "region": Region.objects.get(slug=f["region"]) if f.get("region") else None,
            "landsdeel": f.get("landsdeel", ""),
            "coordinating_municipality": Municipality.objects.get(cbs_code=f["coordinating_municipality"]) if f.get("coordinating_municipality") else None,
            "term_start": dt.date.fromisoformat(f["term_start"]), "term_end": dt.date.fromisoformat(f["term_end"]),
            "description": f["description"],
        })
        for r in f["rules"]:
            rule, _ = ParticipationRule.objects.update_or_create(
                fund=fund, municipality=Municipality.objects.get(cbs_code=r["municipality"]), from_year=r["from_year"],
                defaults={"note": r["note"]},
            )
            rule.domains.set([domains[d] for d in r["domains"]])
        for t in f["tranches"]:
            if Tranche.objects.filter(fund=fund, year=t["year"]).exists():
                continue
            tranche = services.tranche_create(
                fund=fund, year=t["year"], amount=Decimal(t["amount"]),
                basis=circulars[t["basis"]] if t["basis"] else None,
            )
            if t["definitive"]:
                services.tranche_make_definitive(tranche=tranche, user=None, note="Definitief volgens het besluit (demo)")
