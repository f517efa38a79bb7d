"""Production logs JSON lines, one a request with user id, status and duration, BSNs masked as
everywhere; development logs plain lines."""

import json
import logging

import pytest

from config.settings import logging_config
from core.roles import Role
from tests.core.logging_helpers import project_logging
from tests.factories import make_user

pytestmark = pytest.mark.django_db
BSN = "111222333"


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_production_writes_one_json_line_a_request(client, settings):
    settings.LOGGING = logging_config("json", True)
    user = make_user("two-log", Role.TWO)
    with project_logging() as console:
        client.get("/accounts/login/")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.get("/")
        client.get("/fondsen/niet-bestaand-fonds/")
    requests = [
        entry for entry in lines(console.getvalue()) if entry["logger"] == "jeugdfonds.request"
    ]
    assert [(e["method"], e["path"], e["status"], e["user_id"]) for e in requests] == [
        ("GET", "/accounts/login/", 200, None),
        ("GET", "/", 200, user.pk),
        ("GET", "/fondsen/niet-bestaand-fonds/", 404, user.pk),
    ]
    assert all(isinstance(e["duration_ms"], float) and e["duration_ms"] >= 0 for e in requests)
    assert all(e["level"] == "INFO" and e["time"].endswith("+00:00") for e in requests)


def test_a_bsn_in_the_path_or_an_error_is_masked_in_the_json(client, settings):
    settings.LOGGING = logging_config("json", True)
    with project_logging() as console:
        client.get(f"/budgetten/cliënt/{BSN}/")
        try:
            raise ValueError(f"BSN {BSN} is al geregistreerd")
        except ValueError:
            logging.getLogger("allocations.services").exception("Fout bij %s", BSN)
    output = console.getvalue()
    assert BSN not in output
    entries = lines(output)
    assert any(e.get("path", "").endswith("/*********/") for e in entries)
    error = next(e for e in entries if e["logger"] == "allocations.services")
    assert (
        error["message"] == "Fout bij *********"
        and "ValueError: BSN ********* is al geregistreerd" in error["exception"]
    )


def test_development_writes_plain_lines_and_no_request_line(client, settings):
    settings.LOGGING = logging_config("plain", False)
    with project_logging() as console:
        client.get("/accounts/login/")
        logging.getLogger("allocations").warning("Prognose niet opgeslagen")
    output = console.getvalue()
    assert output.strip() == "Prognose niet opgeslagen"
