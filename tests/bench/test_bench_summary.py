"""`make bench` marks a ratio above 3 and a failed module in its summary and then exits non-zero."""

import time

from bench.__main__ import (
    MAX_PAIRS,
    QUICK_SECONDS,
    Result,
    best_of_pairs,
    peak_memory_mb,
    summarize,
)


def test_summary_marks_ratios_above_3_and_exits_non_zero():
    lines, status = summarize(
        [Result("fund_page", ratio=1.4, queries=6), Result("fund_xlsx", ratio=3.2, queries=2)]
    )

    assert "ok       fund_page: ratio 1.40, queries 6" in lines
    assert "ABOVE 3  fund_xlsx: ratio 3.20, queries 2" in lines
    assert status == 1


def test_summary_marks_a_failed_module_and_exits_non_zero():
    lines, status = summarize(
        [
            Result("bench_allocations", error="setup: IntegrityError: NOT NULL constraint failed"),
            Result("fund_page", ratio=1.4, queries=6),
        ]
    )

    assert "FAILED   bench_allocations: setup: IntegrityError: NOT NULL constraint failed" in lines
    assert lines[-1] == "# 1 ok, 0 above 3, 1 failed"
    assert status == 1


def test_all_ratios_within_3_exit_zero():
    _, status = summarize([Result("fund_page", ratio=3.0, queries=6)])

    assert status == 0


def test_an_export_shows_its_peak_memory_and_above_300_mb_it_fails():
    lines, status = summarize(
        [
            Result("accounting_spuk_xlsx", ratio=1.2, queries=4, peak_mb=120.4),
            Result("accounting_spuk_pdf", ratio=1.1, queries=4, peak_mb=301),
        ]
    )

    assert "ok       accounting_spuk_xlsx: ratio 1.20, queries 4, peak 120 MB" in lines
    assert "ABOVE 300 MB accounting_spuk_pdf: ratio 1.10, queries 4, peak 301 MB" in lines
    assert status == 1


def test_peak_memory_counts_what_one_call_holds_at_once():
    def hold_20_mb():
        block = bytearray(20_000_000)
        return len(block)

    assert 19 < peak_memory_mb(hold_20_mb) < 25
    assert peak_memory_mb(lambda: None) < 1


def test_bench_scale_multiplies_every_size_but_the_unscaled(monkeypatch):
    from types import SimpleNamespace

    from bench.national import scale_sizes

    module = SimpleNamespace(
        N_PROPOSALS=5000,
        N_ITEMS=10,
        PROJECTS={"regional_big": 1500, "spuk": 350},
        SMOKE_SIZES=({"N_PROPOSALS": 2, "N_ITEMS": 1, "PROJECTS": {}}, {}),
        UNSCALED=("N_ITEMS",),
    )

    sizes = scale_sizes(module, 10)

    assert module.N_PROPOSALS == 50_000 and module.N_ITEMS == 10
    assert module.PROJECTS == {"regional_big": 15_000, "spuk": 3_500}
    assert sizes == {"N_PROPOSALS": 50_000, "PROJECTS": {"regional_big": 15_000, "spuk": 3_500}}


def test_bench_scale_refuses_what_is_not_a_whole_number(monkeypatch):
    import pytest

    from bench.__main__ import bench_scale

    monkeypatch.setenv("BENCH_SCALE", "tien")
    with pytest.raises(SystemExit, match="BENCH_SCALE must be a whole number"):
        bench_scale()
    monkeypatch.setenv("BENCH_SCALE", "10")
    assert bench_scale() == 10


def _counted(seconds: float):
    calls = []

    def call():
        calls.append(1)
        time.sleep(seconds)

    return call, calls


def test_a_quick_benchmark_is_timed_in_more_pairs_than_asked_and_a_slow_one_as_asked():
    ours, ours_calls = _counted(0.001)
    floor, floor_calls = _counted(0.0005)
    best_ours, best_floor = best_of_pairs(ours, floor, 1)
    assert 1 < len(ours_calls) == len(floor_calls) <= MAX_PAIRS
    assert best_ours >= 0.001 and best_floor >= 0.0005

    slow, slow_calls = _counted(QUICK_SECONDS / 2)
    quick, _ = _counted(0)
    best_of_pairs(slow, quick, 2)
    assert len(slow_calls) == 2  # two pairs already took QUICK_SECONDS: no more


def test_the_best_of_the_pairs_is_the_least_time_of_each_side():
    times = iter([0.03, 0.01, 0.02, 0.01, 0.02])

    def ours():
        time.sleep(next(times, 0.02))

    best_ours, _ = best_of_pairs(ours, lambda: None, 5)
    assert 0.01 <= best_ours < 0.015


def test_quick_benchmarks_then_exports_then_the_largest_export_last():
    """A run bounded in time (CI) stops during the national overview's PDF (minutes): what runs
    before it has its figures on record, the other exports too."""
    import types

    from bench import bench_accounting
    from bench.__main__ import bench_pass

    module = types.SimpleNamespace(LAST={"big_pdf"})
    assert [bench_pass(module, n) for n in ("page", "page_selector", "a_xlsx", "a_pdf")] == [
        0,
        0,
        1,
        1,
    ]
    assert bench_pass(module, "big_pdf") == 2
    assert bench_pass(types.SimpleNamespace(), "big_pdf") == 1  # LAST is optional
    stages = {name: bench_pass(bench_accounting, name) for name, _, _ in bench_accounting.BENCHES}
    assert stages["accounting_overview_pdf"] == stages["accounting_spuk_pdf"] == 2
    assert stages["accounting_spuk_xlsx"] == stages["accounting_overview_xlsx"] == 1
    last = [name for name, stage in stages.items() if stage == 2]
    assert last == ["accounting_spuk_pdf", "accounting_overview_pdf"]  # the largest at the end
    assert stages["accounting_spuk_page"] == stages["accounting_book_payment"] == 0
