"""`make bench`: each benchmark times our code against a floor (the least work that gives the
same numbers) in one run, and prints `bench NAME: ours X ms, floor Y ms, ratio R, queries Q`,
Q being the queries of one call of ours.

Benchmarks live in `bench/bench_<app>.py`: a `setup()` that generates data at national scale
and `BENCHES = [(name, ours, floor), ...]` of zero-argument callables. A page's floor is a minimal
page through the same request stack (bench.pages); `<page>_selector` times the page's selector
against the raw SQL alone. Timing is the best of several interleaved pairs (ours, then floor), so a
noisy shared machine hurts both sides alike: `--repeat` pairs, and for a quick benchmark more, up
to a second of pairs (best_of_pairs).

The issues set the bar: ratio <= 3, and a query count that does not grow with the data (the smoke
test in tests/bench checks that at two tiny sizes). An export (a benchmark named `..._pdf` or
`..._xlsx`) also reports the peak memory of one call, `, peak N MB` (Python's allocations, measured
by tracemalloc in a call of its own, so the timing is not slowed), and may use at most PEAK_LIMIT_MB. A module that fails is reported and the others
still run; the exit status is non-zero when a module failed or a ratio is above 3.

`BENCH_SCALE=10 make bench` makes ten times the national data (3,420 municipalities, ten times the
proposals, projects, journal lines, providers and forecast lines; bench.national.scale_sizes), so
the ratios and query counts can be compared with those at scale 1.
"""

import argparse
import importlib
import os
import pkgutil
import sys
import time
import traceback
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATIO_LIMIT = 3
PEAK_LIMIT_MB = 300
EXPORT_SUFFIXES = ("_pdf", "_xlsx")


@dataclass(frozen=True)
class Result:
    name: str  # a benchmark's name, or a module's when the module failed before its benchmarks ran
    ratio: float | None = None
    queries: int | None = None
    error: str = ""
    peak_mb: float | None = None  # exports only

    @property
    def verdict(self) -> str:
        if self.error:
            return "FAILED"
        if self.ratio > RATIO_LIMIT:
            return f"ABOVE {RATIO_LIMIT}"
        if self.peak_mb is not None and self.peak_mb > PEAK_LIMIT_MB:
            return f"ABOVE {PEAK_LIMIT_MB} MB"
        return "ok"

    def summary_line(self) -> str:
        if self.error:
            return f"{self.verdict:<8} {self.name}: {self.error}"
        peak = f", peak {self.peak_mb:.0f} MB" if self.peak_mb is not None else ""
        return (
            f"{self.verdict:<8} {self.name}: ratio {self.ratio:.2f}, queries {self.queries}{peak}"
        )


def peak_memory_mb(call) -> float:
    """The most memory Python held at once during one call, above what it held before (MB)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (peak - before) / 1_000_000


def failed(name: str, stage: str) -> Result:
    """Report the exception being handled (traceback on stderr) and return it as a result."""
    error = sys.exc_info()[1]
    message = f"{stage}: {type(error).__name__}: {error}".splitlines()[0]
    traceback.print_exc()
    print(f"# FAILED {name}: {message}", flush=True)
    return Result(name, error=message)


# A quick benchmark (a page, an API call, a booking: milliseconds) is timed in more pairs than
# --repeat asks, until the pairs took QUICK_SECONDS or there are MAX_PAIRS of them. One call of a
# 20 ms page is often 30% slower on a shared machine (another process, a garbage collection), and
# CI asks one repeat; the best of a dozen pairs is what the code costs. Half a second gave a 50 ms
# page (the SPUK verantwoording) six pairs, and CI once printed 2.21 for a page whose best of 100
# pairs here is 1.5 times its floor: a second gives it a dozen. A slow benchmark (a PDF,
# the import: seconds) keeps --repeat.
QUICK_SECONDS = 1.0
MAX_PAIRS = 25


def best_of_pairs(ours, floor, repeat: int) -> tuple[float, float]:
    """The least time (s) of ours and of floor, timed in interleaved pairs (ours, then floor), so
    a slow moment of the machine hurts both alike: at least `repeat` pairs, and more while all pairs
    so far took less than QUICK_SECONDS together (at most MAX_PAIRS)."""
    best_ours = best_floor = float("inf")
    pairs, started = 0, time.perf_counter()
    while pairs < repeat or (pairs < MAX_PAIRS and time.perf_counter() - started < QUICK_SECONDS):
        t = time.perf_counter()
        ours()
        best_ours = min(best_ours, time.perf_counter() - t)
        t = time.perf_counter()
        floor()
        best_floor = min(best_floor, time.perf_counter() - t)
        pairs += 1
    return best_ours, best_floor


def time_bench(name, ours, floor, repeat: int) -> Result:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    ours(), floor()  # warm caches and connections
    reset_queries()  # the log keeps at most 9,000 queries; a full one would count none
    with CaptureQueriesContext(connection) as captured:  # a call of its own: capturing costs time
        ours()
    queries = len(captured)  # now: the next request empties the log that `captured` reads
    best_ours, best_floor = best_of_pairs(ours, floor, repeat)
    ratio = best_ours / best_floor if best_floor > 0 else float("inf")
    peak_mb = peak_memory_mb(ours) if name.endswith(EXPORT_SUFFIXES) else None
    peak = f", peak {peak_mb:.0f} MB" if peak_mb is not None else ""
    print(
        f"bench {name}: ours {best_ours * 1000:.1f} ms, floor {best_floor * 1000:.1f} ms, ratio {ratio:.2f}, "
        f"queries {queries}{peak}",
        flush=True,
    )
    return Result(name, ratio=ratio, queries=queries, peak_mb=peak_mb)


def bench_scale() -> int:
    """BENCH_SCALE (default 1): every module's sizes times this (bench.national.scale_sizes)."""
    value = os.environ.get("BENCH_SCALE", "1")
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"BENCH_SCALE must be a whole number of at least 1, not {value!r}")
    return int(value)


