"""The proposal list's buttons and fund filter read their funds in one query
(proposals.selectors.proposal_list_funds): the same funds in the same order as the two queries they
replace, for every demo user."""

from django.contrib.auth import get_user_model

from core.permissions import staff_organisation_ids
from core.roles import roles_of
from fund.models import Fund
from fund.selectors import funds_visible_to
from proposals.selectors import proposal_fund_candidates, proposal_list_funds


def _prime(user):
    roles_of(user)
    staff_organisation_ids(user)
    profile = getattr(user, "profile", None)
    if profile is not None and profile.region_id:
        profile.region  # noqa: B018 (read once: a region's funds are those of its landsdeel too)


def test_the_same_funds_as_the_candidates_and_the_visible_funds(
    demo, django_assert_max_num_queries
):
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    assert users.count() >= 5
    Fund.objects.create(  # a second fund starting the same day: the order by name decides
        name="Aaa eerder op naam",
        slug="aaa",
        kind=Fund.Kind.ONE_OFF,
        region=Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland").region,
        managed_by=Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland").managed_by,
        term_start=Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland").term_start,
        term_end=Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland").term_end,
    )
    seen_some = False
    for user in users:
        expected_offered = (
            []
            if getattr(getattr(user, "profile", None), "provider_id", None)
            else list(funds_visible_to(user))
        )
        _prime(user)  # as a page has read them before its view runs
        with django_assert_max_num_queries(1):
            candidates, offered = proposal_list_funds(user)
        assert candidates == list(proposal_fund_candidates(user)), user.username
        assert offered == expected_offered, user.username
        seen_some = seen_some or (candidates and offered)
    assert seen_some
