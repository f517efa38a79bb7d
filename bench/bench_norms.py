"""Youth-protection norms at national scale: one national area above 42 regions, five years of
monthly counts of the four norms in every region and in the national area (10,320 counts), and an
action plan of 2,000 actions.

The trend page of the national area (its own counts beside the sum of its 42 regions, the missing
periods) and its action plan page (2,000 actions by solution line with traffic lights and money)
against a floor page (bench.pages: the same request stack, the raw SQL that fetches the same
numbers, a bare template); the selectors behind them against that raw SQL alone (`..._selector`).
The chart is its own URL (an <img>); it is not part of the page's time.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from bench import pages
from core.models import Region
from norms import selectors, services
from norms.models import Action, ActionPlan, Area, NormCount

N_REGIONS, N_MONTHS, N_ACTIONS = 42, 60, 2_000
UNSCALED = ("N_MONTHS",)  # BENCH_SCALE: more regions and actions, the same five years
SMOKE_SIZES = (  # tests/bench: the same shapes at two tiny sizes
    {"N_REGIONS": 2, "N_MONTHS": 3, "N_ACTIONS": 5},
    {"N_REGIONS": 4, "N_MONTHS": 7, "N_ACTIONS": 17},
)
SLUG = "bench-nederland-normen"
START = dt.date(2020, 1, 15)
STATE: dict = {}


def _day(month: int) -> dt.date:
    return dt.date(
        START.year + (START.month - 1 + month) // 12, (START.month - 1 + month) % 12 + 1, 15
    )


def setup() -> None:
    users = get_user_model().objects
    # a superuser sees every area (TWO staff only their offices' regions): the national area has none
    two = users.filter(username="bench-norms-admin").first() or users.create_superuser(
        "bench-norms-admin", "", "bench-norms-12"
    )
    norms = services.norms_ensure()
    national = Area.objects.filter(slug=SLUG).first()
    if national is None:
        national = Area.objects.create(
            name="Nederland (bench)",
            slug=SLUG,
            kind=Area.Kind.SUPRA,
            monitoring_start=START,
            supervision_start=START,
        )
        Region.objects.bulk_create(
            Region(name=f"Bench normregio {n:02d}", slug=f"bench-norm-{n:02d}", landsdeel="Bench")
            for n in range(N_REGIONS)
        )
        regions = Region.objects.filter(slug__startswith="bench-norm-").order_by("slug")
        Area.objects.bulk_create(
            Area(
                name=r.name,
                slug=r.slug,
                kind=Area.Kind.REGION,
                region=r,
                parent=national,
                monitoring_start=START,
                supervision_start=START,
            )
            for r in regions
        )
        areas = [national, *Area.objects.filter(parent=national)]
        NormCount.objects.bulk_create(
            NormCount(
                area=area,
                norm=norm,
                reference_date=_day(m),
                count=(area.pk * 7 + m * 3 + norm.order) % 90,
                source="region",
            )
            for area in areas
            for m in range(N_MONTHS)
            for norm in norms.values()
        )
        plan = ActionPlan.objects.create(
            area=national, title="Uitvoeringsplan Nederland (bench)", adopted_on=START
        )
        Action.objects.bulk_create(
            Action(
                plan=plan,
                solution_line=n % 8 + 1,
                number=f"{n % 8 + 1}.{n:04d}",
                owner=f"Eigenaar {n % 42}",
                activity=f"Activiteit {n}",
                result=f"Resultaat {n}",
                planned_date=START + dt.timedelta(days=n),
                result_reached_on=START + dt.timedelta(days=n) if n % 3 == 0 else None,
                at_risk=n % 11 == 0,
            )
            for n in range(N_ACTIONS)
        )
    STATE["area"] = national
    STATE["today"] = dt.date.today()
    client = Client()
    client.force_login(two, backend="django.contrib.auth.backends.ModelBackend")
    STATE["client"] = client
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM norms_normcount")
        counts = cursor.fetchone()[0]
    print(f"# bench_norms: {counts} counts, {Action.objects.count()} actions", flush=True)


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- the trend page ---------------------------------------------------------------------------


def trend_ours():
    response = STATE["client"].get(f"/normen/gebied/{SLUG}/")
    assert response.status_code == 200, response.status_code


def trend_selector():
    return selectors.area_trend(STATE["area"], today=STATE["today"])


def _trend_raw():
    area_id = STATE["area"].pk
    own = _fetch(
        "SELECT c.reference_date, n.code, c.count FROM norms_normcount c JOIN norms_norm n ON n.id = c.norm_id "
        'WHERE c.area_id = %s AND c.institution_id IS NULL ORDER BY c.reference_date, n."order"',
        [area_id],
    )
    sums = _fetch(
        "SELECT c.reference_date, n.code, SUM(c.count), COUNT(DISTINCT c.area_id) FROM norms_normcount c "
        "JOIN norms_norm n ON n.id = c.norm_id JOIN norms_area a ON a.id = c.area_id "
        "WHERE a.parent_id = %s AND c.institution_id IS NULL GROUP BY c.reference_date, n.code",
        [area_id],
    )
    return own, sums


def trend_floor_sql():
    own, sums = _trend_raw()
    return "".join(f"<tr><td>{d}</td><td>{c}</td><td>{v}</td></tr>" for d, c, v in own) + "".join(
        f"<tr><td>{d}</td><td>{c}</td><td>{s} ({r})</td></tr>" for d, c, s, r in sums
    )


@pages.floor_view("norms-trend")
def trend_floor_rows(request=None):
    own, sums = _trend_raw()
    return own + sums


def trend_floor_page():
    return pages.get(STATE["client"], pages.url("norms-trend"))


# --- the action plan page ---------------------------------------------------------------------


def plan_ours():
    response = STATE["client"].get(f"/normen/gebied/{SLUG}/uitvoeringsplan/")
    assert response.status_code == 200, response.status_code


def plan_selector():
    return selectors.action_plan(STATE["area"], today=STATE["today"])


@pages.floor_view("norms-action-plan")
def plan_floor_rows(request=None):
    today, weeks = STATE["today"], settings.NORMS_AMBER_WEEKS
    rows = _fetch(
        "SELECT a.solution_line, a.number, a.owner, a.activity, a.result, a.planned_date, a.result_reached_on, "
        "a.at_risk FROM norms_action a JOIN norms_actionplan p ON p.id = a.plan_id WHERE p.area_id = %s "
        "ORDER BY a.solution_line, a.number",
        [STATE["area"].pk],
    )
    out = []
    for line, number, owner, activity, result, planned, reached, risk in rows:
        planned = planned if isinstance(planned, dt.date) else dt.date.fromisoformat(planned)
        soon = (planned - today).days <= weeks * 7  # norms.rules.traffic_light, written out
        light = (
            "green"
            if reached
            else "red"
            if planned < today
            else "amber"
            if risk or soon
            else "none"
        )
        out.append((line, number, owner, activity, result, planned, light))
    return out


def plan_floor_sql():
    return "".join(
        f"<tr><td>{line}</td><td>{number}</td><td>{owner}</td><td>{activity}</td><td>{result}</td>"
        f"<td>{planned}</td><td>{light}</td></tr>"
        for line, number, owner, activity, result, planned, light in plan_floor_rows()
    )


def plan_floor_page():
    return pages.get(STATE["client"], pages.url("norms-action-plan"))


BENCHES = [
    ("norms_trend_page", trend_ours, trend_floor_page),
    ("norms_trend_page_selector", trend_selector, trend_floor_sql),
    ("norms_action_plan_page", plan_ours, plan_floor_page),
    ("norms_action_plan_page_selector", plan_selector, plan_floor_sql),
]
