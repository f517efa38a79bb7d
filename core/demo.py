"""Demo organisations and users (password `demo`), created only by `manage.py load_demo`."""

import datetime as dt
import heapq
import itertools
import json
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from core.models import Membership, Municipality, Provider, Region
from core.roles import Role
from core.services import membership_set, municipal_organisation, office_of, user_create_or_update

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo password, demo data only


# The demo organisations and budget domains are in place when the story starts (January 2016).
SYSTEM_START = dt.date(2016, 1, 4)


def load_json(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def at(moment: dt.date | dt.datetime, hour: int = 10, minute: int = 0) -> dt.datetime:
    """`moment` as an aware datetime in Europe/Amsterdam; a date gets the time `hour:minute`."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(hour, minute))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def workday(day: dt.date) -> dt.date:
    """`day`, or the Monday after it when it falls in a weekend."""
    return day + dt.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


@contextmanager
def _clock(moment: dt.date | dt.datetime):
    start = at(moment).astimezone(dt.UTC)
    ticks = itertools.count()
    with mock.patch.object(timezone, "now", lambda: start + dt.timedelta(seconds=next(ticks))):
        yield


@contextmanager
def on(moment: dt.date | dt.datetime):
    """Replay one step of the demo's history at `moment`.

    The demo tells a story of 2016-2021, and many of its rows are write-once, so they must be
    made at the right moment: inside the block `django.utils.timezone.now()` (and so every
    auto_now/auto_now_add field, `timezone.localdate()` and a service's "today") returns `moment`,
    one second later at every call so that rows made in one block keep their order.
    Before the block, the steps that other apps planned for earlier moments (`later`) are run,
    so that what this step sees (say, the books in a meeting's fund overview) is what there was.
    Demo only: the services themselves are unchanged.
    """
    _run_pending(until=at(moment))
    with _clock(moment):
        yield


# -- one timeline for every app's demo -------------------------------------------------------
# Each app loads its part of the story in turn, but the parts interleave in time: the books
# (accounting) hold contributions, commitments and payments between the meetings (proposals),
# and every meeting keeps the fund overview of its day. An app plans such steps with `later`;
# they run, each on its own moment, as soon as another app's `on` passes that moment.

_pending: list[tuple[dt.datetime, int, int, object]] = []
_order = itertools.count()
_state = {"running": False, "held": 0}


def later(moment: dt.date | dt.datetime, step, *, first: bool = False) -> None:
    """Run `step()` at `moment`: when the story reaches it, or at the end (`run_pending`).
    `first` steps go before others planned for the same moment (a commitment before its payment)."""
    heapq.heappush(_pending, (at(moment), 0 if first else 1, next(_order), step))


@contextmanager
def held():
    """Steps that the story tells out of date order (one request after another, each from
    submission to award): planned steps wait until the block is done."""
    _state["held"] += 1
    try:
        yield
    finally:
        _state["held"] -= 1


def _run_pending(until: dt.datetime | None) -> None:
    if _state["running"] or _state["held"]:
        return
    _state["running"] = True
    try:
        while _pending and (until is None or _pending[0][0] <= until):
            moment, _, _, step = heapq.heappop(_pending)
            with _clock(moment):
                step()
    finally:
        _state["running"] = False


def run_pending() -> None:
    """Run every planned step that is left, in order: the end of the story."""
    _run_pending(until=None)


_undo: list = []  # what an app's plan set up for the replay only (a signal receiver)


def when_done(undo) -> None:
    """Call `undo()` when the story is over, or failed: see `forget_pending`."""
    _undo.append(undo)


def forget_pending() -> None:
    """Drop planned steps and undo what the plans set up (before a load, after it, or a failed one)."""
    _pending.clear()
    while _undo:
        _undo.pop()()


def load() -> None:
    with on(SYSTEM_START):
        _load_organisations()
    create_users()


def _load_organisations() -> None:
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
    "rotterdam": (lambda: municipal_organisation(Municipality.objects.get(cbs_code="GM0599")), Membership.Role.STAFF),
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
        user = user_create_or_update(username=username, role=role, password=DEMO_PASSWORD, first_name=first,
                                     last_name=last, email=f"{username}@demo.invalid", **links)
        if username in DEMO_MEMBERSHIPS:
            organisation, membership_role = DEMO_MEMBERSHIPS[username]
            with on(SYSTEM_START):
                membership_set(organisation=organisation(), member=user, role=membership_role)
    # One portefeuillehouder for every municipality of Holland Rijnland (the PHO Maatschappij).
    for municipality in Municipality.objects.filter(region__slug="holland-rijnland"):
        user_create_or_update(
            username=pho_username(municipality), role=Role.PORTFOLIO_HOLDER, password=DEMO_PASSWORD,
            first_name="Wethouder", last_name=municipality.name, email=f"{pho_username(municipality)}@demo.invalid",
            municipality=municipality,
        )
