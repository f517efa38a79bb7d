"""An unexpected error while a BSN is being handled: the error report (e-mailed to admins in
production) shows neither the POSTed BSN nor the local variables that hold it."""

import sys

from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from allocations.views import clients
from core.models import Provider


def test_error_report_hides_the_bsn(alloc_demo, settings, monkeypatch):
    settings.DEBUG = False

    def broken_encrypt(bsn):
        raise RuntimeError("disk full")

    monkeypatch.setattr("allocations.bsn.encrypt_bsn", broken_encrypt)
    provider = Provider.objects.get(slug="ggz-leiden-jeugd")
    request = RequestFactory().post(
        f"/budgetten/aanbieder/{provider.slug}/clienten/nieuw/?jaar=2016",
        {"product": provider.products.first().pk, "bsn": "999996642", "intake_on": "2016-11-02"},
    )
    request.user = get_user_model().objects.get(username="aanbieder-ggz")
    request.session = {}
    request._messages = FallbackStorage(request)
    try:
        clients.client_new(request, slug=provider.slug)
    except RuntimeError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    else:  # pragma: no cover - the monkeypatch makes the view fail
        raise AssertionError("the view should have failed")
    assert "disk full" in report
    assert "999996642" not in report
    assert "bsn" in report and "********" in report  # the parameter is there, its value cleansed


def test_the_server_error_log_masks_the_bsn(as_user, settings, monkeypatch):
    """What the operator reads on the console when registering a client fails: the request and
    the traceback, with the BSN masked also where the exception's own message repeats it."""
    from tests.core.logging_helpers import project_logging

    def broken_encrypt(bsn):
        raise RuntimeError(f"kan {bsn} niet versleutelen")

    monkeypatch.setattr("allocations.bsn.encrypt_bsn", broken_encrypt)
    client = as_user("aanbieder-ggz")
    client.raise_request_exception = False
    provider = Provider.objects.get(slug="ggz-leiden-jeugd")
    url = f"/budgetten/aanbieder/{provider.slug}/clienten/nieuw/"
    with project_logging() as console:
        response = client.post(
            f"{url}?jaar=2016",
            {
                "product": provider.products.first().pk,
                "bsn": "111222333",
                "intake_on": "2016-11-02",
            },
        )
    assert response.status_code == 500
    output = console.getvalue()
    assert f"Internal Server Error: {url}" in output
    assert "RuntimeError: kan ********* niet versleutelen" in output
    assert "111222333" not in output
