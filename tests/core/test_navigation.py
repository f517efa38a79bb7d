import pytest

pytestmark = pytest.mark.django_db


def test_only_the_most_specific_menu_item_is_active(demo_client):
    html = demo_client("two").get("/fondsen/circulaires/").content.decode()
    assert html.count('aria-current="page"') == 1
    assert 'href="/fondsen/circulaires/" aria-current="page"' in html


def test_menu_shows_only_what_the_role_may_use(demo_client):
    html = demo_client("aanbieder").get("/").content.decode()
    assert "Circulaires" not in html and "Fondsen" not in html
