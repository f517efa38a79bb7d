"""`make bench` marks a ratio above 3 and a failed module in its summary and then exits non-zero."""

from bench.__main__ import Result, summarize


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
