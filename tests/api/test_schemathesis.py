"""Property-based tests from the schema (schemathesis): every operation, with generated
parameters and a valid token of a TWO user, answers without a 500 and as the schema says."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def token_header(db, two_user):
    """A TWO user's token, and a fund with a tranche to read. The WSGI app runs in this test's
    transaction: like Django's test client, it must not close the connection after a request."""
    from django.core import signals
    from django.db import close_old_connections

    from api.services import issue_token
    from tests.factories import FundFactory, TrancheFactory

    TrancheFactory(fund=FundFactory(name="Proeffonds"))
    _, key = issue_token(two_user, "schemathesis")
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Token {key}"}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_from_schema(case, token_header):
    response = case.call(headers=token_header)
    assert response.status_code < 500, response.text
    case.validate_response(
        response,
        checks=[
            schemathesis.checks.not_a_server_error,
            response_schema_conformance,
        ],
    )