def import_modules(names: list[str], scale: int) -> tuple[dict, list[Result]]:
    """Import every bench module first, then scale their sizes: a module that copies another's
    sizes at import (bench_api) is then scaled once, like the rest."""
    from bench import national

    modules, results = {}, []
    for name in names:
        try:
            modules[name] = importlib.import_module(f"bench.{name}")
        except Exception:
            results.append(failed(name, "import"))
    if scale > 1:
        for module in (national, *modules.values()):
            sizes = national.scale_sizes(module, scale)
            print(f"# {module.__name__} at scale {scale}: {sizes}", flush=True)
    return modules, results


def bench_pass(module, name: str) -> int:
    """When a benchmark runs (see main): 0 the quick ones (pages, selectors, bookings, API), 1 the
    exports, 2 those the module names in LAST (its largest exports, in the order of BENCHES)."""
    if name in getattr(module, "LAST", ()):
        return 2
    return 1 if name.endswith(EXPORT_SUFFIXES) else 0


def run_module(module, only: list[str], repeat: int, *, stage: int) -> list[Result]:
    """The module's benchmarks that `only` names and that run in `stage` (bench_pass)."""
    from django.db import transaction

    from bench import national

    name = module.__name__.removeprefix("bench.")
    benches = [
        b
        for b in module.BENCHES
        if (not only or any(o in b[0] for o in only)) and bench_pass(module, b[0]) == stage
    ]
    if not benches:
        return []
    started = time.perf_counter()
    try:
        with (
            transaction.atomic()
        ):  # a setup that fails leaves no half-made data for the next module
            module.setup()
    except Exception:
        return [failed(name, "setup")]
    national.analyze()
    print(f"# {name}: data generated in {time.perf_counter() - started:.1f} s", flush=True)
    results = []
    for bench_name, ours, floor in benches:
        try:
            results.append(time_bench(bench_name, ours, floor, repeat))
        except Exception:
            results.append(failed(bench_name, "run"))
    return results


def summarize(results: list[Result]) -> tuple[list[str], int]:
    """The summary lines and the exit status: 1 when a module failed or a ratio is above the limit."""
    lines = [
        f"# summary: ratio <= {RATIO_LIMIT}, queries of one call of ours; "
        f"exports: peak memory <= {PEAK_LIMIT_MB} MB"
    ]
    lines += [r.summary_line() for r in results]
    above = sum(r.verdict.startswith("ABOVE") for r in results)
    failures = sum(r.verdict == "FAILED" for r in results)
    lines.append(
        f"# {len(results) - above - failures} ok, {above} above {RATIO_LIMIT}, {failures} failed"
    )
    return lines, 1 if above or failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "only", nargs="*", help="run only benchmarks whose name contains one of these"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--ratios-not-fatal",
        action="store_true",
        help="exit 0 when every benchmark ran, whatever its ratio (CI records the figures)",
    )
    args = parser.parse_args()
    scale = bench_scale()

    db = ROOT / "var" / "bench.sqlite3"
    db.parent.mkdir(exist_ok=True)
    own_database = "DATABASE_URL" not in os.environ  # then ours to recreate; never delete another's
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from bench.pages import use_bench_urls

    use_bench_urls(settings)  # the page floors (bench.pages) are routed only while the bench runs
    if own_database and db.exists():
        db.unlink()
    call_command("migrate", verbosity=0)

    names = sorted(
        m.name for m in pkgutil.iter_modules([str(ROOT / "bench")]) if m.name.startswith("bench_")
    )
    modules, results = import_modules(names, scale)
    # the pages, selectors, bookings and API first, the exports (PDFs, XLSX) after, the largest
    # export (the national overview's PDF: minutes) last: a run bounded in time (CI) then has the
    # many quick figures and the other exports' even if that one is cut off
    for stage in (0, 1, 2):
        for module in modules.values():
            results += run_module(module, args.only, args.repeat, stage=stage)
    lines, status = summarize(results)
    print("\n".join(lines), flush=True)
    if args.ratios_not_fatal:
        return 1 if any(r.verdict == "FAILED" for r in results) else 0
    return status


if __name__ == "__main__":
    sys.exit(main())
