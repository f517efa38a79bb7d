"""`make bench` marks a ratio above 3 and a failed module in its summary and then exits non-zero."""

from bench.__main__ import Result, peak_memory_mb, summarize


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
