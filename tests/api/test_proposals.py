"""Proposals, meetings and awards through the API, as the demo users' systems see them."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from djmoney.money import Money

from core.models import Provider
from fund.models import Fund
from proposals.models import (
    AgendaItem,
    Award,
    DecisionLetter,
    MatrixCell,
    Meeting,
    Proposal,
    RequestedAmount,
)
from proposals.rules import matrix_rule_ok

ALL = "?page_size=500"


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_provider_sees_only_the_proposals_it_applies_for(as_user):
    mine = Provider.objects.get(slug="jeugdhulp-rijnland")
    ids = _ids(as_user("aanbieder").get(f"/api/v1/proposals/{ALL}"))
    assert ids == set(Proposal.objects.filter(applicants=mine).values_list("pk", flat=True))
    assert ids
    foreign = Proposal.objects.exclude(applicants=mine).exclude(fund__kind=Fund.Kind.SPUK).first()
    response = as_user("aanbieder").get(f"/api/v1/proposals/{foreign.pk}/")
    assert response.status_code == 404 and response.json() == {"detail": "Niet gevonden."}


def test_two_staff_see_their_organisations_proposals_only(as_user):
    hr = Proposal.objects.filter(fund__managed_by__name="TWO Jeugdhulp Holland Rijnland")
    assert _ids(as_user("two").get(f"/api/v1/proposals/{ALL}")) == set(
        hr.values_list("pk", flat=True)
    )
    other = as_user("two-midden-holland")
    assert not _ids(other.get(f"/api/v1/proposals/{ALL}")) & set(hr.values_list("pk", flat=True))
    assert other.get(f"/api/v1/proposals/{hr.first().pk}/").status_code == 404


def test_proposal_with_matrix_status_amounts_and_history(as_user):
    proposal = (
        Proposal.objects.filter(fund__slug="tijdelijk-fonds-holland-rijnland", status="completed")
        .order_by("reference")
        .first()
    )
    body = as_user("two").get(f"/api/v1/proposals/{proposal.pk}/").json()
    cells = [(c.row, c.column) for c in MatrixCell.objects.filter(proposal=proposal)]
    assert body["reference"] == proposal.reference and body["title"] == proposal.title
    assert (body["status"], body["status_display"]) == ("completed", "Afgerond")
    assert sorted((c["row"], c["column"]) for c in body["matrix"]["cells"]) == sorted(cells)
    assert body["matrix"]["rule_ok"] is matrix_rule_ok(cells)
    assert {c["column_label"] for c in body["matrix"]["cells"]} <= {
        "Ambulant",
        "Residentieel",
        "Veiligheid",
    }
    amounts = RequestedAmount.objects.filter(proposal=proposal).order_by("year")
    assert body["requested_amounts"] == [
        {"year": a.year, "amount": f"{a.amount.amount:.2f}"} for a in amounts
    ]
    assert body["transitions"][-1]["to_status"] == "completed"
    assert body["decision"]["outcome"] == "adopted"


def test_proposal_filters(as_user):
    client = as_user("two")
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    awarded = client.get(f"/api/v1/proposals/{ALL}&status=completed&fund={fund.pk}").json()
    assert awarded["count"] == Proposal.objects.filter(fund=fund, status="completed").count() > 0
    assert {(r["status"], r["fund"]) for r in awarded["results"]} == {("completed", fund.pk)}
    ggz = Provider.objects.get(slug="ggz-leiden-jeugd")
    by_provider = client.get(f"/api/v1/proposals/{ALL}&provider={ggz.pk}").json()["results"]
    assert by_provider and all(
        ggz.name in [a["name"] for a in r["applicants"]] for r in by_provider
    )
    year = RequestedAmount.objects.filter(proposal__fund=fund).order_by("year").first().year
    in_year = client.get(f"/api/v1/proposals/{ALL}&year={year}").json()["results"]
    assert in_year and all(year in [a["year"] for a in r["requested_amounts"]] for r in in_year)
    assert client.get("/api/v1/proposals/?status=bestaat-niet").status_code == 400


def test_meeting_with_decisions_tallies_and_votes(as_user):
    item = (
        AgendaItem.objects.filter(
            meeting__kind=Meeting.Kind.PHO_MAATSCHAPPIJ,
            decision__isnull=False,
            meeting__fund__slug="tijdelijk-fonds-holland-rijnland",
        )
        .select_related("decision", "meeting")
        .order_by("meeting__date", "position")
        .first()
    )
    client = as_user("pho-leiden")
    listed = client.get(f"/api/v1/meetings/{ALL}").json()["results"]
    assert item.meeting_id in [m["id"] for m in listed]
    body = client.get(f"/api/v1/meetings/{item.meeting_id}/").json()
    row = next(i for i in body["items"] if i["proposal"] == item.proposal_id)
    decision = item.decision
    assert row["decision"]["outcome"] == decision.outcome
    assert (
        row["decision"]["yes_share"]
        == f"{decision.yes_weight_numerator}/{decision.yes_weight_denominator}"
    )
    weights = [Fraction(v["weight"]) for v in row["votes"]]
    assert len(weights) == 13 and sum(weights) == 1  # the 13 municipalities, exactly the whole
    assert "Leiden" in [v["name"] for v in row["votes"]]
    assert row["tally"]["adopted"] is (decision.outcome == "adopted")
    # a provider has no meetings; another organisation's meeting is 404
    assert as_user("aanbieder").get("/api/v1/meetings/").status_code == 403
    assert (
        as_user("two-midden-holland").get(f"/api/v1/meetings/{item.meeting_id}/").status_code == 404
    )


def test_awards_with_letters_and_a_link_to_the_pdf(as_user, client):
    letter = DecisionLetter.objects.select_related("award__proposal").order_by("pk").first()
    award = letter.award
    api = as_user("two")
    body = api.get(f"/api/v1/awards/{award.pk}/").json()
    assert body["number"] == award.number and body["amount"] == f"{award.amount.amount:.2f}"
    assert body["proposal_reference"] == award.proposal.reference
    first = body["letters"][0]
    assert first["sha256"] == letter.sha256 and first["version"] == letter.version
    assert first["pdf"].startswith("http://testserver/voorstellen/")
    # the link is the site's own PDF of the letter, for the same user logged in
    del client.defaults["HTTP_AUTHORIZATION"]
    client.force_login(
        get_user_model().objects.get(username="two"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    pdf = client.get(first["pdf"].removeprefix("http://testserver"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert bytes(pdf.content) == bytes(letter.pdf)
    assert as_user("two-midden-holland").get(f"/api/v1/awards/{award.pk}/").status_code == 404


def test_award_filters(as_user):
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    year = Award.objects.filter(proposal__fund=fund).order_by("year").first().year
    rows = as_user("two").get(f"/api/v1/awards/{ALL}&fund={fund.pk}&year={year}").json()["results"]
    assert len(rows) == Award.objects.filter(proposal__fund=fund, year=year).count() > 0
    mine = Provider.objects.get(slug="jeugdhulp-rijnland")
    provider_rows = as_user("aanbieder").get(f"/api/v1/awards/{ALL}").json()["results"]
    assert {r["id"] for r in provider_rows} == set(
        Award.objects.filter(proposal__applicants=mine).values_list("pk", flat=True)
    )


# -- query counts: the same with more data -------------------------------------------------------


def _grow(n: int) -> None:
    """n more proposals in the demo's Tijdelijk Fonds, each with cells, amounts, an applicant, on a
    meeting's agenda, with an award and a letter."""
    fund = Fund.objects.get(slug="tijdelijk-fonds-holland-rijnland")
    provider = Provider.objects.get(slug="jeugdhulp-rijnland")
    meeting = Meeting.objects.create(
        fund=fund, kind=Meeting.Kind.PHO_MAATSCHAPPIJ, date=dt.date(2019, 5, 1)
    )
    for i in range(n):
        proposal = Proposal.objects.create(
            fund=fund,
            reference=f"TEST-{i}",
            title=f"T{i}",
            summary="s",
            contact="c",
            status="awarded",
        )
        proposal.applicants.add(provider)
        MatrixCell.objects.bulk_create(
            [
                MatrixCell(proposal=proposal, row=1, column=1),
                MatrixCell(proposal=proposal, row=2, column=2),
            ]
        )
        RequestedAmount.objects.create(
            proposal=proposal, year=2019, amount=Money(Decimal(1000), "EUR")
        )
        AgendaItem.objects.create(meeting=meeting, proposal=proposal, position=i + 1)
        award = Award.objects.create(
            proposal=proposal,
            number=f"TEST-B-{i}",
            year=2019,
            amount=Money(Decimal(1000), "EUR"),
            period_start=dt.date(2019, 1, 1),
            period_end=dt.date(2019, 12, 31),
        )
        DecisionLetter.objects.create(
            award=award, addressee="A", signatory="S", pdf=b"%PDF", sha256="0" * 64
        )


LISTS = [
    "/api/v1/proposals/",
    "/api/v1/meetings/",
    "/api/v1/awards/",
    "/api/v1/funds/",
    "/api/v1/contributions/",
]


def test_list_query_counts_do_not_grow_with_the_data(as_user, django_assert_num_queries):
    client = as_user("two")
    for url in LISTS:
        client.get(url)  # the token's last_used is written once, before we count
    counts = {}
    for url in LISTS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{url}{ALL}").status_code == 200
        counts[url] = len(queries)
    _grow(25)
    for url in LISTS:
        with django_assert_num_queries(counts[url]):
            assert client.get(f"{url}{ALL}").status_code == 200
    # pinned: token, user's roles and memberships, page with its count, each prefetch
    assert counts == PINNED


PINNED = {
    # the token, the roles and staff organisations, the page with its count (api.pagination), the
    # prefetches
    "/api/v1/proposals/": 6,
    "/api/v1/meetings/": 4,
    "/api/v1/awards/": 4,
    "/api/v1/funds/": 4,
    "/api/v1/contributions/": 3,
}
