import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, follow, login

# each role's home page with the demo's items (worklists.selectors, one module per role)
EXPECTED = {
    "two": ("Werklijst TWO/AO", "screen", "V-TF-2017-002 Gezamenlijke GGZ-LVB poli"),
    "pho-lisse": ("Werklijst portefeuillehouder", "votes", "V-TF-2016-008 Samen sterker"),
    "aanbieder-lvb": ("Werklijst aanbieder", "letters", "Beschikking TF-2017-003"),
    "rotterdam": ("Werklijst coördinerende gemeente", "advice", "V-SPUK-2021-001 Expertteam-uren"),
    "regio-midden-holland": ("Werklijst jeugdhulpregio", "reports", "V-SPUK-2020-001 PAST"),
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_each_role_starts_at_its_worklist_and_the_portfolio_holder_reaches_the_vote_in_one_click(
    page,
):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    for username, (title, section, item) in EXPECTED.items():
        login(page, username)
        assert page.get_by_role("heading", name=title).is_visible()
        assert item in page.get_by_test_id(f"ws-{section}").inner_text()
        assert_accessible(page)
        if (
            username == "two"
        ):  # the demo's notifications (letters, votes, forecasts) are listed, unread
            follow(page, page.get_by_test_id("notification-count"))
            assert "Ongelezen" in page.get_by_test_id("notifications").inner_text()
            assert_accessible(page)
        if username == "pho-lisse":
            follow(
                page,
                page.get_by_test_id("ws-votes").get_by_role(
                    "link", name="V-TF-2016-008 Samen sterker"
                ),
            )
            assert "/voorstellen/agendapunten/" in page.url
            assert page.get_by_role("button", name="Stem uitbrengen").is_visible()
            assert_accessible(page)
        follow(page, page.get_by_role("button", name="Uitloggen"))
    # the empty lists say so: regio Holland Rijnland has no report to deliver
    login(page, "regio-holland-rijnland")
    assert (
        page.get_by_test_id("ws-reports")
        .get_by_text("Er is geen projectverslag te leveren.")
        .is_visible()
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_spuk_division_form_adds_lines_and_shows_a_running_total(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login(page, "rotterdam")
    # 2021 is adopted (final); 2022's division is a draft holding the research's six lines (€ 159.000)
    page.goto("/boekhouding/spuk-bren-zuid-west/spuk/2022/verdeling/")
    running = page.get_by_test_id("division-running")
    assert (
        running.inner_text()
        == "Verdeeld € 159.000,00 van € 4.850.000,00; nog te verdelen € 4.691.000,00."
    )
    assert page.locator("#division-lines fieldset").count() == 8
    page.get_by_role("button", name="Regel toevoegen").click()
    assert page.locator("#division-lines fieldset").count() == 9
    amounts = page.locator("#division-lines input[name$='-amount']")
    amounts.nth(6).fill("4000000")
    amounts.nth(8).fill("691000.5")
    assert running.inner_text() == "Verdeeld € 4.850.000,50 van € 4.850.000,00; € 0,50 te veel."
    amounts.nth(8).fill("691000")
    assert (
        running.inner_text() == "Verdeeld € 4.850.000,00 van € 4.850.000,00; precies de uitkering."
    )
    assert page.locator("#id_lines-TOTAL_FORMS").input_value() == "9"
    assert_accessible(page)
