"""The benchmarks (`make bench`) run on the current schema: every bench module's setup() and a
call of each ours and floor, at tiny sizes, so a migration that breaks bench/ fails `make test`
instead of the next `make bench`. And ours makes as many queries at the second tiny size as at
the first: the issues' "query count constant"."""

import importlib
import pkgutil

import pytest
from django.db import connection, reset_queries, transaction
from django.test.utils import CaptureQueriesContext

import bench
from bench import national, pages

MODULES = sorted(
    m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
)


def _run_at_size(monkeypatch, module, size: int) -> dict[str, int]:
    """Setup and a call of each floor and ours at one of the two tiny sizes (SMOKE_SIZES of the
    module and of bench.national); returns the queries of a second call of each ours and floor."""
    for target in (national, module):
        for constant, value in getattr(target, "SMOKE_SIZES", ({}, {}))[size].items():
            monkeypatch.setattr(target, constant, value)
    queries = {}
    with transaction.atomic():
        module.setup()
        for name, ours, floor in module.BENCHES:
            for side, call in (("ours", ours), ("floor", floor)):
                call()  # the first call warms caches, as in the runner
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    call()
                queries[f"{name} ({side})"] = len(captured)
        transaction.set_rollback(True)  # the next size starts from an empty database
    return queries


@pytest.mark.django_db
@pytest.mark.parametrize("name", MODULES)
def test_bench_runs_at_two_tiny_sizes_with_constant_queries(name, monkeypatch, settings):
    pages.use_bench_urls(settings)  # the page floors, as the bench runner routes them
    module = importlib.import_module(f"bench.{name}")

    smaller = _run_at_size(monkeypatch, module, 0)
    larger = _run_at_size(monkeypatch, module, 1)

    growing = {
        bench_name: (smaller[bench_name], larger[bench_name])
        for bench_name in smaller
        if smaller[bench_name] != larger[bench_name]
    }
    assert not growing, f"queries (smaller size, larger size) differ: {growing}"
