"""Demo organisations and users (password `demo`), created only by `manage.py load_demo`."""

import json
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from core.models import Municipality, Provider, Region
from core.roles import Role
from core.services import user_create_or_update

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo password, demo data only


def load_json(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def load() -> None:
    data = load_json("organisations.json")
    regions = {}
    for r in data["regions"]:
        regions[r["slug"]], _ = Region.objects.update_or_create(slug=r["slug"], defaults={"name": r["name"], "landsdeel": r["landsdeel"]})
    for m in data["municipalities"]:
        Municipality.objects.update_or_create(cbs_code=m["cbs_code"], defaults={"name": m["name"], "region": regions[m["region"]]})
    for p in data["providers"]:
        Provider.objects.update_or_create(slug=p["slug"], defaults={
            "name": p["name"], "kvk_number": p["kvk_number"], "agb_code": p["agb_code"], "region": regions[p["region"]],
        })
    from fund.models import BudgetDomain

    for d in data["budget_domains"]:
        BudgetDomain.objects.update_or_create(code=d["code"], defaults={"name": d["name"]})
    create_users()


DEMO_USERS = [
    # username, role, first name, last name, link kind, link key
    ("two", Role.TWO, "Tessa", "de Wit", None, None),
    ("rotterdam", Role.COORDINATOR, "Ron", "van Zon", "municipality", "GM0599"),
    ("regio-holland-rijnland", Role.REGION, "Herma", "Kip", "region", "holland-rijnland"),
    ("regio-midden-holland", Role.REGION, "Thomas", "Rosdorff", "region", "midden-holland"),
    ("aanbieder", Role.PROVIDER, "Anne", "Bakker", "provider", "jeugdhulp-rijnland"),
    ("aanbieder-ggz", Role.PROVIDER, "Gerrit", "Zwart", "provider", "ggz-leiden-jeugd"),
    ("aanbieder-lvb", Role.PROVIDER, "Lotte", "Visser", "provider", "lvb-zorg-bollenstreek"),
]


def pho_username(municipality: Municipality) -> str:
    return f"pho-{slugify(municipality.name)}"


def create_users() -> None:
    for username, role, first, last, kind, key in DEMO_USERS:
        links = {}
        if kind == "municipality":
            links["municipality"] = Municipality.objects.get(cbs_code=key)
        elif kind == "region":
            links["region"] = Region.objects.get(slug=key)
        elif kind == "provider":
            links["provider"] = Provider.objects.get(slug=key)
        user_create_or_update(username=username, role=role, password=DEMO_PASSWORD, first_name=first, last_name=last,
                              email=f"{username}@demo.invalid", **links)
    # One portefeuillehouder for every municipality of Holland Rijnland (the PHO Maatschappij).
    for municipality in Municipality.objects.filter(region__slug="holland-rijnland"):
        user_create_or_update(
            username=pho_username(municipality), role=Role.PORTFOLIO_HOLDER, password=DEMO_PASSWORD,
            first_name="Wethouder", last_name=municipality.name, email=f"{pho_username(municipality)}@demo.invalid",
            municipality=municipality,
        )
