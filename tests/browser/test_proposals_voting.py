import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, follow, login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portfolio_holder_votes_and_two_sees_the_result(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login(page, "pho-lisse")
    follow(
        page,
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vergaderingen"),
    )
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="PHO Maatschappij: Tijdelijk Fonds, tweede ronde"))
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Stemming open"))
    assert_accessible(page)
    # before voting: who has not voted yet (Lisse among them), the turnout and the bar to two thirds
    not_voted = page.get_by_test_id("not-voted")
    assert not_voted.is_visible()
    assert (
        "7 leden hebben nog niet gestemd" in not_voted.inner_text()
        and "Lisse" in not_voted.inner_text()
    )
    assert (
        page.get_by_test_id("turnout")
        .inner_text()
        .startswith("Opkomst: 6 van 13 leden hebben gestemd")
    )
    # the bar is an image for screen readers with its meaning as its name, and a visible legend
    assert page.get_by_role(
        "img", name="de tweederdegrens ligt op 66,67%; de tweederdegrens is bereikt"
    ).is_visible()
    assert "Zwarte streep: tweederde (66,67%)" in page.get_by_test_id("vote-bar").inner_text()
    page.get_by_label("Tegen").check()
    follow(page, page.get_by_role("button", name="Stem uitbrengen"))
    assert page.get_by_text("Uw stem is vastgelegd.").is_visible()
    assert (
        page.get_by_test_id("votes").get_by_role("row", name="Lisse").inner_text().split()[-1]
        == "Tegen"
    )
    assert "Lisse" not in page.get_by_test_id("not-voted").inner_text()
    assert "6 leden hebben nog niet gestemd" in page.get_by_test_id("not-voted").inner_text()
    assert_accessible(page)
    # the portfolio holder cannot close the vote
    assert page.get_by_role("button", name="Stemming sluiten en besluit vastleggen").count() == 0
    follow(page, page.get_by_role("button", name="Uitloggen"))

    login(page, "two")
    page.goto(page.url.split("/accounts")[0] + "/voorstellen/vergaderingen/")
    follow(page, page.get_by_role("link", name="PHO Maatschappij: Tijdelijk Fonds, tweede ronde"))
    follow(page, page.get_by_role("link", name="Stemming open"))
    assert (
        page.get_by_test_id("votes").get_by_role("row", name="Lisse").inner_text().split()[-1]
        == "Tegen"
    )
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Stemming sluiten en besluit vastleggen"))
    outcome = page.get_by_test_id("outcome").inner_text()
    assert "aangenomen met tweederdemeerderheid" in outcome
    assert page.get_by_test_id("vote-state").inner_text().startswith("gesloten")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="V-TF-").first)
    assert page.get_by_test_id("status").inner_text() == "Aangenomen"
    assert_accessible(page)
