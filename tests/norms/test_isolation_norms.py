"""The site-wide walk (tests/core/test_provider_isolation.py) tries every norms URL as 'aanbieder';
here: it gets a 404 for every area, plan and inspection report of the demo, and sees only its own action."""

from norms.models import Action, Area, InspectionReport


def test_aanbieder_gets_404_for_every_area_and_report_and_others_actions(demo_client):
    client = demo_client("aanbieder")
    for slug in Area.objects.values_list("slug", flat=True):
        for url in (
            f"/normen/gebied/{slug}/",
            f"/normen/gebied/{slug}/uitvoeringsplan/",
            f"/normen/gebied/{slug}/trend.pdf",
            f"/normen/gebied/{slug}/uitvoeringsplan/uitvoeringsplan.xlsx",
            f"/normen/gebied/{slug}/tellingen/sjabloon.xlsx",
        ):
            assert client.get(url).status_code == 404, url
    for report in InspectionReport.objects.all():
        assert client.get(f"/normen/inspectie/{report.pk}/").status_code == 404
    own = Action.objects.get(owner_provider__slug="jeugdhulp-rijnland")
    for action in Action.objects.exclude(pk=own.pk):
        assert client.get(f"/normen/acties/{action.pk}/").status_code == 404
    page = client.get(f"/normen/acties/{own.pk}/").content.decode()
    assert "Regel het, of leg uit" in page and "Stand van zaken bijwerken" in page
    index = client.get("/normen/").content.decode()
    assert "Zuid-West" not in index and "Regel het, of leg uit" in index
