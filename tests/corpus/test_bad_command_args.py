"""The bad-input corpus fed to the management commands (issue 12, Tests): every bad argument ends in a
CommandError (a message and a non-zero exit, no traceback), and no table changed."""

import io

from django.core.management import CommandError, call_command

from tests.corpus.test_bad_inputs import row_counts

HUGE_YEAR = "99999999999999999999"
NOWHERE = "/nonexistent-dir/out"

# command -> argument lists, each of them bad
BAD_ARGS = {
    "contributions": [
        ["no-such-fund", "2016"],
        ["tijdelijk-fonds-holland-rijnland", "abc"],
        ["tijdelijk-fonds-holland-rijnland", HUGE_YEAR],
        ["tijdelijk-fonds-holland-rijnland", "-1"],
        ["tijdelijk-fonds-holland-rijnland", "٢٠١٦"],
        ["tijdelijk-fonds-holland-rijnland", "2016", "--format", "pdf"],
        ["tijdelijk-fonds-holland-rijnland", "2016", "--format", "xlsx"],
        ["tijdelijk-fonds-holland-rijnland", "2016", "--output", NOWHERE + ".csv"],
        ["tijdelijk-fonds-holland-rijnland", "2016", "--basis", "=1+1"],
        [],
    ],
    "spuk_verantwoording": [
        ["spuk-bren-zuid-west", HUGE_YEAR, "--format", "pdf", "--output", "/tmp/x.pdf"],
        ["spuk-bren-zuid-west", "1", "--format", "pdf", "--output", "/tmp/x.pdf"],
        ["spuk-bren-zuid-west", "2021", "--format", "doc", "--output", "/tmp/x.pdf"],
        ["spuk-bren-zuid-west", "2021", "--format", "pdf", "--output", NOWHERE + ".pdf"],
        ["tijdelijk-fonds-holland-rijnland", "2017", "--format", "pdf", "--output", "/tmp/x.pdf"],
    ],
    "forecast_template": [
        ["no-such-provider", "2016-05", "--output", "/tmp/x.xlsx"],
        ["ggz-leiden-jeugd", "2016-13", "--output", "/tmp/x.xlsx"],
        ["ggz-leiden-jeugd", f"{HUGE_YEAR}-01", "--output", "/tmp/x.xlsx"],
        ["ggz-leiden-jeugd", "٢٠١٦-٠٥", "--output", "/tmp/x.xlsx"],
        ["ggz-leiden-jeugd", "2016-05", "--output", NOWHERE + ".xlsx"],
    ],
    "import_forecast": [
        ["ggz-leiden-jeugd", "2016-05", NOWHERE + ".xlsx"],
        ["ggz-leiden-jeugd", "2016-13", "/etc/hostname"],
        ["ggz-leiden-jeugd", "2016-05", "/etc/hostname"],
        ["no-such-provider", "2016-05", "/etc/hostname"],
        ["ggz-leiden-jeugd", "2016-05", "/etc/hostname", "--user", "no-such-user"],
    ],
    "import_circular": [
        ["Circulaire", NOWHERE + ".csv", "--region", "holland-rijnland", "--year", "2019"],
        ["Circulaire", "/etc/hostname", "--region", "holland-rijnland", "--year", "2019"],
        ["Circulaire", "/etc/hostname", "--region", "no-such-region", "--year", "2019"],
        ["Circulaire", "/etc/hostname", "--region", "holland-rijnland", "--year", HUGE_YEAR],
    ],
    "norm_counts": [
        ["no-such-area"],
        ["zuid-west", "--format", "xlsx"],
        ["zuid-west", "--output", NOWHERE + ".csv"],
    ],
    "decision_letter": [
        ["no-such-number", "--output", "/tmp/x.pdf"],
        ["=1+1", "--output", NOWHERE + ".pdf"],
    ],
    "send_notifications": [
        ["--datum", "0001-01-01"],
        ["--datum", "9999-12-31"],
        ["--datum", "abc"],
        ["--datum", HUGE_YEAR + "-01-01"],
    ],
}


def test_every_bad_command_argument_is_a_command_error_and_changes_nothing(demo):
    before = row_counts()
    problems = []
    for command, cases in BAD_ARGS.items():
        for args in cases:
            try:
                call_command(command, *args, stdout=io.StringIO(), stderr=io.StringIO())
            except CommandError as exc:
                if not str(exc).strip():
                    problems.append(f"{command} {args}: an empty message")
            except Exception as exc:  # noqa: BLE001 - the point: anything else is a traceback for the operator
                problems.append(f"{command} {args}: {type(exc).__name__}: {str(exc)[:200]}")
            else:
                problems.append(f"{command} {args}: accepted")
    assert problems == []
    assert row_counts() == before
    assert sum(len(cases) for cases in BAD_ARGS.values()) == 38
