"""`make loadtest`: the production server under load, on PostgreSQL with national-scale data.

1. The data: the benchmarks' own national-scale data (bench.bench_fund, bench_proposals,
   bench_allocations and bench_accounting: 342 municipalities, 5,000 proposals, about 200,000
   journal lines and 1,000,000 forecast lines), made once in the database DATABASE_URL names.
2. One user of each of the five roles, each signed in once here (a session made as a login makes
   it), so the load is on the pages, not on the login form.
3. gunicorn with the production settings (`bin/serve`'s command line) on loopback, warmed: every
   page is opened WARM_ROUNDS times before the measurement, so the figures are those of a running
   server and not of its workers' first requests (which import the views and compile the
   templates: up to a second each on this machine). Then locust headless on loopback:
   LOADTEST_USERS simulated users (20) of the five roles, all starting at once, each opening its
   home page and the pages of its role, for LOADTEST_SECONDS (60). Every step is bounded in time.
4. The figures: per page, requests, requests per second, p50 and p95 in ms, and errors; the goal on
   a 2-core machine is 0 errors and p95 under 500 ms for every page. The exit status is non-zero
   when a request failed or a p95 is above the goal.

Run through `make loadtest` (bin/loadtest), which starts a PostgreSQL of its own on loopback unless
DATABASE_URL already names one.
"""

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "loadtest"
P95_GOAL_MS = 500
PASSWORD = "bench"  # the bench users' password (bench.national)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_data() -> dict:
    """The national-scale data and one signed-in session per role; returns what locust needs."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from bench import bench_accounting, bench_allocations, bench_fund, bench_proposals, national
    from core.models import Municipality, Provider
    from core.roles import Role
    from core.services import user_create_or_update

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production serves hashed names
    for module in (bench_fund, bench_proposals, bench_allocations, bench_accounting):
        started = time.perf_counter()
        with transaction.atomic():
            module.setup()
        print(
            f"# {module.__name__}: data ready in {time.perf_counter() - started:.0f} s", flush=True
        )
    national.analyze()
    fund = bench_proposals.STATE["fund"]
    item = bench_proposals.STATE["item"]
    spuk = bench_accounting.STATE["spuk"]
    municipality = Municipality.objects.filter(region=fund.region).order_by("pk").first()
    users = {
        "two": bench_proposals.STATE["user"],
        "portfolio_holder": user_create_or_update(
            username="load-wethouder",
            role=Role.PORTFOLIO_HOLDER,
            password=PASSWORD,
            municipality=municipality,
        ),
        "provider": user_create_or_update(
            username="load-aanbieder",
            role=Role.PROVIDER,
            password=PASSWORD,
            provider=Provider.objects.filter(slug="bench-aanbieder-0").get(),
        ),
        "coordinator": user_create_or_update(
            username="load-rotterdam",
            role=Role.COORDINATOR,
            password=PASSWORD,
            municipality=spuk.coordinating_municipality,
        ),
        "region": user_create_or_update(
            username="load-regio", role=Role.REGION, password=PASSWORD, region=fund.region
        ),
    }
    pages = {
        "two": {
            "home": "/",
            "fund page": f"/fondsen/{fund.slug}/",
            "proposal list": f"/voorstellen/?fonds={fund.slug}",
            "vote page": f"/voorstellen/agendapunten/{item.pk}/",
            "forecast dashboard": f"/budgetten/regio/?jaar={bench_allocations.YEAR}",
        },
        "portfolio_holder": {
            "home": "/",
            "fund page": f"/fondsen/{fund.slug}/",
            "vote page": f"/voorstellen/agendapunten/{item.pk}/",
        },
        "provider": {"home": "/", "proposal list": "/voorstellen/"},
        "coordinator": {
            "home": "/",
            "spuk verantwoording": (
                f"/boekhouding/{spuk.slug}/spuk/{bench_accounting.SISA_YEAR}/verantwoording/"
            ),
        },
        "region": {"home": "/", "proposal list": "/voorstellen/"},
    }
    sessions = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        sessions[role] = client.cookies["sessionid"].value
        for name, path in pages[role].items():  # every page answers before the load starts
            response = client.get(path)
            assert response.status_code == 200, f"{role} {name} {path}: {response.status_code}"
    return {"sessions": sessions, "pages": pages}


def serve(port: int, log) -> subprocess.Popen:
    # bin/loadtest sets the production settings, with plain http on loopback and no second factor
    # (the sessions above are made without one)
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=60",
            "--graceful-timeout=10",
        ],
        cwd=ROOT,
        env=os.environ,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_up(url: str, server: subprocess.Popen, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}); see {OUT}/server.log")
        try:
            # the login page: /health/ also asks for the background worker, which is not started here
            urllib.request.urlopen(f"{url}/accounts/login/", timeout=5)  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"gunicorn did not answer within {seconds} s")


WARM_ROUNDS = 4  # per page; two workers take the requests in turn, so each sees every page


def warm_up(url: str, targets: dict) -> None:
    """Open every page of every role WARM_ROUNDS times, one at a time, before the measurement."""
    for role, pages in targets["pages"].items():
        cookie = f"sessionid={targets['sessions'][role]}"
        for path in pages.values():
            for _ in range(WARM_ROUNDS):
                request = urllib.request.Request(f"{url}{path}", headers={"Cookie": cookie})
                with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
                    response.read()


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def report(stats_csv: Path) -> int:
    """Print the figures per page and overall; 1 when a request failed or a p95 is above the goal."""
    rows = list(csv.DictReader(stats_csv.open()))
    status = 0
    print(f"# loadtest: p95 goal {P95_GOAL_MS} ms, 0 errors")
    for row in rows:
        name = row["Name"]
        requests, failures = int(row["Request Count"]), int(row["Failure Count"])
        p50, p95 = float(row["50%"]), float(row["95%"])
        rps = float(row["Requests/s"])
        verdict = "ok"
        if failures or (name != "Aggregated" and p95 > P95_GOAL_MS):
            verdict, status = "ABOVE", 1
        print(
            f"loadtest {name}: requests {requests}, {rps:.1f} per s, p50 {p50:.0f} ms, "
            f"p95 {p95:.0f} ms, errors {failures}  {verdict}"
        )
    return status


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("The load test runs on PostgreSQL: set DATABASE_URL (bin/loadtest does).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    OUT.mkdir(parents=True, exist_ok=True)
    targets = make_data()
    (OUT / "targets.json").write_text(json.dumps(targets))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with (OUT / "server.log").open("w") as log:
        server = serve(port, log)
        try:
            wait_until_up(url, server)
            warm_up(url, targets)
            seconds = int(os.environ.get("LOADTEST_SECONDS", "60"))
            users = os.environ.get("LOADTEST_USERS", "20")
            subprocess.run(
                [
                    str(ROOT / ".venv/bin/locust"),
                    "-f",
                    str(ROOT / "bench/locustfile.py"),
                    "--headless",
                    f"--users={users}",
                    f"--spawn-rate={users}",
                    f"--run-time={seconds}s",
                    "--stop-timeout=10",
                    f"--host={url}",
                    f"--csv={OUT / 'stats'}",
                    "--only-summary",
                    "--loglevel=WARNING",
                ],
                cwd=ROOT,
                env={**os.environ, "LOADTEST_TARGETS": str(OUT / "targets.json")},
                timeout=seconds + 120,
                check=False,
            )
        finally:
            stop(server)
    return report(OUT / "stats_stats.csv")


if __name__ == "__main__":
    sys.exit(main())
