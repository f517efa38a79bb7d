"""`make bench`: each benchmark times our code against a floor (the least work that gives the
same numbers) in one run, and prints `bench NAME: ours X ms, floor Y ms, ratio R`.

Benchmarks live in `bench/bench_<app>.py`: a `setup()` that generates data at national scale
and `BENCHES = [(name, ours, floor), ...]` of zero-argument callables. Timing is the best of
several interleaved repeats, so a noisy shared machine hurts both sides alike.
"""

import argparse
import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("only", nargs="*", help="run only benchmarks whose name contains one of these")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

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
    if own_database and db.exists():
        db.unlink()
    call_command("migrate", verbosity=0)

    failures = 0
    modules = sorted(m.name for m in pkgutil.iter_modules([str(ROOT / "bench")]) if m.name.startswith("bench_"))
    for name in modules:
        module = importlib.import_module(f"bench.{name}")
        benches = [b for b in module.BENCHES if not args.only or any(o in b[0] for o in args.only)]
        if not benches:
            continue
        started = time.perf_counter()
        module.setup()
        print(f"# {name}: data generated in {time.perf_counter() - started:.1f} s", flush=True)
        for bench_name, ours, floor in benches:
            ours(), floor()  # warm caches and connections
            best_ours = best_floor = float("inf")
            for _ in range(args.repeat):
                t = time.perf_counter()
                ours()
                best_ours = min(best_ours, time.perf_counter() - t)
                t = time.perf_counter()
                floor()
                best_floor = min(best_floor, time.perf_counter() - t)
            ratio = best_ours / best_floor if best_floor > 0 else float("inf")
            print(f"bench {bench_name}: ours {best_ours * 1000:.1f} ms, floor {best_floor * 1000:.1f} ms, ratio {ratio:.2f}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
