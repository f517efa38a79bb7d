"""Issue 14: forms take Dutch amounts and pages show them back to the cent. A provider asks a PxQ
budget of "12.500,50" units at € 1,00 and sees € 12.500,50 on the request and on its list; TWO
grants "12.500" (a Dutch thousands point, not twelve and a half) and awards a project "75.000"."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LVB = "/budgetten/aanbieder/lvb-zorg-bollenstreek/"
RULE_6 = {
    "Toelichting": "Extra uren outputbegeleiding voor de wachtlijst.",
    "Bijdrage aan afschaling": "Eerder afgeschaald naar het JGT.",
    "Bijdrage aan terugverwijzing": "Lichte vragen terugverwezen naar het JGT.",
    "Bijdrage aan verkorting van trajecten": "Trajecten begrensd op twaalf weken.",
    "Wachtlijst door verhoogde vraag": "Meer aanmeldingen dan in 2015 bij gelijke uitstroom.",
}


def test_a_provider_asks_12_500_50_and_sees_it_to_the_cent_and_staff_enter_dutch_thousands(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    # TWO puts an output product (P = € 1,00 per unit of output) on the provider's list and the tariff list
    login(page, "two")
    page.goto(LVB + "producten/nieuw/")
    page.get_by_label("iJw-productcode").fill("45A09")
    page.get_by_label("Naam (functie of hulpvorm)").fill("Outputbegeleiding LVB")
    page.get_by_label("iJw-productcategorie").select_option("45")
    page.get_by_label("Eenheid", exact=True).select_option("82")
    follow(page, page.get_by_role("button", name="Opslaan"))
    page.goto("/budgetten/tarieven/?regio=holland-rijnland&jaar=2016")
    form = page.locator("form[method=post]")
    form.get_by_label("iJw-productcode").fill("45A09")
    form.get_by_label("Eenheid", exact=True).select_option("82")
    form.get_by_label("Prijs per eenheid (€)").fill("1,00")
    follow(page, page.get_by_role("button", name="Tarief vastleggen"))
    assert "€ 1,00" in page.get_by_test_id("tariffs").locator("tr", has_text="45A09").inner_text()
    follow(page, page.get_by_role("button", name="Uitloggen"))

    # the provider asks 12.500,50 units, written the Dutch way
    login(page, "aanbieder-lvb")
    page.goto(LVB + "aanvragen/nieuw/?jaar=2016")
    assert_accessible(page)
    page.get_by_label("Aantal stuks (output) 45A09 Outputbegeleiding LVB").fill("12.500,50")
    for label, text in RULE_6.items():
        page.get_by_label(label, exact=True).fill(text)
    follow(page, page.get_by_role("button", name="Aanvraag indienen"))
    assert "/aanvragen/" in page.url and "/nieuw/" not in page.url
    line = page.get_by_test_id("request-lines").locator("tbody tr", has_text="45A09").inner_text()
    assert line.split("\t")[1:4] == ["€ 1,00", "12.500,50", "€ 12.500,50"]
    assert page.get_by_test_id("request-total").inner_text() == "€ 12.500,50"
    assert "12.501" not in page.inner_text("main")
    assert_accessible(page)
    detail = page.url
    ours = page.get_by_role(
        "link", name=f"Aanvraag {detail.rstrip('/').rsplit('/', 1)[1]}", exact=True
    )
    page.goto(LVB + "?jaar=2016")
    row = page.get_by_test_id("requests").locator("tbody tr").filter(has=ours)
    assert row.inner_text().split("\t")[2:] == ["Ingediend", "€ 12.500,50", "—"]
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Uitloggen"))

    # TWO sees the asked quantity back in the decision form and grants "12.500": twelve thousand five hundred
    login(page, "two")
    page.goto(detail)
    granted = page.get_by_label("Toegekend aantal 45A09")
    assert granted.input_value() == "12.500,50"
    granted.fill("12.500")
    follow(page, page.get_by_role("button", name="Besluit vastleggen"))
    line = page.get_by_test_id("request-lines").locator("tbody tr", has_text="45A09").inner_text()
    assert line.split("\t")[4] == "12.500 = € 12.500,00"
    page.goto(LVB + "?jaar=2016")
    row = page.get_by_test_id("requests").locator("tbody tr").filter(has=ours)
    assert row.inner_text().split("\t")[2:] == [
        "Gedeeltelijk toegekend",
        "€ 12.500,50",
        "€ 12.500,00",
    ]

    # and awards an adopted project "75.000" euro
    page.goto("/voorstellen/?status=adopted")
    follow(
        page, page.get_by_role("link", name="Kortdurend verblijf met behandeling bij LVB en GGZ")
    )
    follow(page, page.get_by_role("link", name="Toekenning vastleggen"))
    form = page.get_by_test_id("award-form")
    form.get_by_label("Begrotingsjaar").fill("2018")
    form.get_by_label("Bedrag (€)").fill("75.000")
    form.get_by_label("Periode van").fill("2018-01-01")
    form.get_by_label("Periode tot en met").fill("2018-12-31")
    follow(page, page.get_by_role("button", name="Toekennen en verplichting boeken"))
    assert page.get_by_text("is vastgelegd en als verplichting geboekt").is_visible()
    assert "€ 75.000,00" in page.inner_text("main")
    assert_accessible(page)
