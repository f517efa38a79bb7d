"""`make loadtest` prints per page its requests, requests per second, p50, p95 and errors from
locust's statistics, and exits non-zero when a request failed or a page's p95 is above 500 ms."""

import csv

from bench.loadtest import report

HEADER = ["Type", "Name", "Request Count", "Failure Count", "50%", "95%", "Requests/s"]


def _stats(tmp_path, rows):
    path = tmp_path / "stats_stats.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_every_page_within_500_ms_and_no_errors_passes(tmp_path, capsys):
    path = _stats(
        tmp_path,
        [
            ["GET", "home", 600, 0, 40, 120, 10.0],
            ["GET", "vote page", 150, 0, 90, 310, 2.5],
            ["", "Aggregated", 750, 0, 50, 200, 12.5],
        ],
    )

    assert report(path) == 0
    out = capsys.readouterr().out
    assert "loadtest vote page: requests 150, 2.5 per s, p50 90 ms, p95 310 ms, errors 0  ok" in out


def test_a_slow_page_or_an_error_fails(tmp_path, capsys):
    slow = _stats(tmp_path, [["GET", "fund page", 100, 0, 300, 640, 1.7]])
    assert report(slow) == 1
    assert "p95 640 ms, errors 0  ABOVE" in capsys.readouterr().out

    failing = _stats(tmp_path, [["GET", "home", 100, 2, 30, 90, 1.7]])
    assert report(failing) == 1
