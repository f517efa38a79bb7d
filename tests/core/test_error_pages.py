"""Error pages speak Dutch, keep the site's layout and show no URL patterns, code or traceback."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error


@pytest.mark.django_db
def test_a_missing_page_is_dutch_in_the_layout_without_url_patterns(client_as, two_user, settings):
    settings.DEBUG = False
    response = client_as(two_user).get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html and "Hoofdmenu" in html and "Naar uw overzicht" in html
    assert (
        "urlpatterns" not in html
        and "voorstellen/&lt;int:pk&gt;" not in html
        and "Traceback" not in html
    )


@pytest.mark.django_db
def test_a_refused_page_is_dutch(client_as, settings):
    from core.roles import Role
    from tests.factories import ProviderFactory, make_user

    settings.DEBUG = False
    provider = make_user("aanbieder-x", Role.PROVIDER, provider=ProviderFactory())
    response = client_as(provider).get("/budgetten/regio/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode() and "Hoofdmenu" in response.content.decode()


def test_a_server_error_is_dutch_and_shows_no_code():
    response = server_error(RequestFactory().get("/voorstellen/1/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html and "Jeugdfonds" in html and "niets half opgeslagen" in html
    assert "Traceback" not in html and "/voorstellen/1/" not in html


def test_no_user_page_gives_command_line_hints():
    from pathlib import Path

    from django.conf import settings

    pages = [
        p for p in (Path(settings.BASE_DIR) / "templates").rglob("*.html") if "pdf" not in p.parts
    ]
    hinted = [
        str(p)
        for p in pages
        if "manage.py" in p.read_text(encoding="utf-8")
        or "opdrachtregel" in p.read_text(encoding="utf-8")
    ]
    assert hinted == []
