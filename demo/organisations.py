"""Demo organisations (regions, municipalities, providers, budget domains) and users (password
`demo`) with their memberships, created only by `manage.py load_demo`."""

import base64

from django.utils.text import slugify
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Membership, Municipality, Provider, Region
from core.roles import Role
from core.services import membership_set, municipal_organisation, office_of, user_create_or_update
from demo.timeline import SYSTEM_START, load_json, on
from fund.models import BudgetDomain

DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo password, demo data only
# The second factor of every demo user (README "Two-factor login"): the authenticator app's secret
# (base32, time-based, 6 digits, 30 seconds) and backup codes, each of which works once until the
# demo is loaded again. Documented, so they protect nothing: demo data only.
DEMO_TOTP_SECRET = "DEMODEMODEMODEMODEMODEMODEMODEMO"  # noqa: S105
DEMO_BACKUP_CODES = [f"demo000{n}" for n in range(1, 6)]


def load() -> None:
    with on(SYSTEM_START):
        _load_organisations()
    create_users()


def _load_organisations() -> None:
    data = load_json("organisations.json")
    regions = {}
    for r in data["regions"]:
        regions[r["slug"]], _ = Region.objects.update_or_create(
            slug=r["slug"], defaults={"name": r["name"], "landsdeel": r["landsdeel"]}
        )
    for m in data["municipalities"]:
        Municipality.objects.update_or_create(
            cbs_code=m["cbs_code"], defaults={"name": m["name"], "region": regions[m["region"]]}
        )
    for p in data["providers"]:
        Provider.objects.update_or_create(
            slug=p["slug"],
            defaults={
                "name": p["name"],
                "kvk_number": p["kvk_number"],
                "agb_code": p["agb_code"],
                "region": regions[p["region"]],
            },
        )
    for d in data["budget_domains"]:
        BudgetDomain.objects.update_or_create(code=d["code"], defaults={"name": d["name"]})


DEMO_USERS = [
    # username, role, first name, last name, link kind, link key
    ("two", Role.TWO, "Tessa", "de Wit", None, None),
    ("two-midden-holland", Role.TWO, "Mirjam", "Goudriaan", None, None),
    ("beheer-holland-rijnland", Role.ADMINISTRATOR, "Bart", "Beheer", None, None),
    ("rotterdam", Role.COORDINATOR, "Ron", "van Zon", "municipality", "GM0599"),
    ("regio-holland-rijnland", Role.REGION, "Herma", "Kip", "region", "holland-rijnland"),
    ("regio-midden-holland", Role.REGION, "Thomas", "Rosdorff", "region", "midden-holland"),
    ("aanbieder", Role.PROVIDER, "Anne", "Bakker", "provider", "jeugdhulp-rijnland"),
    ("aanbieder-ggz", Role.PROVIDER, "Gerrit", "Zwart", "provider", "ggz-leiden-jeugd"),
    ("aanbieder-lvb", Role.PROVIDER, "Lotte", "Visser", "provider", "lvb-zorg-bollenstreek"),
]


# Who works for which fund-managing organisation (core.models.Membership).
def _office(slug):
    return lambda: office_of(Region.objects.get(slug=slug))


DEMO_MEMBERSHIPS = {
    "two": (_office("holland-rijnland"), Membership.Role.STAFF),
    "two-midden-holland": (_office("midden-holland"), Membership.Role.STAFF),
    "beheer-holland-rijnland": (_office("holland-rijnland"), Membership.Role.ADMINISTRATOR),
    "rotterdam": (
        lambda: municipal_organisation(Municipality.objects.get(cbs_code="GM0599")),
        Membership.Role.STAFF,
    ),
}


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
        user = user_create_or_update(
            username=username,
            role=role,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.invalid",
            **links,
        )
        give_second_factor(user)
        if username in DEMO_MEMBERSHIPS:
            organisation, membership_role = DEMO_MEMBERSHIPS[username]
            with on(SYSTEM_START):
                membership_set(organisation=organisation(), member=user, role=membership_role)
    # One portefeuillehouder for every municipality of Holland Rijnland (the PHO Maatschappij).
    for municipality in Municipality.objects.filter(region__slug="holland-rijnland"):
        pho = user_create_or_update(
            username=pho_username(municipality),
            role=Role.PORTFOLIO_HOLDER,
            password=DEMO_PASSWORD,
            first_name="Wethouder",
            last_name=municipality.name,
            email=f"{pho_username(municipality)}@demo.invalid",
            municipality=municipality,
        )
        give_second_factor(pho)


def give_second_factor(user) -> None:
    """The demo's authenticator app (DEMO_TOTP_SECRET) and backup codes for this user, as new:
    a code used before (TOTP refuses a code twice) or a backup code used up works again."""
    TOTPDevice.objects.update_or_create(
        user=user,
        name="default",
        defaults={
            "key": base64.b32decode(DEMO_TOTP_SECRET).hex(),
            "confirmed": True,
            "last_t": -1,
            "drift": 0,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    backup, _ = StaticDevice.objects.get_or_create(user=user, name="backup")
    backup.token_set.all().delete()
    backup.token_set.bulk_create(
        [backup.token_set.model(device=backup, token=code) for code in DEMO_BACKUP_CODES]
    )
