"""The console log as the project configures it (settings.LOGGING) never shows a BSN: not in a
message, its arguments, a traceback or a stack, and not through Django's own loggers either."""

import logging

import pytest

from core.logging import RedactBsnFilter
from tests.core.logging_helpers import project_logging, reachable_handlers

BSN = "111222333"  # passes the 11-check; a test number, not a person


def _log_everything():
    log = logging.getLogger("django.request")
    log.warning("Ongeldige invoer %s bij opname", BSN)
    log.error("Opname van cliënt 111222333 mislukt")
    try:
        raise ValueError(f"BSN {BSN} is al geregistreerd")
    except ValueError:
        log.exception("Fout bij het vastleggen van %s", BSN)
    log.warning("Stapel bij opname 111222333", stack_info=True)
    logging.getLogger("allocations.services").error(
        "Aanbieder meldt %s", BSN, exc_info=ValueError(f"x {BSN}")
    )
    logging.getLogger("django.server").warning(
        '"%s" %s %s', f"GET /budgetten/?bsn={BSN} HTTP/1.1", 500, 0
    )


@pytest.mark.parametrize("debug", [True, False])
def test_console_shows_only_the_masked_bsn(settings, debug):
    settings.DEBUG = debug  # Django's default console handler writes only in DEBUG
    with project_logging() as console:
        _log_everything()
    output = console.getvalue()
    assert "Ongeldige invoer ********* bij opname" in output
    assert "Opname van cliënt ********* mislukt" in output
    assert "Fout bij het vastleggen van *********" in output
    assert "Traceback (most recent call last)" in output
    assert "ValueError: BSN ********* is al geregistreerd" in output
    assert "Stack (most recent call last)" in output
    assert "Aanbieder meldt *********" in output and "ValueError: x *********" in output
    assert "GET /budgetten/?bsn=********* HTTP/1.1" in output
    assert BSN not in output


def test_each_record_is_written_once(settings):
    settings.DEBUG = True
    with project_logging() as console:
        logging.getLogger("django.request").error("Internal Server Error: /budgetten/")
        logging.getLogger("allocations").error("Prognose niet opgeslagen")
    output = console.getvalue()
    assert output.count("Internal Server Error: /budgetten/") == 1
    assert output.count("Prognose niet opgeslagen") == 1


def test_every_handler_of_the_configured_loggers_masks_bsns():
    with project_logging():
        handlers = reachable_handlers()
    assert {name for name, _handler in handlers} >= {"root", "django", "django.server"}
    unfiltered = [
        (name, handler)
        for name, handler in handlers
        if not any(isinstance(f, RedactBsnFilter) for f in handler.filters)
    ]
    assert unfiltered == []
