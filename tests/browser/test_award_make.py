import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, follow, login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_makes_an_award_that_is_booked_at_once_and_reads_the_letter_texts(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login(page, "two")
    page.goto("/voorstellen/?status=adopted")
    follow(
        page, page.get_by_role("link", name="Kortdurend verblijf met behandeling bij LVB en GGZ")
    )
    assert (
        "Gerekend als tweederde van het stemgewicht van alle leden"
        in page.get_by_test_id("decision-basis").inner_text()
    )
    follow(page, page.get_by_role("link", name="Toekenning vastleggen"))
    assert_accessible(page)
    room = page.get_by_test_id("award-room").inner_text()
    assert "Nog toe te kennen" in room
    form = page.get_by_test_id("award-form")
    form.get_by_label("Begrotingsjaar").fill("2018")
    form.get_by_label("Bedrag (€)").fill("99999999")
    form.get_by_label("Periode van").fill("2018-01-01")
    form.get_by_label("Periode tot en met").fill("2018-12-31")
    follow(page, page.get_by_role("button", name="Toekennen en verplichting boeken"))
    alert = page.get_by_role("alert").inner_text()
    assert "Het fonds kan nog" in alert and "past daar niet in. Er is niets vastgelegd." in alert
    assert_accessible(page)
    page.get_by_test_id("award-form").get_by_label("Bedrag (€)").fill("180000")
    follow(page, page.get_by_role("button", name="Toekennen en verplichting boeken"))
    assert page.get_by_text("is vastgelegd en als verplichting geboekt").is_visible()
    assert page.get_by_test_id("status").inner_text() == "Toegekend"
    follow(page, page.get_by_role("link", name="Teksten van de beschikkingen"))
    assert "binnen zes weken" in page.get_by_test_id("template-source").nth(3).inner_text()
    assert_accessible(page)
