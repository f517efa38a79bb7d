"""seed 002 §2.2 rule 6: a PxQ request states how the provider contributed to scaling down,
referring back and shortening trajectories, and shows that its waiting list comes from higher
demand; the request page shows the waiting list and its trend from the latest forecasts beside it."""

import re
from decimal import Decimal

import pytest

from allocations.exceptions import AllocationError
from allocations.models import BudgetRequest, Product
from allocations.services import budget_requests as request_services
from core.models import Provider
from tests.allocations.factories import RULE_6_TEXT

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("missing", list(request_services.RULE_6))
def test_without_any_of_the_four_nothing_is_submitted(world, missing):
    provider = world.provider("aanbieder-r6", budget_units=None)
    before = BudgetRequest.objects.count()
    with pytest.raises(
        AllocationError,
        match=f"De aanvraag is niet ingediend. Vermeld ook {request_services.RULE_6[missing]}.",
    ):
        request_services.budget_request_submit(
            provider=provider,
            year=2016,
            quantities={provider.hours: Decimal("10")},
            motivation="Wachtlijst",
            user=provider.user,
            **{**RULE_6_TEXT, missing: "  "},
        )
    assert BudgetRequest.objects.count() == before


def test_the_form_refuses_a_request_without_them_with_dutch_messages(as_user):
    client = as_user("aanbieder")
    provider = Provider.objects.get(slug="jeugdhulp-rijnland")
    product = Product.objects.filter(provider=provider).order_by("code").first()
    before = BudgetRequest.objects.count()
    response = client.post(
        f"/budgetten/aanbieder/{provider.slug}/aanvragen/nieuw/?jaar=2016",
        {f"q_{product.pk}": "10", "motivation": "Wachtlijst"},
    )
    page = text(response.content.decode())
    assert response.status_code == 200
    for message in (
        "Vermeld hoe u heeft bijgedragen aan afschaling.",
        "Vermeld hoe u heeft bijgedragen aan terugverwijzing.",
        "Vermeld hoe u heeft bijgedragen aan verkorting van trajecten.",
        "Toon aan dat de wachtlijst door verhoogde vraag komt.",
    ):
        assert message in page
    assert BudgetRequest.objects.count() == before


def test_each_demo_request_has_its_own_text_beside_the_waiting_lists_of_the_latest_forecasts(
    as_user,
):
    client = as_user("two")
    requests = list(BudgetRequest.objects.select_related("provider").order_by("provider__slug"))
    assert len(requests) == 4  # three in Holland Rijnland, one in the Midden-Holland demo fund
    for field in ("motivation", *request_services.RULE_6):
        assert len({getattr(r, field) for r in requests}) == 4, field  # no shared stock sentence
    lvb = next(r for r in requests if r.provider.slug == "lvb-zorg-bollenstreek")
    html = client.get(
        f"/budgetten/aanbieder/{lvb.provider.slug}/aanvragen/{lvb.pk}/"
    ).content.decode()
    motivation = text(html[html.index('data-testid="motivation"') :])
    assert (
        "Bijdrage aan afschaling Jongeren uit verblijf eerder naar ambulante begeleiding thuis"
        in motivation
    )
    assert (
        "Wachtlijst door verhoogde vraag Instroom in verblijf 2015 hoger dan begroot" in motivation
    )
    waiting = text(html[html.index('data-testid="waiting-lists"') :])
    # the provider's December forecast against November (demo.budgets: WAITING)
    assert "Laatste prognose: 12-2016, vergeleken met 11-2016." in waiting
    rows = re.findall(r"(\d\d[A-Z]\d\d) [^0-9]+ (\d+) [\d,]+ (stijgt|daalt|gelijk)", waiting)
    assert rows and all(code for code, _, _ in rows)


def test_the_database_refuses_a_request_without_rule_6(world):
    from django.db import IntegrityError, transaction

    provider = world.provider("aanbieder-r6db", budget_units=None)
    request = request_services.budget_request_submit(
        provider=provider,
        year=2016,
        quantities={provider.hours: Decimal("10")},
        motivation="Wachtlijst",
        user=provider.user,
        **RULE_6_TEXT,
    )
    for field in request_services.RULE_6:
        with pytest.raises(IntegrityError), transaction.atomic():
            BudgetRequest.objects.filter(pk=request.pk).update(**{field: ""})
