"""An unexpected error while a BSN is being handled: the error report (e-mailed to admins in
production) shows neither the POSTed BSN nor the local variables that hold it."""

import sys

from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from allocations import views
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
        views.client_new(request, slug=provider.slug)
    except RuntimeError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    else:  # pragma: no cover - the monkeypatch makes the view fail
        raise AssertionError("the view should have failed")
    assert "disk full" in report
    assert "999996642" not in report
    assert "bsn" in report and "********" in report  # the parameter is there, its value cleansed
