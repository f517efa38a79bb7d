import pytest
from django.core.management import call_command

from proposals.models import Proposal
from tests.browser.conftest import assert_accessible, follow, login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_provider_prepares_a_proposal_and_the_pages_are_accessible(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login(page, "aanbieder")
    follow(
        page,
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Voorstellen"),
    )
    assert_accessible(page)
    assert (
        page.get_by_text("GGZ Leiden Jeugd (demo)", exact=True).count() == 0
    )  # proposals of other providers only
    follow(
        page,
        page.get_by_role(
            "link", name="Nieuw voorstel voor Tijdelijk Fonds Jeugdhulp Holland Rijnland"
        ),
    )
    assert_accessible(page)
    page.get_by_label("Titel").fill("Samen thuis: ambulante hulp bij LVB en GGZ")
    page.get_by_label("Samenvatting").fill("Ambulante hulp die LVB en GGZ verbindt.")
    page.get_by_label("Contactpersoon").fill("A. Bakker")
    page.get_by_label("Gevraagd bedrag 2018 (euro)").fill("25000,50")
    page.get_by_label("GGZ / psychiatrie × Ambulant").check()
    page.get_by_label("GGZ / psychiatrie × Residentieel").check()
    page.get_by_label("Wij verklaren dat het geld geen wachtlijsten financiert").check()
    page.get_by_label("Wat is innovatief aan het project?").fill("Eén team voor LVB en GGZ.")
    follow(page, page.get_by_role("button", name="Opslaan"))
    assert page.get_by_text("is aangemaakt als concept").is_visible()
    # a draft may leave criteria open; the page shows the answer and what is still open
    assert "Eén team voor LVB en GGZ." in page.get_by_test_id("criteria").inner_text()
    assert (
        "nog geen antwoord op: Transformatiedoelen" in page.get_by_test_id("blockers").inner_text()
    )
    # one row only: the page says why it cannot go on an agenda
    assert "voldoet niet aan de matrixregel" in page.get_by_test_id("matrix-problem").inner_text()
    assert "nog geen doelen" in page.get_by_test_id("blockers").inner_text()
    assert_accessible(page)
    proposal = Proposal.objects.get(title="Samen thuis: ambulante hulp bij LVB en GGZ")
    assert proposal.requested_amounts.get().amount.amount == 25000.50
    assert list(proposal.applicants.values_list("slug", flat=True)) == ["jeugdhulp-rijnland"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordinator_pages_for_spuk_are_accessible(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    waiting = Proposal.objects.get(title="Expertteam-uren en vacatiegelden 2021")
    partial = Proposal.objects.get(title="Doorbraakaanpak LIV-doelgroep")
    login(page, "rotterdam")
    page.goto(f"/voorstellen/{partial.pk}/")
    assert "Nog niet beoordeeld: Rechtmatig 1" in page.get_by_test_id("blockers").inner_text()
    assert_accessible(page)
    page.goto(f"/voorstellen/{waiting.pk}/")
    assert_accessible(page)
    page.get_by_label("Besluit", exact=True).select_option("adopted")
    page.get_by_label("Motivering besluit").fill("Past in de ontwikkelagenda 2021.")
    follow(page, page.get_by_role("button", name="Besluit vastleggen"))
    assert page.get_by_test_id("status").inner_text() == "Aangenomen"
    assert "Besluit coördinerende gemeente" in page.get_by_test_id("decision").inner_text()
    assert_accessible(page)
    follow(
        page,
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vergaderingen"),
    )
    assert_accessible(page)
